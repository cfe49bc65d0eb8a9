/**
 * Frame preparation, apart from the synchronous draw: from (model, axis, scale, visible lanes) to
 * the rectangles and markers one frame paints, in reusable typed buffers. Culling is a binary
 * search on each lane's sorted spans; whatever falls inside one pixel is merged, and the scan then
 * jumps (by binary search again) past everything that pixel already covers, so a lane never costs
 * more than a few operations per pixel however many spans it has. Hit-testing is arithmetic on
 * the same arrays: no DOM node per span.
 */
import type { Axis, LodLevel, TimelineModel } from './model';
import {
  LaneKind,
  markerLowerBound,
  markerX,
  SpanState,
  spanX0,
  spanX1,
  stepX,
  xToStep,
} from './model';
import { TimeScale } from './time-scale';
import type { ScaleLimits } from './time-scale';

/** Reusable output of prepareFrame; arrays grow as needed and are never shrunk. */
export interface Frame {
  axis: Axis;
  scale: TimeScale;
  /** Lanes drawn: firstLane .. lastLane - 1. */
  firstLane: number;
  lastLane: number;
  rectCount: number;
  /** Pixel extents (CSS px, relative to the plot's left edge). */
  rectX0: Float32Array;
  rectX1: Float32Array;
  rectLane: Int32Array;
  /** Paint key: (colour task + 1) * 16 + state; see paintKey. */
  rectKey: Int32Array;
  /** Raw span index the rectangle starts with (for labels inside wide spans). */
  rectRaw: Int32Array;
  markCount: number;
  markX: Float32Array;
  markLane: Int32Array;
  markKind: Uint8Array;
  /** Index into model.markers. */
  markIndex: Int32Array;
  /** Level of detail used: -1 for raw spans, else index into model.lod[axis]. */
  level: number;
}

export function createFrame(): Frame {
  return {
    axis: 'logical',
    scale: new TimeScale(0, 1, 1, { min: 0, max: 1, minSpan: 1 }),
    firstLane: 0,
    lastLane: 0,
    rectCount: 0,
    rectX0: new Float32Array(4096),
    rectX1: new Float32Array(4096),
    rectLane: new Int32Array(4096),
    rectKey: new Int32Array(4096),
    rectRaw: new Int32Array(4096),
    markCount: 0,
    markX: new Float32Array(1024),
    markLane: new Int32Array(1024),
    markKind: new Uint8Array(1024),
    markIndex: new Int32Array(1024),
    level: -1,
  };
}

function grow<T extends Float32Array | Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as { new (n: number): T })(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** The colour a span is painted with: its task's colour for task work, else none (-1). */
export function paintKey(model: TimelineModel, lane: number, state: number, aux: number): number {
  let colour = -1;
  const kind = model.laneKind[lane];
  if (kind === LaneKind.TASK) colour = model.laneRef[lane];
  else if (kind === LaneKind.LOOP && state === SpanState.CALLBACK && aux >= 0)
    colour = model.trace.handles.task[aux];
  else if (kind === LaneKind.WORKER && state === SpanState.RUNNING && aux >= 0)
    // A job wears the colour of the task that submitted it.
    colour = model.trace.futures.owner[aux] ?? -1;
  return (colour + 1) * 16 + state;
}

/** Navigation limits of an axis for this model. */
export function limitsFor(model: TimelineModel, axis: Axis): ScaleLimits {
  const [min, max] = model.extent[axis];
  return { min, max, minSpan: axis === 'logical' ? 4 : Math.min(1e-6, (max - min) / 4) };
}

/**
 * The level of detail for a scale: the coarsest whose merge width is at most half a pixel, so
 * merging never hides anything a pixel could show; -1 (raw spans) when zoomed in past them all.
 */
export function chooseLevel(levels: readonly LodLevel[], unitsPerPx: number): number {
  let best = -1;
  for (let k = 0; k < levels.length; k++) if (levels[k].bucket <= unitsPerPx / 2) best = k;
  return best;
}

/**
 * Fills `frame` with what lanes [firstLane, lastLane) show in the scale's window. Returns the
 * frame for chaining.
 */
export function prepareFrame(
  frame: Frame,
  model: TimelineModel,
  axis: Axis,
  scale: TimeScale,
  firstLane: number,
  lastLane: number,
): Frame {
  firstLane = Math.max(0, firstLane);
  lastLane = Math.min(model.laneCount, lastLane);
  frame.axis = axis;
  frame.scale = scale;
  frame.firstLane = firstLane;
  frame.lastLane = lastLane;
  const levels = model.lod[axis];
  const level = chooseLevel(levels, scale.unitsPerPx);
  frame.level = level;
  const sp = model.spans;
  // A level that shares the raw spans has no arrays of its own (first and x1 are null).
  const L = level >= 0 && levels[level].first ? levels[level] : null;
  const offsets = L ? L.offsets : sp.offsets;
  const state = L ? L.state : sp.state;
  const first = L ? L.first : null;
  const lx1 = L ? L.x1 : null;
  // Starts come from the raw spans (a merged span starts where its first raw span does); on the
  // virtual axis they and the raw ends are the clock at a step: see model.spanT0 / spanT1.
  const s0 = sp.s0;
  const s1 = sp.s1;
  const back = sp.endAtLast;
  const time = axis === 'virtual' ? model.trace.events.time : null;
  const x0 = (i: number) => {
    const r = first ? first[i] : i;
    return time ? time[s0[r]] : s0[r];
  };
  const x1 = (i: number) =>
    lx1 ? lx1[i] : time ? time[s1[i] - ((back[i >> 3] >> (i & 7)) & 1)] : s1[i];
  /** First index in [lo, hi) whose end is greater than v (ends are sorted within a lane). */
  const endAfter = (v: number, lo: number, hi: number) => {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x1(mid) <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const rawAux = sp.aux;
  const viewStart = scale.start;
  const viewEnd = scale.end;
  const k = scale.width / scale.span;
  const upp = scale.unitsPerPx;
  let n = 0;
  const push = (lane: number, a: number, b: number, key: number, raw: number) => {
    if (n >= frame.rectX0.length) {
      frame.rectX0 = grow(frame.rectX0, n + 1);
      frame.rectX1 = grow(frame.rectX1, n + 1);
      frame.rectLane = grow(frame.rectLane, n + 1);
      frame.rectKey = grow(frame.rectKey, n + 1);
      frame.rectRaw = grow(frame.rectRaw, n + 1);
    }
    frame.rectX0[n] = a;
    frame.rectX1[n] = Math.max(b, a + 1);
    frame.rectLane[n] = lane;
    frame.rectKey[n] = key;
    frame.rectRaw[n] = raw;
    n++;
  };
  for (let lane = firstLane; lane < lastLane; lane++) {
    const hi = offsets[lane + 1];
    // First span ending after the window starts (ends are sorted within a lane).
    let i = endAfter(viewStart, offsets[lane], hi);
    let curA = 0;
    let curB = -1;
    let curKey = 0;
    let curRaw = -1;
    let open = false;
    while (i < hi) {
      const a = x0(i);
      if (a > viewEnd) break;
      const b = x1(i);
      const pa = (a - viewStart) * k;
      let pb = (b - viewStart) * k;
      const raw = first ? first[i] : i;
      const key = paintKey(model, lane, state[i], rawAux[raw]);
      const narrow = pb - pa < 1;
      if (narrow) pb = Math.max(pb, Math.floor(pa) + 1);
      if (
        open &&
        pa < Math.ceil(curB) &&
        (narrow || (key === curKey && rawAux[raw] === rawAux[curRaw]))
      ) {
        // Same pixel, or the same colour and the same wait touching: extend the current
        // rectangle. Two waits in a row (a join, then a TaskGroup, the loop's instant between
        // them) stay two rectangles, so each is labelled with its own future.
        if (pb > curB) curB = pb;
      } else {
        if (open) push(lane, curA, curB, curKey, curRaw);
        curA = pa;
        curB = pb;
        curKey = key;
        curRaw = raw;
        open = true;
      }
      if (narrow) {
        // Skip every span that ends inside the pixel already painted.
        const edge = viewStart + Math.ceil(curB) * upp;
        const j = endAfter(edge, i + 1, hi);
        if (j > i + 1) {
          curB = Math.max(curB, Math.ceil(curB));
          i = j;
          continue;
        }
      }
      i++;
    }
    if (open) push(lane, curA, curB, curKey, curRaw);
  }
  frame.rectCount = n;

  // Markers: at most one per 4 px per lane, the most important of those that share the cell.
  const mk = model.markers;
  const mStep = mk.step;
  let m = 0;
  const CELL = 4;
  for (let lane = firstLane; lane < lastLane; lane++) {
    const hi = mk.offsets[lane + 1];
    let i = markerLowerBound(model, axis, viewStart - 4 * upp, mk.offsets[lane], hi);
    let cell = -Infinity;
    for (; i < hi; i++) {
      const x = time ? time[mStep[i]] : mStep[i] + 0.5;
      if (x > viewEnd + 4 * upp) break;
      const px = (x - viewStart) * k;
      const c = Math.floor(px / CELL);
      if (c === cell && m > 0) {
        if (MARKER_PRIORITY[mk.kind[i]] > MARKER_PRIORITY[frame.markKind[m - 1]]) {
          frame.markKind[m - 1] = mk.kind[i];
          frame.markIndex[m - 1] = i;
          frame.markX[m - 1] = px;
        }
        continue;
      }
      cell = c;
      frame.markX = grow(frame.markX, m + 1);
      frame.markLane = grow(frame.markLane, m + 1);
      frame.markKind = grow(frame.markKind, m + 1);
      frame.markIndex = grow(frame.markIndex, m + 1);
      frame.markX[m] = px;
      frame.markLane[m] = lane;
      frame.markKind[m] = mk.kind[i];
      frame.markIndex[m] = i;
      m++;
    }
  }
  frame.markCount = m;
  return frame;
}

/** Which marker wins a shared pixel: failures and cancellations over chatter. */
export const MARKER_PRIORITY: readonly number[] = [
  3, // created
  6, // cancel requested
  7, // cancel delivered
  9, // exception
  4, // result
  8, // failed
  7, // cancelled
  1, // stdout
  2, // stderr
  5, // warning
  1, // send
  1, // recv
  8, // blocked
  9, // run end
];

export type Hit =
  | { type: 'marker'; lane: number; index: number; step: number }
  | { type: 'span'; lane: number; index: number; step: number };

/**
 * What is under pixel `px` of lane `lane`: a marker within `tolPx`, else the span there (or the
 * nearest within `tolPx`). Pure arithmetic on the model's arrays.
 */
export function hitTest(
  model: TimelineModel,
  axis: Axis,
  scale: TimeScale,
  lane: number,
  px: number,
  tolPx = 4,
): Hit | null {
  if (lane < 0 || lane >= model.laneCount) return null;
  const x = scale.toDomain(px);
  const tol = tolPx * scale.unitsPerPx;
  const mk = model.markers;
  const mlo = mk.offsets[lane];
  const mhi = mk.offsets[lane + 1];
  let best = -1;
  let bestD = Infinity;
  for (
    let i = markerLowerBound(model, axis, x - tol, mlo, mhi);
    i < mhi && markerX(model, axis, i) <= x + tol;
    i++
  ) {
    const d = Math.abs(markerX(model, axis, i) - x) - MARKER_PRIORITY[mk.kind[i]] * 1e-9 * tol;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  if (best >= 0) return { type: 'marker', lane, index: best, step: mk.step[best] };

  const lo = model.spans.offsets[lane];
  const hi = model.spans.offsets[lane + 1];
  // Spans ending at or after x - tol, starting at or before x + tol; prefer the one containing x.
  let i = lo;
  for (let h = hi; i < h;) {
    const mid = (i + h) >> 1;
    if (spanX1(model, axis, mid) < x - tol) i = mid + 1;
    else h = mid;
  }
  let pick = -1;
  let pickD = Infinity;
  for (; i < hi && spanX0(model, axis, i) <= x + tol; i++) {
    const a = spanX0(model, axis, i);
    const b = spanX1(model, axis, i);
    const d = x < a ? a - x : x > b ? x - b : 0;
    // Among zero-width spans at one instant, the running ones are what people aim for.
    const bias = model.spans.state[i] === SpanState.RUNNING ? -1e-12 : 0;
    if (d + bias < pickD) {
      pickD = d + bias;
      pick = i;
    }
  }
  if (pick < 0) return null;
  let step = model.spans.s0[pick];
  if (axis === 'logical') {
    // A click inside a long span lands on the step under the pointer, not its first step.
    step = Math.max(model.spans.s0[pick], Math.min(model.spans.s1[pick] - 1, Math.floor(x)));
  }
  return { type: 'span', lane, index: pick, step };
}

/** The same stretch of the run on the other axis (steps <-> virtual seconds). */
export function convertScale(
  model: TimelineModel,
  scale: TimeScale,
  from: Axis,
  to: Axis,
): TimeScale {
  const limits = limitsFor(model, to);
  if (from === to) return new TimeScale(scale.start, scale.end, scale.width, limits);
  let a: number;
  let b: number;
  if (from === 'logical') {
    a = stepX(model, 'virtual', Math.floor(scale.start));
    b = stepX(model, 'virtual', Math.ceil(scale.end));
  } else {
    a = xToStep(model, 'virtual', scale.start);
    b = xToStep(model, 'virtual', scale.end) + 1;
  }
  return new TimeScale(a, b, scale.width, limits).zoomTo(a, b);
}

/** Per model: arrow indexes grouped by the lanes they touch (built on first use). */
const arrowIndex = new WeakMap<TimelineModel, { offsets: Int32Array; items: Int32Array }>();

function arrowsByLane(model: TimelineModel) {
  let idx = arrowIndex.get(model);
  if (idx) return idx;
  const ar = model.arrows;
  const offsets = new Int32Array(model.laneCount + 1);
  for (let i = 0; i < ar.count; i++) {
    offsets[ar.fromLane[i] + 1]++;
    if (ar.toLane[i] !== ar.fromLane[i]) offsets[ar.toLane[i] + 1]++;
  }
  for (let l = 0; l < model.laneCount; l++) offsets[l + 1] += offsets[l];
  const fill = offsets.slice(0, model.laneCount);
  const items = new Int32Array(offsets[model.laneCount]);
  for (let i = 0; i < ar.count; i++) {
    items[fill[ar.fromLane[i]]++] = i;
    if (ar.toLane[i] !== ar.fromLane[i]) items[fill[ar.toLane[i]]++] = i;
  }
  idx = { offsets, items };
  arrowIndex.set(model, idx);
  return idx;
}

/**
 * Indexes of cause arrows touching `lane` whose ends overlap [start, end] on the axis, at most
 * `max` of them (the nearest to the window's centre win when there are more).
 */
export function arrowsFor(
  model: TimelineModel,
  lane: number,
  axis: Axis,
  start: number,
  end: number,
  max = 400,
): number[] {
  const ar = model.arrows;
  const out: number[] = [];
  if (lane < 0 || lane >= model.laneCount) return out;
  const idx = arrowsByLane(model);
  for (let k = idx.offsets[lane]; k < idx.offsets[lane + 1]; k++) {
    const i = idx.items[k];
    const xa = stepX(model, axis, ar.fromStep[i]);
    const xb = stepX(model, axis, ar.toStep[i]);
    if (Math.max(xa, xb) < start || Math.min(xa, xb) > end) continue;
    out.push(i);
  }
  // Emission order, as the run made them.
  out.sort((p, q) => p - q);
  if (out.length > max) {
    const mid = (start + end) / 2;
    out.sort(
      (p, q) =>
        Math.abs(stepX(model, axis, ar.toStep[p]) - mid) -
        Math.abs(stepX(model, axis, ar.toStep[q]) - mid),
    );
    out.length = max;
  }
  return out;
}
