/**
 * What the live timeline repaints, and when. The plot (lanes, spans, markers, arrows, axis) and
 * the debugger's cursor live on two stacked canvases: a step only moves the cursor, so it
 * repaints one 2-px line on the overlay, while the plot is prepared and drawn again only when
 * something it shows changed (view, lanes, size, selection, hover, theme). On a 10,000-lane,
 * million-event run that keeps a step to a fraction of a millisecond of timeline work.
 */
import { createFrame, prepareFrame } from './frame';
import type { Frame } from './frame';
import type { Axis, TimelineModel } from './model';
import { drawCursor, TimelineRenderer } from './render';
import type { DrawOptions, TimelineLayout, TimelineTheme } from './render';
import type { TimeScale } from './time-scale';

/** Everything the plot canvas shows. `options` is compared by identity: keep it memoized. */
export interface PlotView {
  model: TimelineModel;
  axis: Axis;
  scale: TimeScale;
  firstLane: number;
  lastLane: number;
  layout: TimelineLayout;
  /** Device pixels per CSS pixel. */
  dpr: number;
  options: DrawOptions;
}

/** Everything the cursor overlay shows. */
export interface CursorView {
  model: TimelineModel;
  axis: Axis;
  scale: TimeScale;
  layout: TimelineLayout;
  dpr: number;
  /** The debugger's step, -1 for none. */
  step: number;
  theme: TimelineTheme;
}

/** The 2D context of a canvas sized to `layout` at `dpr` (resized only when it changed). */
function sized(
  canvas: HTMLCanvasElement,
  layout: TimelineLayout,
  dpr: number,
): CanvasRenderingContext2D | null {
  const w = Math.round(layout.width * dpr);
  const h = Math.round(layout.height * dpr);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${layout.width}px`;
    canvas.style.height = `${layout.height}px`;
  }
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

function sameLayout(a: TimelineLayout, b: TimelineLayout): boolean {
  return (
    a.width === b.width &&
    a.height === b.height &&
    a.plotLeft === b.plotLeft &&
    a.header === b.header &&
    a.laneHeight === b.laneHeight &&
    a.scrollTop === b.scrollTop &&
    a.footer === b.footer
  );
}

/** Paints a live timeline on its plot and cursor canvases, skipping work that would repeat. */
export class TimelinePainter {
  /** How many times the plot was prepared and drawn, and the cursor drawn (for tests). */
  plotDraws = 0;
  cursorDraws = 0;
  private readonly renderer = new TimelineRenderer();
  private readonly frame: Frame = createFrame();
  private lastPlot: PlotView | null = null;
  private lastCursor: CursorView | null = null;

  /** Prepares and draws the plot unless it already shows `view`; returns whether it drew. */
  plot(canvas: HTMLCanvasElement, view: PlotView): boolean {
    const last = this.lastPlot;
    if (
      last &&
      canvas.width === Math.round(view.layout.width * view.dpr) &&
      last.model === view.model &&
      last.axis === view.axis &&
      last.scale === view.scale &&
      last.firstLane === view.firstLane &&
      last.lastLane === view.lastLane &&
      last.dpr === view.dpr &&
      last.options === view.options &&
      sameLayout(last.layout, view.layout)
    )
      return false;
    const ctx = sized(canvas, view.layout, view.dpr);
    if (!ctx) return false;
    prepareFrame(this.frame, view.model, view.axis, view.scale, view.firstLane, view.lastLane);
    this.renderer.draw(ctx, this.frame, view.model, view.layout, view.options);
    this.lastPlot = view;
    this.plotDraws++;
    return true;
  }

  /** Redraws the cursor overlay unless it already shows `view`; returns whether it drew. */
  cursor(canvas: HTMLCanvasElement, view: CursorView): boolean {
    const last = this.lastCursor;
    if (
      last &&
      canvas.width === Math.round(view.layout.width * view.dpr) &&
      last.model === view.model &&
      last.axis === view.axis &&
      last.scale === view.scale &&
      last.step === view.step &&
      last.dpr === view.dpr &&
      last.theme === view.theme &&
      sameLayout(last.layout, view.layout)
    )
      return false;
    const ctx = sized(canvas, view.layout, view.dpr);
    if (!ctx) return false;
    ctx.clearRect(0, 0, view.layout.width, view.layout.height);
    if (view.step >= 0) {
      drawCursor(ctx, view.scale, view.model, view.axis, view.layout, view.step, view.theme);
    }
    this.lastCursor = view;
    this.cursorDraws++;
    return true;
  }
}
