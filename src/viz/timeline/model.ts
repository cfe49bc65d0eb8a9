/**
 * The timeline model: every lane, span, marker and cause arrow of a run, computed once from the
 * trace columns in one pass and held in flat typed arrays (no object per span), so a million
 * events cost a few megabytes and the draw never allocates. Pure TypeScript, no DOM, no React.
 *
 * Coordinates. Every span and marker carries two positions, one per axis:
 *   - logical: the step (event index). Every event gets one unit of width, so a loop iteration is
 *     as wide as the work it did and the hundreds of events at t=0 are visible;
 *   - virtual: the virtual clock in seconds, where running code takes no time and sleeps do.
 * Both grow with the step, so within a lane spans are sorted on either axis and can be culled by
 * binary search.
 *
 * Memory. Only steps are stored: a virtual position is the trace's clock at a step (its `time`
 * column, already in the page), so spans and markers keep no Float64 copies of it (16 bytes a
 * span saved). Levels of detail store only the end of each merged span, since its start is the
 * start of its first raw span. Together that keeps the model near 12 bytes per event.
 */
import type { TraceColumns } from '../../trace/schema';
import { EventKind, FutureKind, ResourceKind, Step, Wake } from '../../trace/schema';
import { handleText } from '../loop/handle-text';
import { english } from '../english';
import { fragmentText, spaced, warningText } from '../fragment-text';
import { awaitingText, normalizeTrace } from '../../trace/normalize';
import type { Normalized } from '../../trace/normalize';
import { outcomeDetailText } from '../../app/outcome-text';
import type { Translate } from '../english';

/** What a lane shows. */
export const LaneKind = { LOOP: 0, TASK: 1, WORKER: 2, CONNECTION: 3, SERVER: 4 } as const;
export type LaneKind = (typeof LaneKind)[keyof typeof LaneKind];

/** The state a span is coloured by. */
export const SpanState = {
  /** A task step (or a worker job) executing. */
  RUNNING: 0,
  /** Scheduled: waiting in the ready queue for the loop to run it. */
  READY: 1,
  /** Waiting on a future (span aux = the future id, -1 for a bare yield). */
  SUSPENDED: 2,
  /** A blocking call stalled the whole loop. */
  BLOCKED: 3,
  /** After the task returned; drawn thin until the end of the run. */
  DONE: 4,
  FAILED: 5,
  CANCELLED: 6,
  /** Loop lane: a handle running (aux = handle id; the task's colour when it is a task step). */
  CALLBACK: 7,
  /** Network lanes: the connection or server is open. */
  OPEN: 8,
} as const;
export type SpanState = (typeof SpanState)[keyof typeof SpanState];
export const STATE_COUNT = 9;
export const STATE_NAMES: readonly string[] = [
  'running',
  'ready',
  'suspended',
  'blocked',
  'done',
  'failed',
  'cancelled',
  'callback',
  'open',
];

export const MarkerKind = {
  CREATED: 0,
  CANCEL_REQUESTED: 1,
  CANCEL_DELIVERED: 2,
  EXCEPTION: 3,
  RESULT: 4,
  FAILED: 5,
  CANCELLED: 6,
  STDOUT: 7,
  STDERR: 8,
  WARNING: 9,
  SEND: 10,
  RECV: 11,
  BLOCKED: 12,
  RUN_END: 13,
} as const;
export type MarkerKind = (typeof MarkerKind)[keyof typeof MarkerKind];
export const MARKER_NAMES: readonly string[] = [
  'task created',
  'cancel() requested',
  'CancelledError delivered',
  'exception',
  'result',
  'raised',
  'cancelled',
  'output',
  'error output',
  'warning',
  'sent',
  'received',
  'blocking call',
  'run ended',
];
/** i18n keys of MARKER_NAMES, in the same order (under `timeline.marker.`). */
export const MARKER_KEYS: readonly string[] = [
  'created',
  'cancelRequested',
  'cancelDelivered',
  'exception',
  'result',
  'raised',
  'cancelled',
  'output',
  'errorOutput',
  'warning',
  'sent',
  'received',
  'blocking',
  'runEnd',
];

export const ArrowKind = {
  /** A future completed (set_result, set_exception, cancel) and queued a task's wake-up. */
  WAKE: 0,
  /** The loop ran the queued step: the task resumes. */
  RESUME: 1,
  /** task.cancel() called from one lane on another. */
  CANCEL: 2,
  /** create_task from one lane makes another. */
  SPAWN: 3,
} as const;
export type ArrowKind = (typeof ArrowKind)[keyof typeof ArrowKind];

export type Axis = 'logical' | 'virtual';

/**
 * Spans of all lanes, grouped by lane: lane L owns indexes offsets[L] .. offsets[L+1]-1, sorted by
 * start. Spans of one lane never overlap.
 */
export interface SpanColumns {
  offsets: Int32Array;
  /** First step in the span. */
  s0: Int32Array;
  /** One past the last step (logical end). */
  s1: Int32Array;
  /**
   * One bit per span (bit i&7 of byte i>>3): set when the span's virtual end is the clock at its
   * last step (s1 - 1, a step that ended inside the event), clear when it is the clock at s1 (the
   * event that ended it). The virtual start is always the clock at s0. See spanT0 / spanT1.
   */
  endAtLast: Uint8Array;
  state: Uint8Array;
  /** Per state: awaited future id, handle id, job/peer string index; -1 for none. */
  aux: Int32Array;
}

/**
 * One precomputed level of detail on one axis: spans merged so none is shorter than `bucket`.
 * A merged span starts where its first raw span starts (`levelX0`), so only its end is stored.
 */
export interface LodLevel {
  /** Merge width in axis units: a drawn pixel at least this wide may use this level. */
  bucket: number;
  offsets: Int32Array;
  /** End of each merged span on the level's axis; null when the level is the raw spans. */
  x1: Float32Array | null;
  state: Uint8Array;
  /** Raw span index of the first span merged in; null when the level is the raw spans. */
  first: Int32Array | null;
}

/** Markers grouped by lane like spans, sorted by step within a lane. */
export interface MarkerColumns {
  offsets: Int32Array;
  step: Int32Array;
  kind: Uint8Array;
  /** String index (result repr, message, output text) or -1. */
  aux: Int32Array;
}

/** Lane numbers: 16 bits while there are at most 65,536 lanes, else 32. */
export type LaneArray = Uint16Array | Int32Array;

/** Cause arrows in emission order. */
export interface ArrowColumns {
  count: number;
  fromStep: Int32Array;
  fromLane: LaneArray;
  toStep: Int32Array;
  toLane: LaneArray;
  kind: Uint8Array;
}

export interface TimelineModel {
  trace: TraceColumns;
  /** Number of events; steps run 0 .. eventCount-1. */
  eventCount: number;
  laneCount: number;
  laneKind: Uint8Array;
  /** Task id, resource id, or -1 for the loop lane. */
  laneRef: Int32Array;
  /** Lane of task t is taskLane[t]; of resource r is resourceLane[r] (-1 if it has none). */
  taskLane: Int32Array;
  resourceLane: Int32Array;
  spans: SpanColumns;
  markers: MarkerColumns;
  arrows: ArrowColumns;
  /** Step of every LOOP_ITER event, for iteration gridlines on the logical axis. */
  iterations: Int32Array;
  /** Levels of detail per axis, finest first. */
  lod: Record<Axis, LodLevel[]>;
  /** Full extent of the run on each axis. */
  extent: Record<Axis, [number, number]>;
  /**
   * The trace's lifecycles (src/trace/normalize.ts), which word what a task awaits the way the
   * task cards and the explanations do. The page passes the debugger's own, built once per trace;
   * without it they are derived on the first label that needs them (see normalizedOf).
   */
  normalized: Normalized | null;
}

/**
 * Stable counting sort of rows by lane: returns lane offsets and the row order. Rows were
 * emitted in step order, so each lane's rows stay sorted.
 */
function groupByLane(lane: Int32Array, n: number, laneCount: number) {
  const offsets = new Int32Array(laneCount + 1);
  for (let i = 0; i < n; i++) offsets[lane[i] + 1]++;
  for (let l = 0; l < laneCount; l++) offsets[l + 1] += offsets[l];
  const fill = offsets.slice(0, laneCount);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[lane[i]]++] = i;
  return { offsets, order };
}

function gatherI32(src: Int32Array, order: Int32Array): Int32Array {
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]];
  return out;
}
function gatherU8(src: Uint8Array, order: Int32Array): Uint8Array {
  const out = new Uint8Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = src[order[i]];
  return out;
}

/** How much a state counts when several merge into one pixel: activity wins over waiting. */
const STATE_WEIGHT = new Float64Array([4, 1.5, 1, 6, 0.5, 2, 2, 3, 0.8]);

/**
 * Source of a merge: the raw spans (first = null) or a previous level. Starts are not part of it:
 * the start of source span i is rawX0[first ? first[i] : i] (see mergeLevel).
 */
export interface MergeSource {
  offsets: Int32Array;
  /** Ends on the axis. */
  x1: ArrayLike<number>;
  state: Uint8Array;
  first: Int32Array | null;
}

/** A level that would keep more than this share of its source's spans reuses the source. */
const SHARE_IF_ABOVE = 0.85;

/**
 * Merges the spans of `src` so that runs of spans shorter than `bucket` that start in the same
 * bucket become one span, coloured by the state covering the most (weighted) width. Spans of at
 * least `bucket` are kept as they are. `rawX0` holds the starts of the raw spans on the axis.
 * Building level k from level k-1 keeps the total cost near linear. A first pass only counts:
 * when merging would hardly shrink the level, the source's arrays are shared instead of copied
 * (the draw's per-pixel merge covers the rest), which keeps both the build time and the memory
 * of sparse lanes down.
 */
export function mergeLevel(src: MergeSource, bucket: number, rawX0: ArrayLike<number>): LodLevel {
  const laneCount = src.offsets.length - 1;
  const total = src.offsets[laneCount];
  const count = mergeWalk(src, bucket, rawX0, null);
  if (count > SHARE_IF_ABOVE * total && total > 0) {
    return {
      bucket,
      offsets: src.offsets,
      // A shared raw source stays "the raw spans" (null), whose ends the frame derives itself.
      x1: src.first ? (src.x1 as Float32Array) : null,
      state: src.state,
      first: src.first,
    };
  }
  const out: LodLevel = {
    bucket,
    offsets: new Int32Array(laneCount + 1),
    // Float32 is exact for steps (< 2^24) and, on the virtual axis, far finer than the bucket
    // (relative error 6e-8 against buckets of at least 1/65536 of the run): half the memory.
    x1: new Float32Array(count),
    state: new Uint8Array(count),
    first: new Int32Array(count),
  };
  mergeWalk(src, bucket, rawX0, out);
  return out;
}

/** The merge itself; with `out` null it only counts the spans it would write. */
function mergeWalk(
  src: MergeSource,
  bucket: number,
  rawX0: ArrayLike<number>,
  out: LodLevel | null,
): number {
  const laneCount = src.offsets.length - 1;
  const x1 = out ? out.x1! : null;
  const state = out ? out.state : null;
  const first = out ? out.first! : null;
  const weight = new Float64Array(STATE_COUNT);
  const sfirst = src.first;
  const sx1 = src.x1;
  const sst = src.state;
  let n = 0;
  for (let l = 0; l < laneCount; l++) {
    if (out) out.offsets[l] = n;
    const end = src.offsets[l + 1];
    let i = src.offsets[l];
    while (i < end) {
      const a = rawX0[sfirst ? sfirst[i] : i];
      let b = sx1[i];
      if (b - a >= bucket) {
        if (out) {
          x1![n] = b;
          state![n] = sst[i];
          first![n] = sfirst ? sfirst[i] : i;
        }
        n++;
        i++;
        continue;
      }
      const bucketEnd = (Math.floor(a / bucket) + 1) * bucket;
      let j = i;
      if (out) weight.fill(-1);
      while (j < end) {
        const ja = j === i ? a : rawX0[sfirst ? sfirst[j] : j];
        const jb = sx1[j];
        // Span i always joins its own run: where a / bucket rounds up to a whole number,
        // bucketEnd can come out equal to a, and the walk would otherwise never move on.
        if (j > i && (jb - ja >= bucket || ja >= bucketEnd)) break;
        if (out) {
          const s = sst[j];
          weight[s] =
            (weight[s] < 0 ? 0 : weight[s]) + (jb - ja) * STATE_WEIGHT[s] + 1e-12 * STATE_WEIGHT[s];
          if (jb > b) b = jb;
        }
        j++;
      }
      if (out) {
        let best = sst[i];
        for (let s = 0; s < STATE_COUNT; s++) if (weight[s] > weight[best]) best = s;
        x1![n] = b;
        state![n] = best;
        first![n] = sfirst ? sfirst[i] : i;
      }
      n++;
      i = j;
    }
  }
  if (out) out.offsets[laneCount] = n;
  return n;
}

/** Merge widths of the levels of detail, as fractions of the run's extent. */
export const LOD_FRACTIONS: readonly number[] = [1 / 65536, 1 / 16384, 1 / 4096, 1 / 1024];

/** Per event kind: most spans, markers and arrows one event of that kind can make. */
const SPAN_COST = new Uint8Array(256);
const MARK_COST = new Uint8Array(256);
const ARROW_COST = new Uint8Array(256);
for (const k of [
  EventKind.HANDLE_SCHEDULED,
  EventKind.HANDLE_START,
  EventKind.HANDLE_END,
  EventKind.TASK_STEP_START,
  EventKind.TASK_STEP_END,
  EventKind.WORKER_START,
  EventKind.WORKER_END,
  EventKind.NET_CLOSE,
])
  SPAN_COST[k] = 1;
SPAN_COST[EventKind.LOOP_BLOCKED] = 4;
for (const k of [
  EventKind.TASK_CREATED,
  EventKind.TASK_STEP_END,
  EventKind.CANCEL_REQUESTED,
  EventKind.CANCEL_DELIVERED,
  EventKind.EXCEPTION,
  EventKind.STDOUT,
  EventKind.STDERR,
  EventKind.WARNING,
  EventKind.RUN_END,
  EventKind.NET_SEND,
  EventKind.NET_RECV,
])
  MARK_COST[k] = 1;
MARK_COST[EventKind.LOOP_BLOCKED] = 2;
ARROW_COST[EventKind.TASK_CREATED] = 1;
ARROW_COST[EventKind.CANCEL_REQUESTED] = 1;
ARROW_COST[EventKind.TASK_STEP_START] = 2;

/**
 * Builds the timeline model of a trace. Cost is linear in events plus spans. `normalized`, the
 * same trace's lifecycles when the caller has them (the debugger's index), words the waits.
 */
export function buildTimelineModel(
  trace: TraceColumns,
  normalized: Normalized | null = null,
): TimelineModel {
  const ev = trace.events;
  const N = ev.kind.length;
  const taskCount = trace.tasks.future.length;
  const resCount = trace.resources.kind.length;
  const { handles, futures } = trace;

  // Lanes: the loop, every task in id order (ids follow creation), then workers, servers and
  // connections.
  const taskLane = new Int32Array(taskCount);
  const resourceLane = new Int32Array(resCount).fill(-1);
  let laneCount = 1 + taskCount;
  for (let t = 0; t < taskCount; t++) taskLane[t] = 1 + t;
  const extraKinds: number[] = [];
  for (const want of [ResourceKind.WORKER, ResourceKind.SERVER, ResourceKind.CONNECTION]) {
    for (let r = 0; r < resCount; r++) {
      if (trace.resources.kind[r] === want) {
        resourceLane[r] = laneCount++;
        extraKinds.push(r);
      }
    }
  }
  const laneKind = new Uint8Array(laneCount);
  const laneRef = new Int32Array(laneCount);
  laneKind[0] = LaneKind.LOOP;
  laneRef[0] = -1;
  for (let t = 0; t < taskCount; t++) {
    laneKind[1 + t] = LaneKind.TASK;
    laneRef[1 + t] = t;
  }
  for (const r of extraKinds) {
    const k = trace.resources.kind[r];
    laneKind[resourceLane[r]] =
      k === ResourceKind.WORKER
        ? LaneKind.WORKER
        : k === ResourceKind.SERVER
          ? LaneKind.SERVER
          : LaneKind.CONNECTION;
    laneRef[resourceLane[r]] = r;
  }

  // The open span of each lane.
  const openState = new Int8Array(laneCount).fill(-1);
  const openStart = new Int32Array(laneCount);
  const openAux = new Int32Array(laneCount);
  // Tasks that scheduled their own next step while running (a bare yield / sleep(0)).
  const selfScheduled = new Uint8Array(taskCount);

  const time = ev.time;
  const kinds = ev.kind;

  // One counting pass bounds how many spans, markers and arrows the events can make, so every
  // column is allocated once (no growing, little garbage).
  let spanCap = laneCount;
  let markCap = 0;
  let arrowCap = 0;
  for (let i = 0; i < N; i++) {
    const k = kinds[i];
    spanCap += SPAN_COST[k];
    markCap += MARK_COST[k];
    arrowCap += ARROW_COST[k];
  }
  const spLane = new Int32Array(spanCap);
  const spS0 = new Int32Array(spanCap);
  const spS1 = new Int32Array(spanCap);
  const spAux = new Int32Array(spanCap);
  // 1 where the span's virtual end is the clock at s1 - 1 (packed into bits after grouping).
  const spBack = new Uint8Array(spanCap);
  const spState = new Uint8Array(spanCap);
  let spN = 0;
  const mkLane = new Int32Array(markCap);
  const mkStep = new Int32Array(markCap);
  const mkAux = new Int32Array(markCap);
  const mkKind = new Uint8Array(markCap);
  let mkN = 0;
  const arFromStep = new Int32Array(arrowCap);
  const arFromLane = new Int32Array(arrowCap);
  const arToStep = new Int32Array(arrowCap);
  const arToLane = new Int32Array(arrowCap);
  const arKind = new Uint8Array(arrowCap);
  let arN = 0;

  /**
   * Records a span [s0, s1) whose virtual end is the clock at step `endStep`, which is s1 (the
   * event that ended it) or s1 - 1 (it ended inside its last event); its start is the clock at s0.
   */
  const emit = (
    lane: number,
    s0: number,
    s1: number,
    state: number,
    aux: number,
    endStep: number,
  ) => {
    if (s1 <= s0) return;
    spLane[spN] = lane;
    spS0[spN] = s0;
    spS1[spN] = s1;
    spAux[spN] = aux;
    spBack[spN] = s1 - endStep;
    spState[spN] = state;
    spN++;
  };
  /** Closes the lane's open span at `end` (exclusive), ending at the clock of step `endStep`. */
  const close = (lane: number, end: number, endStep: number) => {
    const s = openState[lane];
    if (s < 0) return;
    emit(lane, openStart[lane], end, s, openAux[lane], endStep);
    openState[lane] = -1;
  };
  const open = (lane: number, step: number, state: number, aux: number) => {
    if (step >= N) return;
    openState[lane] = state;
    openStart[lane] = step;
    openAux[lane] = aux;
  };
  const marker = (lane: number, step: number, kind: number, aux: number) => {
    mkLane[mkN] = lane;
    mkStep[mkN] = step;
    mkAux[mkN] = aux;
    mkKind[mkN] = kind;
    mkN++;
  };
  const arrow = (
    fromStep: number,
    fromLane: number,
    toStep: number,
    toLane: number,
    kind: number,
  ) => {
    arFromStep[arN] = fromStep;
    arFromLane[arN] = fromLane;
    arToStep[arN] = toStep;
    arToLane[arN] = toLane;
    arKind[arN] = kind;
    arN++;
  };
  const laneOfEvent = (e: number) => {
    const t = ev.task[e];
    return t >= 0 && t < taskCount ? taskLane[t] : 0;
  };

  let iterCount = 0;
  for (let i = 0; i < N; i++) if (ev.kind[i] === EventKind.LOOP_ITER) iterCount++;
  const iterations = new Int32Array(iterCount);
  iterCount = 0;

  const A = ev.a;
  const B = ev.b;
  const C = ev.c;
  for (let i = 0; i < N; i++) {
    switch (kinds[i]) {
      case EventKind.LOOP_ITER:
        iterations[iterCount++] = i;
        break;
      case EventKind.HANDLE_SCHEDULED: {
        const t = handles.task[A[i]];
        if (t >= 0 && t < taskCount) {
          const lane = taskLane[t];
          const s = openState[lane];
          if (s === SpanState.SUSPENDED) {
            close(lane, i, i);
            open(lane, i, SpanState.READY, -1);
          } else if (s === SpanState.RUNNING) {
            selfScheduled[t] = 1;
          }
        }
        break;
      }
      case EventKind.HANDLE_START:
        close(0, i, i);
        open(0, i, SpanState.CALLBACK, A[i]);
        break;
      case EventKind.HANDLE_END:
        if (openState[0] === SpanState.CALLBACK) close(0, i + 1, i);
        break;
      case EventKind.LOOP_BLOCKED: {
        // The blocking call splits whatever runs into before / blocked / after, on the loop lane
        // and on the lane of the task that made the call.
        const endStep = i + 1 < N ? i + 1 : i;
        const lanes = [0, laneOfEvent(i)];
        for (let k = 0; k < (lanes[1] === 0 ? 1 : 2); k++) {
          const lane = lanes[k];
          const s = openState[lane];
          const aux = openAux[lane];
          if (s >= 0) close(lane, i, i);
          emit(lane, i, i + 1, SpanState.BLOCKED, B[i], endStep);
          if (s >= 0) open(lane, i + 1, s, aux);
          marker(lane, i, MarkerKind.BLOCKED, B[i]);
        }
        break;
      }
      case EventKind.TASK_CREATED: {
        const t = A[i];
        if (t < 0 || t >= taskCount) break;
        const lane = taskLane[t];
        open(lane, i, SpanState.READY, -1);
        marker(lane, i, MarkerKind.CREATED, -1);
        // Tasks made outside any task (asyncio.run's main) have no parent lane to point from.
        const from = laneOfEvent(i);
        if (from !== 0 && from !== lane) arrow(i, from, i, lane, ArrowKind.SPAWN);
        break;
      }
      case EventKind.TASK_STEP_START: {
        const t = A[i];
        if (t < 0 || t >= taskCount) break;
        const lane = taskLane[t];
        const readySince = openState[lane] === SpanState.READY ? openStart[lane] : i;
        close(lane, i, i);
        open(lane, i, SpanState.RUNNING, -1);
        selfScheduled[t] = 0;
        const cause = C[i];
        if (cause >= 0 && cause < i && (B[i] === Wake.FUTURE || B[i] === Wake.CANCEL)) {
          arrow(cause, laneOfEvent(cause), readySince, lane, ArrowKind.WAKE);
          if (openState[0] === SpanState.CALLBACK) {
            arrow(openStart[0], 0, i, lane, ArrowKind.RESUME);
          }
        }
        break;
      }
      case EventKind.TASK_STEP_END: {
        const t = A[i];
        if (t < 0 || t >= taskCount) break;
        const lane = taskLane[t];
        close(lane, i + 1, i);
        switch (B[i]) {
          case Step.SUSPENDED:
            if (selfScheduled[t]) open(lane, i + 1, SpanState.READY, -1);
            else open(lane, i + 1, SpanState.SUSPENDED, C[i]);
            break;
          case Step.RETURNED:
            marker(lane, i, MarkerKind.RESULT, C[i]);
            open(lane, i + 1, SpanState.DONE, C[i]);
            break;
          case Step.RAISED:
            marker(lane, i, MarkerKind.FAILED, C[i]);
            open(lane, i + 1, SpanState.FAILED, C[i]);
            break;
          case Step.CANCELLED:
            marker(lane, i, MarkerKind.CANCELLED, C[i]);
            open(lane, i + 1, SpanState.CANCELLED, C[i]);
            break;
        }
        selfScheduled[t] = 0;
        break;
      }
      case EventKind.CANCEL_REQUESTED: {
        const f = A[i];
        const t = f >= 0 && f < futures.task.length ? futures.task[f] : -1;
        if (t < 0 || t >= taskCount) break;
        const lane = taskLane[t];
        marker(lane, i, MarkerKind.CANCEL_REQUESTED, B[i]);
        const from = laneOfEvent(i);
        if (from !== lane) arrow(i, from, i, lane, ArrowKind.CANCEL);
        break;
      }
      case EventKind.CANCEL_DELIVERED: {
        const t = A[i];
        if (t >= 0 && t < taskCount) marker(taskLane[t], i, MarkerKind.CANCEL_DELIVERED, -1);
        break;
      }
      case EventKind.EXCEPTION:
        marker(laneOfEvent(i), i, MarkerKind.EXCEPTION, B[i]);
        break;
      case EventKind.STDOUT:
        marker(laneOfEvent(i), i, MarkerKind.STDOUT, A[i]);
        break;
      case EventKind.STDERR:
        marker(laneOfEvent(i), i, MarkerKind.STDERR, A[i]);
        break;
      case EventKind.WARNING:
        marker(laneOfEvent(i), i, MarkerKind.WARNING, B[i]);
        break;
      case EventKind.RUN_END:
        marker(0, i, MarkerKind.RUN_END, B[i]);
        break;
      case EventKind.WORKER_START: {
        const lane = A[i] >= 0 && A[i] < resCount ? resourceLane[A[i]] : -1;
        if (lane < 0) break;
        close(lane, i, i);
        // aux: the future the job completes (its owner gives the colour); the job's text is
        // WORKER_START.b, found again through the span's first step.
        open(lane, i, SpanState.RUNNING, C[i]);
        break;
      }
      case EventKind.WORKER_END: {
        const lane = A[i] >= 0 && A[i] < resCount ? resourceLane[A[i]] : -1;
        if (lane >= 0) close(lane, i + 1, i);
        break;
      }
      case EventKind.NET_LISTEN:
      case EventKind.NET_CONNECT:
      case EventKind.NET_ACCEPT: {
        const lane = A[i] >= 0 && A[i] < resCount ? resourceLane[A[i]] : -1;
        if (lane < 0 || openState[lane] >= 0) break;
        open(lane, i, SpanState.OPEN, kinds[i] === EventKind.NET_CONNECT ? B[i] : -1);
        break;
      }
      case EventKind.NET_SEND:
      case EventKind.NET_RECV: {
        const lane = A[i] >= 0 && A[i] < resCount ? resourceLane[A[i]] : -1;
        if (lane < 0) break;
        marker(lane, i, kinds[i] === EventKind.NET_SEND ? MarkerKind.SEND : MarkerKind.RECV, C[i]);
        break;
      }
      case EventKind.NET_CLOSE: {
        const lane = A[i] >= 0 && A[i] < resCount ? resourceLane[A[i]] : -1;
        if (lane >= 0) close(lane, i + 1, i);
        break;
      }
    }
  }
  for (let l = 0; l < laneCount; l++) close(l, N, N - 1);

  // Group rows by lane.
  const sg = groupByLane(spLane, spN, laneCount);
  const spanCount = spN;
  const endAtLast = new Uint8Array((spanCount + 7) >> 3);
  const order = sg.order;
  for (let k = 0; k < spanCount; k++) if (spBack[order[k]]) endAtLast[k >> 3] |= 1 << (k & 7);
  const spans: SpanColumns = {
    offsets: sg.offsets,
    s0: gatherI32(spS0, order),
    s1: gatherI32(spS1, order),
    aux: gatherI32(spAux, order),
    endAtLast,
    state: gatherU8(spState, order),
  };
  const mg = groupByLane(mkLane, mkN, laneCount);
  const markers: MarkerColumns = {
    offsets: mg.offsets,
    step: gatherI32(mkStep, mg.order),
    kind: gatherU8(mkKind, mg.order),
    aux: gatherI32(mkAux, mg.order),
  };
  const lanes16 = laneCount <= 0x10000;
  const arrows: ArrowColumns = {
    count: arN,
    fromStep: arFromStep.slice(0, arN),
    fromLane: lanes16 ? Uint16Array.from(arFromLane.subarray(0, arN)) : arFromLane.slice(0, arN),
    toStep: arToStep.slice(0, arN),
    toLane: lanes16 ? Uint16Array.from(arToLane.subarray(0, arN)) : arToLane.slice(0, arN),
    kind: arKind.slice(0, arN),
  };

  const firstTime = N > 0 ? time[0] : 0;
  const extent: Record<Axis, [number, number]> = {
    logical: [0, Math.max(1, N)],
    // A run that never advanced the clock still gets a visible (1 ms) extent.
    virtual: [firstTime, Math.max(N > 0 ? time[N - 1] : 0, firstTime + 1e-3)],
  };

  // Virtual starts and ends of the raw spans, for building the virtual levels only: the model
  // derives them from the clock afterwards (spanT0 / spanT1) and does not keep these.
  const t0 = new Float64Array(spanCount);
  const t1 = new Float64Array(spanCount);
  const s0 = spans.s0;
  const s1 = spans.s1;
  for (let k = 0; k < spanCount; k++) {
    t0[k] = time[s0[k]];
    t1[k] = time[s1[k] - ((endAtLast[k >> 3] >> (k & 7)) & 1)];
  }
  const lod = {
    logical: buildLevels(spans.offsets, s0, s1, spans.state, extent.logical),
    virtual: buildLevels(spans.offsets, t0, t1, spans.state, extent.virtual),
  };

  return {
    trace,
    eventCount: N,
    laneCount,
    laneKind,
    laneRef,
    taskLane,
    resourceLane,
    spans,
    markers,
    arrows,
    iterations,
    lod,
    extent,
    // Lifecycles of another trace would name the wrong resources: derive them instead.
    normalized: normalized?.trace === trace ? normalized : null,
  };
}

function buildLevels(
  offsets: Int32Array,
  x0: ArrayLike<number>,
  x1: ArrayLike<number>,
  state: Uint8Array,
  extent: [number, number],
): LodLevel[] {
  const width = extent[1] - extent[0];
  const levels: LodLevel[] = [];
  const raw: MergeSource = { offsets, x1, state, first: null };
  let src = raw;
  for (const frac of LOD_FRACTIONS) {
    const level = mergeLevel(src, width * frac, x0);
    levels.push(level);
    src = level.first ? { ...level, x1: level.x1!, first: level.first } : raw;
  }
  return levels;
}

/** The step whose clock is the virtual end of raw span i (s1 or s1 - 1, see endAtLast). */
export function spanEndStep(spans: SpanColumns, i: number): number {
  return spans.s1[i] - ((spans.endAtLast[i >> 3] >> (i & 7)) & 1);
}

/** Virtual start of raw span i, seconds: the clock at its first step. */
export function spanT0(model: TimelineModel, i: number): number {
  return model.trace.events.time[model.spans.s0[i]];
}

/** Virtual end of raw span i, seconds. */
export function spanT1(model: TimelineModel, i: number): number {
  return model.trace.events.time[spanEndStep(model.spans, i)];
}

/** Start of raw span i on an axis. */
export function spanX0(model: TimelineModel, axis: Axis, i: number): number {
  return axis === 'logical' ? model.spans.s0[i] : spanT0(model, i);
}

/** End of raw span i on an axis. */
export function spanX1(model: TimelineModel, axis: Axis, i: number): number {
  return axis === 'logical' ? model.spans.s1[i] : spanT1(model, i);
}

/** Start of span i of a level of detail on its axis: the start of its first raw span. */
export function levelX0(model: TimelineModel, axis: Axis, level: LodLevel, i: number): number {
  return spanX0(model, axis, level.first ? level.first[i] : i);
}

/** End of span i of a level of detail on its axis. */
export function levelX1(model: TimelineModel, axis: Axis, level: LodLevel, i: number): number {
  return level.x1 ? level.x1[i] : spanX1(model, axis, i);
}

/** Position of marker i on an axis: the middle of its step's cell, or the clock at its step. */
export function markerX(model: TimelineModel, axis: Axis, i: number): number {
  const step = model.markers.step[i];
  return axis === 'logical' ? step + 0.5 : model.trace.events.time[step];
}

/** First marker index in [lo, hi) (one lane's markers) whose position is at least x. */
export function markerLowerBound(
  model: TimelineModel,
  axis: Axis,
  x: number,
  lo: number,
  hi: number,
): number {
  const steps = model.markers.step;
  // Logical: step + 0.5 >= x exactly when step >= x - 0.5 (steps are whole).
  if (axis === 'logical') return lowerBound(steps, x - 0.5, lo, hi);
  const time = model.trace.events.time;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[steps[mid]] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Position of a step on an axis: the middle of its cell (logical) or its clock time (virtual). */
export function stepX(model: TimelineModel, axis: Axis, step: number): number {
  if (axis === 'logical') return step + 0.5;
  const n = model.eventCount;
  if (n === 0) return 0;
  return model.trace.events.time[Math.max(0, Math.min(n - 1, step))];
}

/** Step at axis position x (the first step at or after it on the virtual axis). */
export function xToStep(model: TimelineModel, axis: Axis, x: number): number {
  const n = model.eventCount;
  if (n === 0) return 0;
  if (axis === 'logical') return Math.max(0, Math.min(n - 1, Math.floor(x)));
  const time = model.trace.events.time;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The string at index i of the trace's string table, or '' for -1. */
export function str(model: TimelineModel, i: number): string {
  return i >= 0 && i < model.trace.strings.length ? model.trace.strings[i] : '';
}

/**
 * Lane title: the task's name, "event loop", or the resource's name. Texts of the helpers below
 * go through `t` (keys under `timeline.draw.` / `timeline.marker.`), English by default.
 */
export function laneTitle(model: TimelineModel, lane: number, t: Translate = english): string {
  const ref = model.laneRef[lane];
  switch (model.laneKind[lane]) {
    case LaneKind.LOOP:
      return t('timeline.draw.loop', 'event loop');
    case LaneKind.TASK:
      return str(model, model.trace.tasks.name[ref]) || `Task-${ref}`;
    case LaneKind.WORKER:
      return (
        str(model, model.trace.resources.name[ref]) ||
        t('timeline.draw.workerN', 'worker {{n}}', { n: ref })
      );
    default:
      return (
        str(model, model.trace.resources.name[ref]) ||
        t('timeline.draw.connectionN', 'connection {{n}}', { n: ref })
      );
  }
}

/** Lane subtitle: the task's coroutine, or what kind of lane it is. */
export function laneSubtitle(model: TimelineModel, lane: number, t: Translate = english): string {
  const ref = model.laneRef[lane];
  switch (model.laneKind[lane]) {
    case LaneKind.LOOP:
      return t('timeline.draw.loopSub', 'one by one');
    case LaneKind.TASK:
      return str(model, model.trace.tasks.coro[ref]);
    case LaneKind.WORKER:
      return t('timeline.draw.worker', 'worker thread');
    case LaneKind.SERVER:
      return t('timeline.draw.server', 'server');
    default:
      return t('timeline.draw.connection', 'connection');
  }
}

/** Words for a span, for tooltips and accessible descriptions. */
export function describeSpan(
  model: TimelineModel,
  i: number,
  translate: Translate = english,
): string {
  // Spaced: a Chinese parameter (队列 `q`, 任务步) follows Chinese text without a space.
  const t = spaced(translate);
  const sp = model.spans;
  const state = sp.state[i];
  const aux = sp.aux[i];
  const steps = t('timeline.draw.steps', 'steps {{from}}–{{to}}', {
    from: sp.s0[i],
    to: sp.s1[i] - 1,
  });
  const t0 = spanT0(model, i);
  const t1 = spanT1(model, i);
  const dt = t1 - t0;
  const when = dt > 0 ? `t=${fmtTime(t0)}–${fmtTime(t1)} (${fmtTime(dt)})` : `t=${fmtTime(t0)}`;
  const stateName = STATE_NAMES[state];
  let what = t(`timeline.state.${stateName}`, stateName);
  if (state === SpanState.SUSPENDED) {
    what =
      aux < 0
        ? t('timeline.draw.yielded', 'suspended (yielded)')
        : t('timeline.draw.suspendedOn', 'suspended on {{what}}', {
            what: awaitedText(model, aux, t),
          });
  } else if (state === SpanState.CALLBACK && aux >= 0) {
    what = t('timeline.draw.runningWhat', 'running {{what}}', {
      what: handleDescr(model, aux, t) || t('timeline.draw.handleN', 'handle {{n}}', { n: aux }),
    });
  } else if (state === SpanState.BLOCKED && aux >= 0) {
    what = t('timeline.draw.blockedBy', 'blocked by {{what}}', { what: str(model, aux) });
  } else if (state === SpanState.DONE && aux >= 0) {
    what = t('timeline.draw.doneValue', 'done → {{value}}', { value: str(model, aux) });
  } else if (state === SpanState.FAILED && aux >= 0) {
    what = t('timeline.draw.failedError', 'failed: {{error}}', { error: str(model, aux) });
  } else if (
    state === SpanState.RUNNING &&
    model.laneKind[laneOfSpan(model, i)] === LaneKind.WORKER
  ) {
    what = t('timeline.draw.runningWhat', 'running {{what}}', {
      what: workerJob(model, i) || t('timeline.draw.job', 'job'),
    });
  }
  return `${what} · ${when} · ${steps}`;
}

/** The tracer's names of the loop's own task callbacks, by their English words. */
const LOOP_CALLBACK_KEYS: Record<string, string> = {
  'task step': 'timeline.draw.taskStep',
  'task wakeup': 'timeline.draw.taskWakeup',
  'sleep timer': 'timeline.draw.sleepTimer',
};

/**
 * A handle's description: a callback's name as it is; the loop's task callbacks and the simulated
 * network's timers in words, as the loop panel says them (handleText).
 */
function handleDescr(model: TimelineModel, h: number, t: Translate): string {
  const d = str(model, model.trace.handles.descr[h]);
  const key = LOOP_CALLBACK_KEYS[d];
  return key ? t(key, d) : handleText(d, t, model.trace.handles.task[h]);
}

/** The words for a marker kind. */
export function markerName(kind: number, t: Translate = english): string {
  return t(`timeline.marker.${MARKER_KEYS[kind]}`, MARKER_NAMES[kind]);
}

/** Words for a marker. */
export function describeMarker(model: TimelineModel, i: number, t: Translate = english): string {
  const m = model.markers;
  const raw = str(model, m.aux[i]);
  // The tracer's warnings and the engine's run-end detail are English data: say them as the
  // warnings list and the explanation do.
  const text =
    m.kind[i] === MarkerKind.WARNING
      ? warningText(raw, t)
      : m.kind[i] === MarkerKind.RUN_END
        ? outcomeDetailText(raw, t)
        : raw;
  const name = markerName(m.kind[i], t);
  const step = t('timeline.draw.step', 'step {{step}}', { step: m.step[i] });
  // The language's colon: Chinese writes a full-width one ("输出：done").
  const said = text
    ? t('timeline.draw.named', '{{name}}: {{text}}', { name, text: truncate(text, 80) })
    : name;
  return `${said} · t=${fmtTime(markerX(model, 'virtual', i))} · ${step}`;
}

/** The lane a raw span belongs to (binary search on lane offsets). */
export function laneOfSpan(model: TimelineModel, i: number): number {
  return upperBound(model.spans.offsets, i) - 1;
}

/** First index in sorted `a` whose value is greater than v. */
export function upperBound(a: ArrayLike<number>, v: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in sorted `a` whose value is at least v. */
export function lowerBound(a: ArrayLike<number>, v: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  if (one.length <= n) return one;
  let cut = one.slice(0, n - 1);
  // A deleted line's number in a tooltip sits between two marks (run-lines.tsx lineInText,
  // U+FDD6 … U+FDD7), which the tooltip turns into a struck number: never keep one without the other.
  const open = cut.lastIndexOf(GONE_OPEN);
  if (open >= 0 && cut.indexOf(GONE_CLOSE, open) < 0) cut = cut.slice(0, open);
  return `${cut}…`;
}

/** run-lines.tsx's marks around a deleted line's number (kept here: this module has no React). */
const GONE_OPEN = '\uFDD6';
const GONE_CLOSE = '\uFDD7';

/** Seconds with a unit that keeps three significant figures. */
export function fmtTime(t: number): string {
  const a = Math.abs(t);
  if (a === 0) return '0 s';
  if (a < 1e-3) return `${+(t * 1e6).toPrecision(3)} µs`;
  if (a < 1) return `${+(t * 1e3).toPrecision(3)} ms`;
  return `${+t.toPrecision(4)} s`;
}

/**
 * The step of the next (dir 1) or previous (dir -1) marker strictly after/before `step`, on
 * `lane`, or on any lane when lane is -1; -1 when there is none. Keyboard users reach markers
 * this way instead of clicking them.
 */
export function adjacentMarker(
  model: TimelineModel,
  lane: number,
  step: number,
  dir: 1 | -1,
): number {
  const mk = model.markers;
  let best = -1;
  const from = lane >= 0 ? lane : 0;
  const to = lane >= 0 ? lane + 1 : model.laneCount;
  for (let l = from; l < to; l++) {
    const lo = mk.offsets[l];
    const hi = mk.offsets[l + 1];
    if (lo === hi) continue;
    if (dir > 0) {
      const i = upperBound(mk.step, step, lo, hi);
      if (i < hi && (best < 0 || mk.step[i] < best)) best = mk.step[i];
    } else {
      const i = lowerBound(mk.step, step, lo, hi) - 1;
      if (i >= lo && mk.step[i] > best) best = mk.step[i];
    }
  }
  return best;
}

const derivedNormalized = new WeakMap<TimelineModel, Normalized | null>();

/**
 * The model's lifecycles: the ones it was built with, else derived from the trace once, on the
 * first label that asks (tests, the benchmark). null when the trace cannot be normalized: the
 * labels then fall back to the futures' own labels.
 */
function normalizedOf(model: TimelineModel): Normalized | null {
  if (model.normalized) return model.normalized;
  let nz = derivedNormalized.get(model);
  if (nz === undefined) {
    try {
      nz = normalizeTrace(model.trace);
    } catch {
      nz = null;
    }
    derivedNormalized.set(model, nz);
  }
  return nz;
}

/**
 * awaitingText per future, in English, per model: a queue wait reads the queue's values to tell a
 * get from a put, and a label is drawn on every frame. Bounded, as a long run has many futures.
 */
const awaitedCache = new WeakMap<TimelineModel, Map<number, string>>();
const MAX_AWAITED_CACHED = 10_000;

/**
 * What a task suspended on future f awaits, in the reader's language. A wait on a resource (a
 * Lock's or a queue's plain future), a call's wait (Queue.join, a stream's readline, drain,
 * serve_forever; linked to its resource by RESOURCE_WAIT) and the end of a TaskGroup block are
 * worded as the task cards and the explanations word them (normalize.ts awaitingText): "queue
 * `q`.join()", "readline() on connection `…`", "the tasks of its TaskGroup", a `run_in_executor`
 * job's "job(1) in a worker thread". Other futures keep
 * their own short label ("sleep(0.1)", "gather"), which fits inside a span.
 */
export function awaitedText(model: TimelineModel, f: number, t: Translate = english): string {
  const kind = model.trace.futures.kind[f];
  if (
    kind === FutureKind.PLAIN ||
    kind === FutureKind.CALL ||
    kind === FutureKind.TASKGROUP ||
    kind === FutureKind.EXECUTOR
  ) {
    let cache = awaitedCache.get(model);
    let text = cache?.get(f);
    if (text === undefined) {
      const nz = normalizedOf(model);
      // A plain future is named by the line that made it ("a Future created at line 7").
      text = nz ? awaitingText(nz, f) : '';
      if (!cache) awaitedCache.set(model, (cache = new Map()));
      if (cache.size >= MAX_AWAITED_CACHED) cache.clear();
      cache.set(f, text);
    }
    if (text) return fragmentText(text, t);
  }
  return (
    str(model, model.trace.futures.label[f]) || t('timeline.draw.futureN', 'future {{n}}', { n: f })
  );
}

/**
 * Short text drawn inside a wide span: what a suspended task awaits, the blocking call, the
 * handle the loop runs; '' when the span has nothing worth printing.
 */
export function spanLabel(model: TimelineModel, i: number, translate: Translate = english): string {
  const sp = model.spans;
  const aux = sp.aux[i];
  switch (sp.state[i]) {
    case SpanState.SUSPENDED: {
      if (aux < 0) return 'yield';
      // Spaced: Chinese sets no space before a Chinese fragment ("等待队列 `q` 的 join()").
      const t = spaced(translate);
      return t('timeline.draw.await', 'await {{what}}', { what: awaitedText(model, aux, t) });
    }
    case SpanState.BLOCKED:
      return str(model, aux);
    case SpanState.CALLBACK:
      return aux >= 0 ? handleDescr(model, aux, translate) : '';
    case SpanState.RUNNING:
      return model.laneKind[laneOfSpan(model, i)] === LaneKind.WORKER ? workerJob(model, i) : '';
    default:
      return '';
  }
}

/** The job text of a worker span (WORKER_START.b at the span's first step). */
function workerJob(model: TimelineModel, i: number): string {
  const s0 = model.spans.s0[i];
  return model.trace.events.kind[s0] === EventKind.WORKER_START
    ? str(model, model.trace.events.b[s0])
    : '';
}
