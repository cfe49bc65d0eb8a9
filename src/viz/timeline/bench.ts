/**
 * Timeline benchmarks, exported for `npm run bench` (bench/): building the model for a
 * 10,000-lane / 1,000,000-event trace (goal: under 1 s), and the frame time of pan and zoom on it
 * (goal: p95 under 16 ms in Chromium). Both accept a trace; without one they use the shared
 * synthetic trace generator.
 */
import type { TraceColumns } from '../../trace/schema';
import { createFrame, limitsFor, prepareFrame } from './frame';
import { buildTimelineModel } from './model';
import type { Axis, TimelineModel } from './model';
import { DARK_THEME, HEADER_HEIGHT, LANE_HEIGHT, TimelineRenderer } from './render';
import type { DrawOptions, TimelineLayout } from './render';
import { TimelinePainter } from './painter';
import { syntheticTrace } from '../../trace/synthetic';
import { TimeScale } from './time-scale';

export interface BenchTraceOptions {
  tasks?: number;
  events?: number;
  trace?: TraceColumns;
}

/**
 * The benchmark trace: the shared synthetic run (src/trace/synthetic.ts) with 10,000 workers of
 * six sleeps each, about 1,040,000 events; `events` instead sizes it by event count.
 */
function traceFor(opts: BenchTraceOptions): TraceColumns {
  if (opts.trace) return opts.trace;
  const tasks = opts.tasks ?? 10_000;
  if (opts.events !== undefined) {
    // About 15 events per sleep plus 14 per task (see src/trace/synthetic.ts).
    const sleeps = Math.max(1, Math.round((opts.events / tasks - 14) / 15));
    return syntheticTrace({ tasks, sleeps });
  }
  return syntheticTrace({ tasks, sleeps: 6 });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface ModelBenchResult {
  events: number;
  lanes: number;
  spans: number;
  /** Each run's build time, ms. */
  runs: number[];
  medianMs: number;
  bestMs: number;
  /** Bytes held by the model's own arrays (not the trace's), per event. */
  bytesPerEvent: number;
}

/** Times buildTimelineModel `runs` times (after one warm-up) on the trace. */
export function benchTimelineModel(
  opts: BenchTraceOptions & { runs?: number } = {},
): ModelBenchResult {
  const trace = traceFor(opts);
  const runs: number[] = [];
  let model = buildTimelineModel(trace); // warm-up: JIT and allocation paths
  for (let r = 0; r < (opts.runs ?? 5); r++) {
    const t0 = performance.now();
    model = buildTimelineModel(trace);
    runs.push(performance.now() - t0);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    events: model.eventCount,
    lanes: model.laneCount,
    spans: model.spans.s0.length,
    runs,
    medianMs: percentile(sorted, 50),
    bestMs: sorted[0],
    bytesPerEvent: timelineModelBytes(model) / Math.max(1, model.eventCount),
  };
}

export interface DrawBenchResult {
  frames: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Mean time of the prepare half (culling, merging) and the draw half, ms. */
  prepareMeanMs: number;
  drawMeanMs: number;
}

/**
 * Pans, zooms and scrolls a timeline of the trace on `canvas` for `frames` frames, timing each
 * frame's prepare + draw. With `flush`, each frame reads one pixel back, which makes the browser
 * finish rasterizing the frame inside the measurement (a stricter figure). Browser only.
 */
export function benchTimelineDraw(
  canvas: HTMLCanvasElement,
  opts: BenchTraceOptions & {
    model?: TimelineModel;
    frames?: number;
    width?: number;
    height?: number;
    axis?: Axis;
    flush?: boolean;
  } = {},
): DrawBenchResult {
  const model = opts.model ?? buildTimelineModel(traceFor(opts));
  const width = opts.width ?? 1280;
  const height = opts.height ?? 720;
  const dpr = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const axis = opts.axis ?? 'logical';
  const renderer = new TimelineRenderer();
  const frame = createFrame();
  let scale = TimeScale.fit(limitsFor(model, axis), width);
  const visibleLanes = Math.ceil((height - HEADER_HEIGHT) / LANE_HEIGHT) + 1;
  const maxScroll = Math.max(0, model.laneCount * LANE_HEIGHT - (height - HEADER_HEIGHT));
  let scrollTop = 0;
  const n = opts.frames ?? 240;
  const times: number[] = [];
  let prep = 0;
  let draw = 0;
  for (let f = 0; f < n; f++) {
    // A gesture mix: zoom in at the middle, pan right, zoom out, jump the lane list.
    const phase = f % 60;
    if (phase < 20) scale = scale.zoomAt(width * 0.5, 1.25);
    else if (phase < 40) scale = scale.pan(width * 0.05);
    else scale = scale.zoomAt(width * 0.3, 1 / 1.25);
    if (f % 15 === 0) scrollTop = ((f * 7919 * LANE_HEIGHT) % (maxScroll + 1)) | 0;
    const t0 = performance.now();
    const first = Math.floor(scrollTop / LANE_HEIGHT);
    prepareFrame(frame, model, axis, scale, first, first + visibleLanes);
    const t1 = performance.now();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    renderer.draw(
      ctx,
      frame,
      model,
      { width, height, plotLeft: 0, header: HEADER_HEIGHT, laneHeight: LANE_HEIGHT, scrollTop },
      {
        selectedLane: -1,
        hoverLane: -1,
        cursorStep: Math.floor(scale.toDomain(width / 2)),
        arrows: [],
        brush: null,
        labels: false,
        theme: DARK_THEME,
      },
    );
    if (opts.flush) ctx.getImageData(0, 0, 1, 1);
    const t2 = performance.now();
    prep += t1 - t0;
    draw += t2 - t1;
    times.push(t2 - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    frames: n,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted[sorted.length - 1],
    prepareMeanMs: prep / n,
    drawMeanMs: draw / n,
  };
}

export interface StepBenchResult {
  steps: number;
  /** A step now: the cursor overlay redrawn (the plot left as it is), ms. */
  cursor: { p50Ms: number; p95Ms: number };
  /** A step as it was: the visible lanes prepared and drawn again with the cursor, ms. */
  replot: { p50Ms: number; p95Ms: number };
  /** Plot draws during the cursor moves: 0 when steps leave the plot alone. */
  plotDrawsDuringSteps: number;
}

/**
 * The timeline's canvas work per debugger step on a fitted view (the cursor stays in view), as
 * the live component does it: `steps` cursor moves through TimelinePainter on a plot canvas and
 * an overlay canvas, against the same moves with the plot prepared and drawn every time (what
 * each step cost before the cursor had its own canvas). With `flush`, each step reads one pixel
 * back so rasterizing is inside the measurement. React's render of the panel is not included.
 * Browser only.
 */
export function benchTimelineStep(
  plotCanvas: HTMLCanvasElement,
  cursorCanvas: HTMLCanvasElement,
  opts: { model: TimelineModel; steps?: number; width?: number; height?: number; flush?: boolean },
): StepBenchResult {
  const { model } = opts;
  const width = opts.width ?? 1240;
  const height = opts.height ?? 300;
  const dpr = globalThis.devicePixelRatio || 1;
  const layout: TimelineLayout = {
    width,
    height,
    plotLeft: 0,
    header: HEADER_HEIGHT,
    laneHeight: LANE_HEIGHT,
    scrollTop: 0,
  };
  const scale = TimeScale.fit(limitsFor(model, 'logical'), width);
  const lanes = Math.ceil((height - HEADER_HEIGHT) / LANE_HEIGHT) + 1;
  const options = (cursorStep: number): DrawOptions => ({
    selectedLane: -1,
    hoverLane: -1,
    cursorStep,
    arrows: [],
    brush: null,
    labels: false,
    theme: DARK_THEME,
  });
  const plotOptions = options(-1);
  const painter = new TimelinePainter();
  const view = (o: DrawOptions) => ({
    model,
    axis: 'logical' as const,
    scale,
    firstLane: 0,
    lastLane: lanes,
    layout,
    dpr,
    options: o,
  });
  const n = opts.steps ?? 200;
  const mid = Math.floor(model.eventCount / 2);
  const stepAt = (k: number) => mid + (k % 2) + (k % 6 === 5 ? 40 : 0);
  const cursorTimes: number[] = [];
  const replotTimes: number[] = [];
  painter.plot(plotCanvas, view(plotOptions));
  const before = painter.plotDraws;
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    painter.plot(plotCanvas, view(plotOptions)); // nothing the plot shows changed
    painter.cursor(cursorCanvas, {
      model,
      axis: 'logical',
      scale,
      layout,
      dpr,
      step: stepAt(k),
      theme: DARK_THEME,
    });
    if (opts.flush) cursorCanvas.getContext('2d')?.getImageData(0, 0, 1, 1);
    cursorTimes.push(performance.now() - t0);
  }
  const plotDrawsDuringSteps = painter.plotDraws - before;
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    // A new options object per step, as the component built before: the plot is redrawn.
    painter.plot(plotCanvas, view(options(stepAt(k))));
    if (opts.flush) plotCanvas.getContext('2d')?.getImageData(0, 0, 1, 1);
    replotTimes.push(performance.now() - t0);
  }
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
  };
  return {
    steps: n,
    cursor: stats(cursorTimes),
    replot: stats(replotTimes),
    plotDrawsDuringSteps,
  };
}

/**
 * Bytes held by the model's own typed arrays (the trace's columns not included; arrays shared
 * between levels of detail counted once), for the memory figure of `npm run bench`.
 */
export function timelineModelBytes(model: TimelineModel): number {
  const seen = new Set<ArrayBufferLike>();
  let bytes = 0;
  const add = (v: unknown) => {
    if (ArrayBuffer.isView(v) && !seen.has(v.buffer)) {
      seen.add(v.buffer);
      bytes += v.buffer.byteLength;
    }
  };
  const walk = (o: object) => {
    for (const v of Object.values(o)) add(v);
  };
  walk(model);
  walk(model.spans);
  walk(model.markers);
  walk(model.arrows);
  for (const axis of ['logical', 'virtual'] as const) for (const l of model.lod[axis]) walk(l);
  return bytes;
}
