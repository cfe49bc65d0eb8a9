/**
 * The synchronous draw: paints a prepared Frame on a 2D canvas context. It only reads the frame
 * and a few view numbers, batches rectangles by fill style (one path and one fill per colour),
 * and never walks the model's spans itself. The same styles feed the SVG export (svg.ts), so the
 * picture in a slide matches the screen.
 */
import { english } from '../english';
import type { Translate } from '../english';
import { NO_TASK_COLOR, taskColor } from '../palette';
import type { Frame } from './frame';
import {
  spanLabel,
  stepX,
  STATE_COUNT,
  SpanState,
  MarkerKind,
  ArrowKind,
  laneTitle,
  laneSubtitle,
  truncate,
} from './model';
import type { TimelineModel } from './model';
import { niceTicks } from './time-scale';
import type { TimeScale } from './time-scale';

/**
 * Colours of the timeline chrome, matched to the page's theme (`data-theme` on <html>; see
 * timelineThemeFor). Task colours come from the shared palette in both themes.
 */
export interface TimelineTheme {
  background: string;
  stripe: string;
  selected: string;
  grid: string;
  gridStrong: string;
  text: string;
  textDim: string;
  cursor: string;
  header: string;
  brush: string;
  /** Wash over the lane under the pointer. */
  hover: string;
  /** Swatch of the event loop's lane label. */
  loopSwatch: string;
  /** Marker fills by MarkerKind, and cause-arrow strokes by ArrowKind. */
  markerFill: readonly string[];
  arrowStroke: readonly string[];
  font: string;
}

/** Fixed state colours (the ones not taken from the task). */
export const STATE_FILL = {
  blocked: '#ff5f56',
  done: '#6e7681',
  failed: '#ff7b72',
  cancelled: '#ffa657',
  suspended: '#8b949e',
  open: '#4dd4c6',
};

export const MARKER_FILL: readonly string[] = [
  '#e6edf3', // created
  '#ffa657', // cancel requested
  '#ffa657', // cancel delivered
  '#ff5f56', // exception
  '#7ee787', // result
  '#ff7b72', // failed
  '#ffa657', // cancelled
  '#c9d1d9', // stdout
  '#ff7b72', // stderr
  '#ffd866', // warning
  '#4dd4c6', // send
  '#4dd4c6', // recv
  '#ff5f56', // blocked
  '#f0f6fc', // run end
];

export const ARROW_STROKE: readonly string[] = ['#f0f6fc', '#79c0ff', '#ffa657', '#8b949e'];

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export const DARK_THEME: TimelineTheme = {
  background: '#14161c',
  stripe: '#181b22',
  selected: '#233047',
  grid: '#232732',
  gridStrong: '#2f3545',
  text: '#e6edf3',
  textDim: '#8b949e',
  cursor: '#f0f6fc',
  header: '#1b1f27',
  brush: 'rgba(121, 192, 255, 0.18)',
  hover: 'rgba(255,255,255,0.03)',
  loopSwatch: '#f0f6fc',
  markerFill: MARKER_FILL,
  arrowStroke: ARROW_STROKE,
  font: FONT,
};

/**
 * The light page theme (`theme=light` in a link): the shell's light colours (course.css); the
 * lane labels beside the canvas use the same ones (timeline.css). Markers and arrows that are
 * near-white on the dark canvas turn dark, the coloured ones deepen to keep their contrast.
 */
export const LIGHT_THEME: TimelineTheme = {
  background: '#ffffff',
  stripe: '#f5f7fa',
  selected: '#dde8f7',
  grid: '#e8ecf2',
  gridStrong: '#d3d9e4',
  text: '#1c2230',
  textDim: '#566074',
  cursor: '#1c2230',
  header: '#eef1f6',
  brush: 'rgba(31, 111, 191, 0.14)',
  hover: 'rgba(0,0,0,0.035)',
  loopSwatch: '#1c2230',
  markerFill: [
    '#1c2230', // created
    '#d9730d', // cancel requested
    '#d9730d', // cancel delivered
    '#d93025', // exception
    '#1a7f37', // result
    '#cf222e', // failed
    '#d9730d', // cancelled
    '#57606a', // stdout
    '#cf222e', // stderr
    '#b08800', // warning
    '#0f8f83', // send
    '#0f8f83', // recv
    '#d93025', // blocked
    '#1c2230', // run end
  ],
  arrowStroke: ['#1c2230', '#1f6fbf', '#d9730d', '#6e7781'],
  font: FONT,
};

/** The timeline's colours for a page theme (`data-theme`): anything but 'light' is dark. */
export function timelineThemeFor(pageTheme: string | null | undefined): TimelineTheme {
  return pageTheme === 'light' ? LIGHT_THEME : DARK_THEME;
}

/** How one paint key looks: colour, opacity and the band of the lane it fills. */
export interface SpanStyle {
  fill: string;
  alpha: number;
  /** Top and height as fractions of the lane's inner height. */
  top: number;
  height: number;
}

/** Added to a paint key to draw it faded (another task's callbacks while one is selected). */
export const DIM = 1 << 28;

/**
 * The key a rectangle is drawn with: with a task selected, the loop lane fades the callbacks of
 * every other task, so the selected task's turns on the loop stand out.
 */
export function displayKey(key: number, lane: number, focusTask: number): number {
  if (focusTask < 0 || lane !== 0 || (key & 15) !== SpanState.CALLBACK) return key;
  return (key >> 4) - 1 === focusTask ? key : key + DIM;
}

/** Style of a paint key (see frame.paintKey): (task colour + 1) * 16 + state. */
export function spanStyle(key: number): SpanStyle {
  if (key >= DIM) {
    const st = spanStyle(key - DIM);
    return { ...st, alpha: st.alpha * 0.3 };
  }
  const state = key & 15;
  const task = (key >> 4) - 1;
  const colour = task >= 0 ? taskColor(task) : NO_TASK_COLOR;
  switch (state) {
    case SpanState.RUNNING:
      return { fill: colour, alpha: 1, top: 0, height: 1 };
    case SpanState.CALLBACK:
      return { fill: colour, alpha: task >= 0 ? 1 : 0.75, top: 0, height: 1 };
    case SpanState.READY:
      return { fill: colour, alpha: 0.32, top: 0.12, height: 0.76 };
    case SpanState.SUSPENDED:
      return {
        fill: task >= 0 ? colour : STATE_FILL.suspended,
        alpha: 0.45,
        top: 0.42,
        height: 0.16,
      };
    case SpanState.BLOCKED:
      return { fill: STATE_FILL.blocked, alpha: 1, top: 0, height: 1 };
    case SpanState.DONE:
      return { fill: STATE_FILL.done, alpha: 0.35, top: 0.46, height: 0.08 };
    case SpanState.FAILED:
      return { fill: STATE_FILL.failed, alpha: 0.5, top: 0.44, height: 0.12 };
    case SpanState.CANCELLED:
      return { fill: STATE_FILL.cancelled, alpha: 0.5, top: 0.44, height: 0.12 };
    default:
      return { fill: STATE_FILL.open, alpha: 0.35, top: 0.3, height: 0.4 };
  }
}

/** Geometry of the drawing, in CSS pixels. */
export interface TimelineLayout {
  /** Total width and height of the drawing surface. */
  width: number;
  height: number;
  /** Left edge of the plot (a label gutter sits left of it when labels are drawn). */
  plotLeft: number;
  /** Height of the time-axis header at the top. */
  header: number;
  laneHeight: number;
  /** Pixels scrolled down the lane list. */
  scrollTop: number;
  /** Height of a legend strip at the bottom (exports), 0 or absent for none. */
  footer?: number;
}

export interface DrawOptions {
  selectedLane: number;
  /** Task whose callbacks stay bright on the loop lane, -1 for none. */
  focusTask?: number;
  hoverLane: number;
  /** Step of the debugger cursor, -1 for none. */
  cursorStep: number;
  /** Cause arrows to draw (indexes into model.arrows). */
  arrows: readonly number[];
  /** Shift-drag selection in plot pixels, or null. */
  brush: [number, number] | null;
  /** Draw lane titles in the gutter (exports; the live view has DOM labels). */
  labels: boolean;
  theme: TimelineTheme;
  /** Translator for the drawn words (titles, lane labels, legend); English when absent. */
  t?: Translate;
}

export const LANE_HEIGHT = 22;
export const HEADER_HEIGHT = 28;
const INSET = 3;

/** Y of the top of a lane, in CSS pixels. */
export function laneY(layout: TimelineLayout, lane: number): number {
  return layout.header + lane * layout.laneHeight - layout.scrollTop;
}

/** Label of an axis tick: steps as integers, seconds in the unit the tick spacing needs. */
export function tickLabel(axis: 'logical' | 'virtual', v: number, step: number): string {
  if (axis === 'logical') return v.toLocaleString('en-US');
  const unit = step < 1e-3 ? 1e-6 : step < 1 ? 1e-3 : 1;
  const name = unit === 1e-6 ? 'µs' : unit === 1e-3 ? 'ms' : 's';
  const digits = Math.max(0, Math.min(6, -Math.floor(Math.log10(step / unit) + 1e-9)));
  return `${(v / unit).toFixed(digits)} ${name}`;
}

function wholeSteps(start: number, end: number): number[] {
  const out: number[] = [];
  // `+ 0` turns the -0 that Math.ceil gives for a start in (-1, 0) into 0 (a "-0" tick).
  for (let v = Math.ceil(start) + 0; v <= end && out.length < 1000; v++) out.push(v);
  return out;
}

/** Ticks of the frame's axis: value, pixel x, label. */
export function frameTicks(frame: Frame): { x: number; label: string }[] {
  const s = frame.scale;
  const count = Math.max(2, Math.floor(s.width / 110));
  // Steps are whole: never tick between two of them.
  const { step, ticks } =
    frame.axis === 'logical' && s.span / count < 1
      ? { step: 1, ticks: wholeSteps(s.start, s.end) }
      : niceTicks(s.start, s.end, count);
  const out: { x: number; label: string }[] = [];
  for (const v of ticks) {
    if (frame.axis === 'logical' && v < 0) continue;
    out.push({ x: s.toPx(v), label: tickLabel(frame.axis, v, step) });
  }
  return out;
}

/** Paints frames; keeps a per-model cache from paint key to style slot. */
export class TimelineRenderer {
  private styles: SpanStyle[] = [];
  private styleSlot = new Map<string, number>();
  private keySlot = new Map<number, number>();
  private counts = new Int32Array(64);
  private order = new Int32Array(4096);
  private focusTask = -1;

  private slotOf(key: number): number {
    let slot = this.keySlot.get(key);
    if (slot !== undefined) return slot;
    const st = spanStyle(key);
    const id = `${st.fill}|${st.alpha}|${st.top}|${st.height}`;
    slot = this.styleSlot.get(id);
    if (slot === undefined) {
      slot = this.styles.length;
      this.styles.push(st);
      this.styleSlot.set(id, slot);
    }
    this.keySlot.set(key, slot);
    return slot;
  }

  draw(
    ctx: CanvasRenderingContext2D,
    frame: Frame,
    model: TimelineModel,
    layout: TimelineLayout,
    opts: DrawOptions,
  ): void {
    const { theme } = opts;
    const { width, height, plotLeft, header, laneHeight: lh } = layout;
    const plotW = frame.scale.width;
    ctx.save();
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, width, height);

    // Lane backgrounds: alternate stripes and the selected lane.
    for (let lane = frame.firstLane; lane < frame.lastLane; lane++) {
      const y = laneY(layout, lane);
      if (lane === opts.selectedLane) ctx.fillStyle = theme.selected;
      else if (lane % 2 === 1) ctx.fillStyle = theme.stripe;
      else continue;
      ctx.fillRect(0, y, width, lh);
    }
    if (opts.hoverLane >= 0 && opts.hoverLane !== opts.selectedLane) {
      ctx.fillStyle = theme.hover;
      ctx.fillRect(0, laneY(layout, opts.hoverLane), width, lh);
    }
    // The loop lane is the point of the picture: set it apart with a rule under it.
    if (frame.firstLane === 0) {
      ctx.fillStyle = theme.gridStrong;
      ctx.fillRect(0, laneY(layout, 1) - 1, width, 1);
    }

    ctx.beginPath();
    ctx.rect(plotLeft, header, plotW, height - header);
    ctx.clip();

    // Grid: iteration boundaries (logical axis, when they are far enough apart), then ticks.
    const ticks = frameTicks(frame);
    if (frame.axis === 'logical') {
      const its = model.iterations;
      const s = frame.scale;
      let lo = 0;
      let hi = its.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (its[mid] < s.start) lo = mid + 1;
        else hi = mid;
      }
      let lastX = -Infinity;
      ctx.fillStyle = theme.grid;
      for (let i = lo; i < its.length && its[i] <= s.end; i++) {
        const x = plotLeft + s.toPx(its[i]);
        if (x - lastX < 6) continue;
        ctx.fillRect(Math.round(x), header, 1, height - header);
        lastX = x;
      }
    }
    ctx.fillStyle = theme.gridStrong;
    for (const t of ticks) ctx.fillRect(Math.round(plotLeft + t.x), header, 1, height - header);

    this.focusTask = opts.focusTask ?? -1;
    this.drawSpans(ctx, frame, layout);
    drawSpanLabels(ctx, frame, model, layout, theme, opts.t);
    this.drawMarkers(ctx, frame, layout, theme);
    this.drawArrows(ctx, frame, model, layout, opts);

    if (opts.brush) {
      const [a, b] = opts.brush;
      ctx.fillStyle = theme.brush;
      ctx.fillRect(plotLeft + Math.min(a, b), header, Math.abs(b - a), height - header);
    }
    ctx.restore();

    // Header: axis labels and the cursor.
    ctx.save();
    ctx.fillStyle = theme.header;
    ctx.fillRect(0, 0, width, header);
    ctx.fillStyle = theme.gridStrong;
    ctx.fillRect(0, header - 1, width, 1);
    ctx.font = `11px ${theme.font}`;
    ctx.textBaseline = 'middle';
    ctx.fillStyle = theme.textDim;
    ctx.beginPath();
    ctx.rect(plotLeft, 0, plotW, header);
    ctx.clip();
    for (const t of ticks) {
      ctx.fillRect(Math.round(plotLeft + t.x), header - 6, 1, 6);
      ctx.fillText(t.label, plotLeft + t.x + 4, header / 2);
    }
    ctx.restore();

    if (opts.cursorStep >= 0) {
      drawCursor(ctx, frame.scale, model, frame.axis, layout, opts.cursorStep, theme);
    }

    if (opts.labels) {
      this.drawLabels(ctx, frame, model, layout, opts);
      ctx.save();
      ctx.font = `600 12px ${theme.font}`;
      ctx.textBaseline = 'middle';
      ctx.fillStyle = theme.text;
      ctx.fillText(exportTitle(model, frame.axis, opts.t), 10, header / 2, plotLeft - 16);
      ctx.restore();
    }
    if (layout.footer) drawLegend(ctx, layout, opts.theme, opts.t);
  }

  private drawSpans(ctx: CanvasRenderingContext2D, frame: Frame, layout: TimelineLayout): void {
    const n = frame.rectCount;
    if (this.order.length < n) this.order = new Int32Array(Math.max(n, this.order.length * 2));
    const slots = new Int32Array(n);
    const focus = this.focusTask;
    for (let i = 0; i < n; i++)
      slots[i] = this.slotOf(displayKey(frame.rectKey[i], frame.rectLane[i], focus));
    const S = this.styles.length;
    if (this.counts.length < S + 1) this.counts = new Int32Array(S * 2 + 1);
    const counts = this.counts;
    counts.fill(0, 0, S + 1);
    for (let i = 0; i < n; i++) counts[slots[i] + 1]++;
    for (let s = 0; s < S; s++) counts[s + 1] += counts[s];
    const starts = counts.slice(0, S + 1);
    const order = this.order;
    for (let i = 0; i < n; i++) order[counts[slots[i]]++] = i;
    const inner = layout.laneHeight - 2 * INSET;
    const round = typeof ctx.roundRect === 'function';
    for (let s = 0; s < S; s++) {
      const a = starts[s];
      const b = starts[s + 1];
      if (a === b) continue;
      const st = this.styles[s];
      ctx.globalAlpha = st.alpha;
      ctx.fillStyle = st.fill;
      const dy = INSET + st.top * inner;
      const h = Math.max(1, st.height * inner);
      ctx.beginPath();
      for (let k = a; k < b; k++) {
        const i = order[k];
        const x0 = layout.plotLeft + frame.rectX0[i];
        const w = frame.rectX1[i] - frame.rectX0[i];
        const y = laneY(layout, frame.rectLane[i]) + dy;
        // Rounded ends read as blocks of work; slivers stay plain rectangles (cheaper, crisper).
        if (round && w >= 6 && h >= 6) ctx.roundRect(x0, y, w, h, 2.5);
        else ctx.rect(x0, y, w, h);
      }
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }

  private drawMarkers(
    ctx: CanvasRenderingContext2D,
    frame: Frame,
    layout: TimelineLayout,
    theme: TimelineTheme,
  ): void {
    const lh = layout.laneHeight;
    for (let i = 0; i < frame.markCount; i++) {
      const x = layout.plotLeft + frame.markX[i];
      const y = laneY(layout, frame.markLane[i]);
      markerPath(ctx, frame.markKind[i], x, y, lh, theme);
    }
  }

  private drawArrows(
    ctx: CanvasRenderingContext2D,
    frame: Frame,
    model: TimelineModel,
    layout: TimelineLayout,
    opts: DrawOptions,
  ): void {
    if (opts.arrows.length === 0) return;
    const ar = model.arrows;
    const lh = layout.laneHeight;
    // An end in a lane far above or below the view is drawn just past the edge instead: the
    // arrows from a run's main task to its 2,000th child span 44,000 px, and dashing curves that
    // long made a software-rasterized frame take over a second (QA: the first selection of main
    // in a 2,000-task run). What shows is the same: the arrow leaves the view towards that lane.
    const top = -2 * lh;
    const bottom = layout.height + 2 * lh;
    ctx.lineWidth = 1.5;
    for (const i of opts.arrows) {
      const x0 = layout.plotLeft + frame.scale.toPx(stepX(model, frame.axis, ar.fromStep[i]));
      const x1 = layout.plotLeft + frame.scale.toPx(stepX(model, frame.axis, ar.toStep[i]));
      const ya = laneY(layout, ar.fromLane[i]) + lh / 2;
      const yb = laneY(layout, ar.toLane[i]) + lh / 2;
      // Both ends on one side of the view: nothing of it shows.
      if ((ya < top && yb < top) || (ya > bottom && yb > bottom)) continue;
      const y0 = Math.min(Math.max(ya, top), bottom);
      const y1 = Math.min(Math.max(yb, top), bottom);
      const g = arrowGeometry(x0, y0, x1, y1);
      ctx.strokeStyle = opts.theme.arrowStroke[ar.kind[i]];
      ctx.fillStyle = opts.theme.arrowStroke[ar.kind[i]];
      ctx.setLineDash(ar.kind[i] === ArrowKind.SPAWN ? [3, 3] : []);
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.bezierCurveTo(g.c1x, g.c1y, g.c2x, g.c2y, x1, y1);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(g.h1x, g.h1y);
      ctx.lineTo(g.h2x, g.h2y);
      ctx.closePath();
      ctx.fill();
    }
  }

  private drawLabels(
    ctx: CanvasRenderingContext2D,
    frame: Frame,
    model: TimelineModel,
    layout: TimelineLayout,
    opts: DrawOptions,
  ): void {
    const { theme } = opts;
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, layout.header, layout.plotLeft, layout.height - layout.header);
    ctx.clip();
    ctx.textBaseline = 'middle';
    for (let lane = frame.firstLane; lane < frame.lastLane; lane++) {
      const y = laneY(layout, lane) + layout.laneHeight / 2;
      const l = laneLabel(model, lane, layout.plotLeft, opts.t, theme);
      ctx.fillStyle = l.swatch;
      ctx.fillRect(8, y - 4, 8, 8);
      ctx.font = `${lane === 0 ? '600 ' : ''}12px ${theme.font}`;
      ctx.fillStyle = theme.text;
      ctx.fillText(l.title, 22, y);
      const tw = ctx.measureText(l.title).width;
      ctx.font = `11px ${theme.font}`;
      ctx.fillStyle = theme.textDim;
      if (l.subtitle) ctx.fillText(l.subtitle, 28 + tw, y);
    }
    ctx.restore();
  }
}

/**
 * The debugger's cursor at `step`: a line down the plot and a tick in the header. The live view
 * draws it on its own overlay canvas (painter.ts), so a step does not redraw the plot; exports
 * draw it with the rest.
 */
export function drawCursor(
  ctx: CanvasRenderingContext2D,
  scale: TimeScale,
  model: TimelineModel,
  axis: 'logical' | 'virtual',
  layout: TimelineLayout,
  step: number,
  theme: TimelineTheme,
): void {
  const { plotLeft, header, height } = layout;
  const x = plotLeft + scale.toPx(stepX(model, axis, step));
  if (x < plotLeft - 1 || x > plotLeft + scale.width + 1) return;
  ctx.save();
  ctx.fillStyle = theme.cursor;
  ctx.globalAlpha = 0.9;
  ctx.fillRect(Math.round(x) - 1, header, 2, height - header);
  ctx.beginPath();
  ctx.moveTo(x - 6, header - 8);
  ctx.lineTo(x + 6, header - 8);
  ctx.lineTo(x, header);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

/** A code span of the model's texts ("queue `q`.join()"), for text drawn without markup. */
const CODE = /`([^`]*)`/g;

/** Minimum width (px) of a span before its label is drawn inside it. */
const LABEL_MIN_WIDTH = 56;

/** Labels inside wide spans: each with its x, baseline y and (character-cut) text. */
export function spanLabels(
  frame: Frame,
  model: TimelineModel,
  layout: TimelineLayout,
  t: Translate = english,
): { x: number; y: number; text: string; onFill: boolean }[] {
  const out = [];
  for (let i = 0; i < frame.rectCount; i++) {
    const w = frame.rectX1[i] - frame.rectX0[i];
    if (w < LABEL_MIN_WIDTH) continue;
    const raw = frame.rectRaw[i];
    if (raw < 0 || model.spans.state[raw] !== (frame.rectKey[i] & 15)) continue;
    // Canvas and SVG text cannot set code apart: a name between backticks is drawn bare.
    const text = spanLabel(model, raw, t).replace(CODE, '$1');
    if (!text) continue;
    // Text starts at the visible part of the span, so it stays readable when panned.
    const x0 = Math.max(frame.rectX0[i], 0) + 5;
    const room = Math.min(frame.rectX1[i], frame.scale.width) - x0 - 4;
    const chars = Math.floor(room / 6);
    if (chars < 4) continue;
    const state = frame.rectKey[i] & 15;
    const onFill =
      state === SpanState.CALLBACK || state === SpanState.BLOCKED || state === SpanState.RUNNING;
    const y =
      laneY(layout, frame.rectLane[i]) +
      (onFill ? layout.laneHeight / 2 + 4 : layout.laneHeight / 2 - 3);
    out.push({ x: layout.plotLeft + x0, y, text: truncate(text, chars), onFill });
  }
  return out;
}

function drawSpanLabels(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  model: TimelineModel,
  layout: TimelineLayout,
  theme: TimelineTheme,
  t: Translate = english,
) {
  const labels = spanLabels(frame, model, layout, t);
  if (labels.length === 0) return;
  ctx.font = `10px ${theme.font}`;
  ctx.textBaseline = 'alphabetic';
  for (const l of labels) {
    ctx.fillStyle = l.onFill ? 'rgba(10, 12, 16, 0.85)' : theme.textDim;
    ctx.fillText(l.text, l.x, l.y);
  }
}

/** Heading of an exported picture: the file and the axis. */
export function exportTitle(
  model: TimelineModel,
  axis: 'logical' | 'virtual',
  t: Translate = english,
): string {
  const words =
    axis === 'logical'
      ? t('timeline.draw.axisSteps', 'steps')
      : t('timeline.corner.virtual', 'virtual time');
  return `${model.trace.meta.filename || 'main.py'} · ${words}`;
}

/**
 * What the legend explains, in order: span states (by paint key) and marker kinds. `label` is
 * the English text of the i18n key `text`.
 */
export const LEGEND_ITEMS: readonly {
  label: string;
  text: string;
  key?: number;
  marker?: number;
}[] = [
  { label: 'running', text: 'timeline.state.running', key: 16 + SpanState.RUNNING },
  { label: 'ready', text: 'timeline.state.ready', key: 16 + SpanState.READY },
  { label: 'suspended', text: 'timeline.state.suspended', key: 16 + SpanState.SUSPENDED },
  { label: 'blocked', text: 'timeline.state.blocked', key: SpanState.BLOCKED },
  { label: 'done', text: 'timeline.state.done', key: SpanState.DONE },
  { label: 'failed', text: 'timeline.state.failed', key: SpanState.FAILED },
  { label: 'cancelled', text: 'timeline.state.cancelled', key: SpanState.CANCELLED },
  { label: 'created', text: 'timeline.legendMarker.created', marker: MarkerKind.CREATED },
  { label: 'cancel()', text: 'timeline.legendMarker.cancel', marker: MarkerKind.CANCEL_REQUESTED },
  {
    label: 'CancelledError',
    text: 'timeline.legendMarker.cancelled',
    marker: MarkerKind.CANCEL_DELIVERED,
  },
  { label: 'result', text: 'timeline.legendMarker.result', marker: MarkerKind.RESULT },
  { label: 'exception', text: 'timeline.legendMarker.exception', marker: MarkerKind.EXCEPTION },
  { label: 'output', text: 'timeline.legendMarker.output', marker: MarkerKind.STDOUT },
];

/** Rough drawn width of a label at 11px: CJK characters are about twice as wide as Latin ones. */
function labelWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 11 : 6.2;
  return w;
}

/** Positions and words of legend items in a strip starting at x; widths estimated per character. */
export function legendLayout(
  x: number,
  t: Translate = english,
): { x: number; item: (typeof LEGEND_ITEMS)[number]; label: string }[] {
  const out = [];
  for (const item of LEGEND_ITEMS) {
    const label = t(item.text, item.label);
    out.push({ x, item, label });
    x += 26 + labelWidth(label) + 14;
  }
  return out;
}

function drawLegend(
  ctx: CanvasRenderingContext2D,
  layout: TimelineLayout,
  theme: TimelineTheme,
  t: Translate = english,
) {
  const h = layout.footer ?? 0;
  const top = layout.height - h;
  ctx.save();
  ctx.fillStyle = theme.header;
  ctx.fillRect(0, top, layout.width, h);
  ctx.fillStyle = theme.gridStrong;
  ctx.fillRect(0, top, layout.width, 1);
  ctx.font = `11px ${theme.font}`;
  ctx.textBaseline = 'middle';
  const cy = top + h / 2;
  for (const { x, item, label } of legendLayout(12, t)) {
    if (item.key !== undefined) {
      const st = spanStyle(item.key);
      const bh = Math.max(2, st.height * 12);
      ctx.globalAlpha = st.alpha;
      ctx.fillStyle = st.fill;
      ctx.fillRect(x, cy - bh / 2, 20, bh);
      ctx.globalAlpha = 1;
    } else if (item.marker !== undefined) {
      markerPath(ctx, item.marker, x + 10, cy - layout.laneHeight / 2, layout.laneHeight, theme);
    }
    ctx.fillStyle = theme.textDim;
    ctx.fillText(label, x + 26, cy);
  }
  ctx.restore();
}

/** Title, subtitle and swatch of a lane label, cut to fit `width` pixels roughly. */
export function laneLabel(
  model: TimelineModel,
  lane: number,
  width: number,
  t: Translate = english,
  theme: TimelineTheme = DARK_THEME,
) {
  const kind = model.laneKind[lane];
  const ref = model.laneRef[lane];
  const swatch = kind === 1 ? taskColor(ref) : kind === 0 ? theme.loopSwatch : STATE_FILL.open;
  const chars = Math.max(8, Math.floor((width - 30) / 6.5));
  const title = truncate(laneTitle(model, lane, t), Math.min(28, chars));
  const full = laneSubtitle(model, lane, t);
  const subtitle = truncate(full, Math.max(0, chars - title.length - 2));
  // A whole subtitle shows however short (a coroutine called `a`); a cut one only when enough
  // of it is left to read.
  return { title, subtitle: subtitle === full || subtitle.length > 3 ? subtitle : '', swatch };
}

/** Control points and arrowhead of a cause arrow from (x0,y0) to (x1,y1). */
export function arrowGeometry(x0: number, y0: number, x1: number, y1: number) {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let c1x: number, c1y: number, c2x: number, c2y: number;
  if (Math.abs(dx) > 40) {
    // Far apart in time: a flowing S from one lane to the other.
    c1x = x0 + dx / 2;
    c1y = y0;
    c2x = x1 - dx / 2;
    c2y = y1;
  } else {
    // Nearly the same moment (common at t=0): bow to the right so the arrow stays readable.
    const bow = 10 + 0.3 * Math.abs(dy);
    c1x = x0 + bow;
    c1y = y0 + dy / 3;
    c2x = x1 + bow;
    c2y = y0 + (2 * dy) / 3;
  }
  const ang = Math.atan2(y1 - c2y, x1 - c2x);
  const L = 7;
  return {
    c1x,
    c1y,
    c2x,
    c2y,
    h1x: x1 - L * Math.cos(ang - 0.45),
    h1y: y1 - L * Math.sin(ang - 0.45),
    h2x: x1 - L * Math.cos(ang + 0.45),
    h2y: y1 - L * Math.sin(ang + 0.45),
  };
}

/** Shape of a marker kind, as a list of polygons in a unit box centred at (0, 0). */
export function markerShape(kind: number): { polys: number[][]; stroke?: boolean } {
  switch (kind) {
    case MarkerKind.CREATED:
      return { polys: [[-3, -3, 3, 0, -3, 3]] }; // a play triangle: the task starts here
    case MarkerKind.CANCEL_REQUESTED:
      return {
        polys: [
          [-4, -3, -3, -4, 4, 3, 3, 4],
          [3, -4, 4, -3, -3, 4, -4, 3],
        ],
      };
    case MarkerKind.CANCEL_DELIVERED:
      return { polys: [[-4, -3, 4, -3, 0, 4]] };
    case MarkerKind.EXCEPTION:
    case MarkerKind.FAILED:
      return { polys: [[0, -5, 5, 0, 0, 5, -5, 0]] };
    case MarkerKind.RESULT:
      return { polys: [[-2, -4, 2, -4, 4, -2, 4, 2, 2, 4, -2, 4, -4, 2, -4, -2]] };
    case MarkerKind.CANCELLED:
      return { polys: [[-3.5, -3.5, 3.5, -3.5, 3.5, 3.5, -3.5, 3.5]] };
    case MarkerKind.STDOUT:
    case MarkerKind.STDERR:
      return { polys: [[-0.75, -9, 0.75, -9, 0.75, -4, -0.75, -4]] };
    case MarkerKind.WARNING:
      return { polys: [[0, -5, 5, 4, -5, 4]] };
    case MarkerKind.SEND:
      return { polys: [[-3, -4, 4, 0, -3, 4]] };
    case MarkerKind.RECV:
      return { polys: [[3, -4, -4, 0, 3, 4]] };
    case MarkerKind.BLOCKED:
      return { polys: [[-1, -8, 1, -8, 1, 8, -1, 8]] };
    default:
      return { polys: [[-1, -11, 1, -11, 1, 11, -1, 11]] };
  }
}

function markerPath(
  ctx: CanvasRenderingContext2D,
  kind: number,
  x: number,
  y: number,
  lh: number,
  theme: TimelineTheme,
) {
  const cy = y + lh / 2;
  const shape = markerShape(kind);
  ctx.fillStyle = theme.markerFill[kind];
  // The outline detaches a marker from the spans under it.
  ctx.strokeStyle = theme.background;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const p of shape.polys) {
    ctx.moveTo(x + p[0], cy + p[1]);
    for (let k = 2; k < p.length; k += 2) ctx.lineTo(x + p[k], cy + p[k + 1]);
    ctx.closePath();
  }
  if (kind !== MarkerKind.STDOUT && kind !== MarkerKind.STDERR) ctx.stroke();
  ctx.fill();
}

export { STATE_COUNT };
