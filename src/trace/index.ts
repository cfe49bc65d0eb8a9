/**
 * The trace index: `buildIndex(trace)` once per run, then `stateAt(index, step)` for any step in
 * any order, plus step navigation at three granularities and "run to next" queries.
 *
 * stateAt never replays events. Loop-level facts (clock, iteration, ready queue bounds, running
 * handle, output and warning counts) are binary searches over sorted event indexes; each entity's
 * state is a binary search in its own change log (normalize.ts). The cost of a step is therefore
 * O(live entities + log events) whichever step you came from, and the views it returns for tasks
 * and handles that did not change are the same objects as last time, so React can skip them.
 */
import { NEVER, countAtOrBefore, firstAfter, lastAtOrBefore } from './csr';
import type { Csr } from './csr';
import {
  DEFAULT_LIMITS,
  FUTURE_KIND_NAMES,
  HANDLE_KIND_NAMES,
  RESOURCE_KIND_NAMES,
  WARN_NAMES,
  str,
  validateTrace,
} from './decode';
import type { TraceLimits } from './decode';
import { explain, parseChain, renderExplanation } from './explain';
import {
  TASK_STATE_NAMES,
  TS_DONE,
  TS_RUNNING,
  TS_SUSPENDED,
  awaitingText,
  callFutureTitle,
  cancelledAt,
  columnBytes,
  handleLabel,
  normalizeTrace,
  normalizedBytes,
  resourceName,
  taskName,
  startServerLine,
  timeAt as nzTimeAt,
} from './normalize';
import type { Normalized } from './normalize';
import { Done, EventKind as K, ResourceKind, Step } from './schema';
import type { TraceColumns } from './schema';
import type {
  FrameView,
  FuturePage,
  FutureView,
  Granularity,
  HandleView,
  OutputLine,
  ResourceView,
  TaskView,
  TraceState,
  WarningView,
} from './types';

/** Targets of "run to next": timer firing, cancellation, exception, task done, output line. */
export type RunTarget = 'timer' | 'cancel' | 'exception' | 'taskDone' | 'output';

/** An uncaught exception, for error markers in the editor. */
export interface ErrorView {
  step: number;
  line: number;
  task: number;
  type: string;
  traceback: string;
}

export interface TraceIndex {
  trace: TraceColumns;
  /** Entity lifecycles (normalize.ts); read-only. */
  nz: Normalized;
  eventCount: number;
  /** Stops per granularity, as sorted event indexes. */
  steps: Record<Granularity, Int32Array>;
  /** Event indexes of each "run to next" target, sorted. */
  marks: Record<RunTarget, Int32Array>;
  /**
   * Console entries in order (one per write, with a write that only finishes the line, such as
   * print's newline, merged into the entry it finishes). The console at a step shows
   * `output.slice(0, state.outputCount)`; joining their texts gives the stream byte for byte.
   */
  output: OutputLine[];
  /** Every warning in the run; state.warnings is a prefix of it. */
  warnings: WarningView[];
  errors: ErrorView[];
  /** Internal memo tables; bounded in size. */
  cache: IndexCache;
}

interface IndexCache {
  taskViews: (LazyTaskView | undefined)[];
  taskKey: Int32Array;
  taskChainKey: Int32Array;
  taskCancelKey: Int32Array;
  chains: Map<number, FrameView[]>;
  /**
   * The await line of each chain string (chainAwaitLine), by string id; -1 = not read yet.
   * Allocated on first use: only the editor's gutter marks ask, for every parked task.
   */
  chainLines: Int32Array | null;
  taskLines: Map<number, number[]>;
  /** Scratch: head of the awaiter list per future (-1 = none), reset after each use. */
  awaitHead: Int32Array;
  awaitNext: Int32Array;
  /**
   * The previous seek's lists, for reuse. A handle view depends on the handle alone, and a future
   * view is reused when nothing about that future changed between the two steps, so stepping
   * allocates views only for what changed. `*Key` holds each entry's position (timer order, FIFO
   * position), the order the lists are built in; two buffers each, swapped per seek.
   */
  prevReady: HandleView[];
  prevReadyKey: Int32Array;
  nextReadyKey: Int32Array;
  prevTimers: HandleView[];
  prevTimerKey: Int32Array;
  nextTimerKey: Int32Array;
  /** The step `prevTimers` is the heap of, -1 before the first seek. */
  prevTimersStep: number;
  /** The timers by the step they enter and by the step they leave the heap; built on first use. */
  timerMoves: TimerMoves | null;
  prevRunning: HandleView | null;
  prevFutures: FutureView[];
  /** The views of the last page of futures (futurePage), by future id, for reuse. */
  prevPage: Map<number, LazyFutureView>;
  /** Creation and completion steps of the futures, sorted (futureCounts); built on first use. */
  fCreatedSorted: Int32Array | null;
  fDoneSorted: Int32Array | null;
  /** The step each task finished at (done, failed or cancelled), sorted (taskCounts). */
  tFinishedSorted: Int32Array | null;
  /** Scratch for taskListFull's changed tasks. */
  scratchTasks: Int32Array;
  /** The last seek's task list and its step, for a short move's update (taskListNear). */
  prevTasks: TaskView[] | null;
  prevTasksStep: number;
  /** Every row of the three task logs in event order (taskChanges); built on the first short move. */
  taskRows: TaskRows | null;
  /** The task-log rows that suspend a task on each future (futureWaits); built on first use. */
  futureWaits: FutureWaits | null;
}

/**
 * Per future f, the rows of the task state log that suspend a task on it (a TASK_STEP_END that
 * leaves the task waiting on f): `task` and `row` in [off[f], off[f + 1]), by task then row.
 */
interface FutureWaits {
  off: Int32Array;
  task: Int32Array;
  row: Int32Array;
}

/** The rows of the task logs (state, chain, cancel) sorted by event: which task each one changed. */
interface TaskRows {
  ev: Int32Array;
  task: Int32Array | Uint16Array;
  /** Task ids are in creation order, so the tasks alive at a step are a prefix of the ids. */
  prefix: boolean;
}

/**
 * How far back (in events) a completed future still counts as "just completed": at step s the
 * futures list holds those completed in (s - RECENT_DONE_WINDOW, s].
 */
export const RECENT_DONE_WINDOW = 2000;
/** Most callbacks or awaiters listed for one future. */
const MAX_LISTED = 256;
const EMPTY_STRINGS: readonly string[] = Object.freeze([]);
const EMPTY_IDS: readonly number[] = Object.freeze([]);
const byNumber = (x: number, y: number) => x - y;
const MAX_CHAINS = 1024;
/** parseChain's frame limit (explain.ts): frames past it are not read. */
const MAX_CHAIN_FRAMES = 64;
const EMPTY_FRAMES: FrameView[] = [];
const EMPTY_KEYS = new Int32Array(0);

/** `buf` if it holds `n` entries, else a bigger one (scratch: the contents are not kept). */
function room(buf: Int32Array, n: number): Int32Array {
  return buf.length >= n ? buf : new Int32Array(Math.max(n, buf.length * 2, 64));
}

export interface BuildOptions {
  /** Skip validation only for traces this process built itself (tests, synthetic). */
  trusted?: boolean;
  limits?: TraceLimits;
}

/** Validates (unless trusted), normalizes and indexes a trace. Throws TraceDecodeError. */
export function buildIndex(trace: TraceColumns, options: BuildOptions = {}): TraceIndex {
  if (!options.trusted) validateTrace(trace, options.limits ?? DEFAULT_LIMITS);
  const nz = normalizeTrace(trace);
  const e = trace.events;
  const output: OutputLine[] = nz.outputText.map((text, k) => {
    const i = nz.outputEv[k];
    return {
      stream: nz.outputStream[k] === 0 ? 'stdout' : 'stderr',
      text,
      step: i,
      time: nzTimeAt(nz, i),
      task: e.task[i],
    };
  });
  const warnings: WarningView[] = Array.from(nz.warningEv, (i) => ({
    kind: WARN_NAMES[e.a[i]],
    message: str(trace, e.b[i]) ?? '',
    line: e.line[i],
    step: i,
  }));
  const errors: ErrorView[] = Array.from(nz.errorEv, (i) => ({
    step: i,
    line: e.line[i],
    task: e.task[i],
    type: str(trace, e.b[i]) ?? 'Exception',
    traceback: str(trace, e.a[i]) ?? '',
  }));
  const nt = trace.tasks.future.length;
  const nf = trace.futures.kind.length;
  return {
    trace,
    nz,
    eventCount: nz.eventCount,
    steps: { line: nz.lines, step: nz.steps, iteration: nz.iterations },
    marks: {
      timer: nz.timerFires,
      cancel: nz.cancels,
      exception: nz.exceptions,
      taskDone: nz.taskDone,
      output: nz.outputEv,
    },
    output,
    warnings,
    errors,
    cache: {
      taskViews: new Array<LazyTaskView | undefined>(nt),
      taskKey: new Int32Array(nt).fill(-1),
      taskChainKey: new Int32Array(nt).fill(-1),
      taskCancelKey: new Int32Array(nt).fill(-1),
      chains: new Map(),
      chainLines: null,
      taskLines: new Map(),
      awaitHead: new Int32Array(nf).fill(-1),
      awaitNext: new Int32Array(nt).fill(-1),
      prevReady: [],
      prevReadyKey: EMPTY_KEYS,
      nextReadyKey: EMPTY_KEYS,
      prevTimers: [],
      prevTimerKey: EMPTY_KEYS,
      nextTimerKey: EMPTY_KEYS,
      prevTimersStep: -1,
      timerMoves: null,
      prevRunning: null,
      prevFutures: [],
      prevPage: new Map(),
      fCreatedSorted: null,
      fDoneSorted: null,
      tFinishedSorted: null,
      scratchTasks: new Int32Array(0),
      prevTasks: null,
      prevTasksStep: -1,
      taskRows: null,
      futureWaits: null,
    },
  };
}

/** Bytes the page holds for this trace: columns plus index typed arrays (not JS strings). */
export function indexBytes(index: TraceIndex): { columns: number; index: number } {
  return { columns: columnBytes(index.trace), index: normalizedBytes(index.nz) };
}

function handleView(index: TraceIndex, h: number): HandleView {
  return new LazyHandleView(index.nz, h);
}

/**
 * A HandleView that holds only its handle: everything in it is a fixed fact of the handle, read
 * from the columns when used, and the card label is built when read (a seek on a big trace lists
 * thousands of timers while the panel shows a few). The fields are getters on the prototype, so
 * object spread does not copy them; `toJSON()` includes them.
 */
class LazyHandleView implements HandleView {
  readonly #nz: Normalized;
  constructor(
    nz: Normalized,
    readonly id: number,
  ) {
    this.#nz = nz;
  }
  get kind(): HandleView['kind'] {
    return HANDLE_KIND_NAMES[this.#nz.trace.handles.kind[this.id]];
  }
  get when(): number {
    return this.#nz.trace.handles.when[this.id];
  }
  get task(): number {
    return this.#nz.trace.handles.task[this.id];
  }
  get line(): number {
    return this.#nz.trace.handles.line[this.id];
  }
  get label(): string {
    return handleLabel(this.#nz, this.id);
  }
  toJSON(): HandleView {
    return {
      id: this.id,
      kind: this.kind,
      label: this.label,
      when: this.when,
      task: this.task,
      line: this.line,
    };
  }
}

function chainFrames(index: TraceIndex, s: number): FrameView[] {
  if (s < 0) return EMPTY_FRAMES;
  const cache = index.cache.chains;
  let frames = cache.get(s);
  if (!frames) {
    const text = index.trace.strings[s];
    frames = parseChain(text);
    if (cache.size >= MAX_CHAINS) cache.clear();
    cache.set(s, frames);
  }
  return frames;
}

/** The innermost user line of parsed frames (the last with a line), 0 when none has one. */
export function framesAwaitLine(chain: readonly { line: number }[]): number {
  for (let i = chain.length - 1; i >= 0; i--) if (chain[i].line > 0) return chain[i].line;
  return 0;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
function skipSpace(s: string, i: number): number {
  while (isSpace(s.charCodeAt(i))) i++;
  return i;
}
/** Past the JSON string starting at `i` (a quote), or -1. */
function skipString(s: string, i: number): number {
  for (;;) {
    const j = s.indexOf('"', i + 1);
    if (j < 0) return -1;
    let k = j - 1;
    while (s.charCodeAt(k) === 92) k--;
    // An even number of backslashes before it: the quote is not escaped.
    if ((j - 1 - k) % 2 === 0) return j + 1;
    i = j;
  }
}
/** Past the JSON value starting at `i`, or -1. Strings are skipped, not checked. */
function skipValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 34) return skipString(s, i);
  if (c === 91 || c === 123) {
    let depth = 0;
    while (i < s.length) {
      const x = s.charCodeAt(i);
      if (x === 34) {
        i = skipString(s, i);
        if (i < 0) return -1;
        continue;
      }
      if (x === 91 || x === 123) depth++;
      else if (x === 93 || x === 125) {
        if (--depth === 0) return i + 1;
      }
      i++;
    }
    return -1;
  }
  let j = i;
  while (j < s.length) {
    const x = s.charCodeAt(j);
    if (x === 44 || x === 93 || x === 125 || isSpace(x)) break;
    j++;
  }
  return JSON_TOKEN.test(s.slice(i, j)) ? j : -1;
}
/** A JSON number or literal, as JSON.parse reads it. */
const JSON_TOKEN = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

/**
 * The line an AWAIT_CHAIN string parks its task on: the innermost frame with a line, as
 * `framesAwaitLine(parseChain(text))` gives, read without building the frames. The gutter marks
 * need it for every parked task (10,000 on a big run), where parsing each chain was most of a
 * jump's cost. Anything this scan does not expect (a number JSON.parse would not read the same
 * way, broken JSON) goes to parseChain. It checks the frame list's structure and every number and
 * literal, not what is inside strings or the nesting inside a frame's locals, so a chain broken
 * only there may give a line where parseChain (JSON.parse) gives none.
 */
export function chainAwaitLine(text: string): number {
  const slow = () => framesAwaitLine(parseChain(text));
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 91) return slow();
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === 93) return skipSpace(text, i + 1) === text.length ? 0 : slow();
  let line = 0;
  for (let n = 0; ; n++) {
    if (text.charCodeAt(i) === 91 && n < MAX_CHAIN_FRAMES) {
      // A frame: [func, line, locals]; only the line matters.
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) !== 93) {
        i = skipValue(text, i);
        if (i < 0) return slow();
        i = skipSpace(text, i);
        if (text.charCodeAt(i) === 44) {
          const at = skipSpace(text, i + 1);
          i = skipValue(text, at);
          if (i < 0) return slow();
          const c = text.charCodeAt(at);
          if (c === 45 || (c >= 48 && c <= 57)) {
            const v = Number(text.slice(at, i));
            if (!Number.isFinite(v)) return slow();
            if (v > 0) line = v;
          }
          i = skipSpace(text, i);
          while (text.charCodeAt(i) === 44) {
            i = skipValue(text, skipSpace(text, i + 1));
            if (i < 0) return slow();
            i = skipSpace(text, i);
          }
        }
        if (text.charCodeAt(i) !== 93) return slow();
      }
      i++;
    } else {
      // Past the frames parseChain reads, or not a frame: skipped as it skips them.
      i = skipValue(text, i);
      if (i < 0) return slow();
    }
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (c === 93) return skipSpace(text, i + 1) === text.length ? line : slow();
    if (c !== 44) return slow();
    i = skipSpace(text, i + 1);
  }
}

/** The await line of chain string `s` (0: none), read once per string per index. */
function chainLine(index: TraceIndex, s: number): number {
  if (s < 0) return 0;
  let lines = index.cache.chainLines;
  if (!lines) {
    lines = index.cache.chainLines = new Int32Array(index.trace.strings.length).fill(-1);
  }
  if (s < lines.length && lines[s] >= 0) return lines[s];
  const text = index.trace.strings[s];
  const line = typeof text === 'string' ? chainAwaitLine(text) : 0;
  if (s < lines.length && line === (line | 0)) lines[s] = line;
  return line;
}

/**
 * The line a task is parked on (the innermost user frame of its await chain, 0 when none), as
 * `framesAwaitLine(task.chain)` gives, but from a per-index table by chain string for the task
 * views stateAt returns, so a step or jump that changes every task does not parse every chain.
 */
export function taskAwaitLine(index: TraceIndex, task: TaskView): number {
  return task instanceof LazyTaskView
    ? chainLine(index, task.chainString())
    : framesAwaitLine(task.chain);
}

/** Whether entity `id` has a log row after row `k` (its last at the step) and at or before `to`. */
function changesIn(log: Csr, id: number, k: number, to: number): boolean {
  const next = k >= 0 ? k + 1 : log.off[id];
  return next < log.off[id + 1] && log.ev[next] <= to;
}

/** Last row of entity `id` in a CSR log at or before step s, or -1. */
function lastRow(off: Int32Array, ev: Int32Array, id: number, s: number): number {
  const k = lastAtOrBefore(ev, s, off[id], off[id + 1]);
  return k >= off[id] ? k : -1;
}

/** The state before anything ran (also what an empty trace gives): every panel renders it. */
export function emptyState(): TraceState {
  return {
    step: -1,
    time: 0,
    iteration: 0,
    ready: [],
    timers: [],
    running: null,
    changed: { ready: [], timers: [], tasks: [] },
    tasks: [],
    futures: [],
    resources: [],
    outputCount: 0,
    currentTask: -1,
    currentLine: 0,
    warnings: [],
    explanation: renderExplanation({ key: 'explain.none', params: {} }),
    explanationMessage: { key: 'explain.none', params: {} },
  };
}

/**
 * The state of the run after event `step` (clamped to the trace). `since` is the step the viewer
 * was at before, and only `changed` depends on it; it defaults to the previous event. Stepping
 * forward, `changed` lists what changed in (since, step]; stepping back (since > step), what the
 * undone events (step, since] had changed. Views are shared between calls: treat them as immutable.
 *
 * `futures` lists the futures created at or before the step that are pending at it or completed
 * in its last RECENT_DONE_WINDOW events, (step - RECENT_DONE_WINDOW, step]: what is alive and
 * what just finished rather than every future ever made. It depends on the step alone, so the
 * panel shows the same list however the viewer got there.
 */
export function stateAt(index: TraceIndex, step: number, since = step - 1): TraceState {
  const nz = index.nz;
  const trace = index.trace;
  const e = trace.events;
  const n = index.eventCount;
  if (n === 0) return emptyState();
  const s = Math.max(0, Math.min(n - 1, Math.trunc(step) || 0));
  // Forward (since < s): what changed in (since, s]. Backward (since > s): what differs because
  // of the events in (s, since] that are being undone.
  const back = since > s;
  const prev = back ? s - 1 : since;
  const undoTo = back ? Math.min(since, n - 1) : s;

  // Loop scalars.
  const it = lastAtOrBefore(nz.iterations, s);
  const iteration = it >= 0 ? e.a[nz.iterations[it]] : 0;
  const st = lastAtOrBefore(nz.startEv, s);
  const head = st >= 0 ? nz.startHead[st] : 0;
  let running: HandleView | null = null;
  if (st >= 0) {
    const h = e.a[nz.startEv[st]];
    if (nz.hEnd[h] > s) {
      const pr = index.cache.prevRunning;
      running = pr && pr.id === h ? pr : handleView(index, h);
    }
  }

  // Ready queue: the FIFO entries between the last pop and the last push, minus cancelled ones.
  const cache = index.cache;
  const ready: HandleView[] = [];
  const changedReady: number[] = [];
  const tail = countAtOrBefore(nz.readyEv, s);
  const prevReady = cache.prevReady;
  const prevReadyKey = cache.prevReadyKey;
  const readyKey = room(cache.nextReadyKey, Math.max(0, tail - head));
  let pj = 0;
  for (let p = head; p < tail; p++) {
    const h = e.a[nz.readyEv[p]];
    const cancelled = nz.cancelIds.length ? cancelledAt(nz, h) : NEVER;
    if (nz.hStart[h] <= s || cancelled <= s) continue;
    // Both lists are in FIFO position order: walk the previous one alongside.
    while (pj < prevReady.length && prevReadyKey[pj] < p) pj++;
    readyKey[ready.length] = p;
    ready.push(
      pj < prevReady.length && prevReadyKey[pj] === p ? prevReady[pj] : handleView(index, h),
    );
    if (back ? nz.hStart[h] <= undoTo || cancelled <= undoTo : nz.readyEv[p] > prev) {
      changedReady.push(h);
    }
  }

  // Timer heap, already in due-time order. A short move that no timer entered or left the heap
  // in (most line and task steps) hands back the last list itself, with nothing changed.
  let timers: HandleView[];
  let changedTimers: number[];
  const tLo = Math.min(cache.prevTimersStep, s, prev);
  const tHi = Math.max(cache.prevTimersStep, s, undoTo);
  const near = cache.prevTimersStep >= 0 && tHi - tLo <= NEAR_EVENTS;
  if (near && !timersMoveIn(index, tLo, tHi)) {
    timers = cache.prevTimers;
    changedTimers = [];
  } else if (near) {
    // A short move that timers entered or left the heap in (most task steps schedule a sleep):
    // the last list with those few taken out and put in, instead of a walk over every timer.
    ({ timers, changedTimers } = timersNear(index, s, back, prev, undoTo));
  } else {
    // Counted first, so that both lists are made at their final size (see taskListFull).
    const { timerIds, timerIn, timerOut } = nz;
    let count = 0;
    let moved = 0;
    for (let k = 0; k < timerIds.length; k++) {
      if (timerIn[k] > s || timerOut[k] <= s) continue;
      count++;
      if (back ? timerOut[k] <= undoTo : timerIn[k] > prev) moved++;
    }
    timers = new Array<HandleView>(count);
    changedTimers = new Array<number>(moved);
    const prevTimers = cache.prevTimers;
    const prevTimerKey = cache.prevTimerKey;
    const timerKey = room(cache.nextTimerKey, count);
    let tj = 0;
    let w = 0;
    let m = 0;
    for (let k = 0; k < timerIds.length; k++) {
      if (timerIn[k] > s || timerOut[k] <= s) continue;
      const h = timerIds[k];
      while (tj < prevTimers.length && prevTimerKey[tj] < k) tj++;
      timerKey[w] = k;
      timers[w++] =
        tj < prevTimers.length && prevTimerKey[tj] === k ? prevTimers[tj] : handleView(index, h);
      if (back ? timerOut[k] <= undoTo : timerIn[k] > prev) changedTimers[m++] = h;
    }
    cache.prevTimers = timers;
    cache.nextTimerKey = prevTimerKey;
    cache.prevTimerKey = timerKey;
  }
  cache.prevTimersStep = s;

  cache.prevReady = ready;
  cache.nextReadyKey = prevReadyKey;
  cache.prevReadyKey = readyKey;
  cache.prevRunning = running;

  // Tasks: from the last seek's list when the move is short, else a walk over every task.
  let changedTasks: number[] = [];
  let tasks = taskListNear(index, s, back ? s : prev, undoTo, changedTasks);
  if (!tasks) ({ tasks, changed: changedTasks } = taskListFull(index, s, back, prev, undoTo));
  cache.prevTasks = tasks;
  cache.prevTasksStep = s;

  // Futures: built when read (futuresAt), since most steps show only a page of them. Which
  // completed ones are listed is a window ending at the step, never the step the viewer came from.
  const doneAfter = s - RECENT_DONE_WINDOW;

  // Resources.
  const resources: ResourceView[] = [];
  const nr = trace.resources.kind.length;
  for (let r = 0; r < nr; r++) {
    if (nz.rCreated[r] > s) continue;
    resources.push(buildResourceView(index, r, s));
  }

  // Where the program is.
  const currentTask = e.task[s];
  let currentLine = e.line[s];
  if (e.kind[s] !== K.LINE && currentTask >= 0) {
    const li = lastAtOrBefore(nz.lines, s);
    const lineEv = li >= 0 ? nz.lines[li] : -1;
    const stepStart = st >= 0 ? nz.startEv[st] : 0;
    if (lineEv >= stepStart && e.task[lineEv] === currentTask) currentLine = e.line[lineEv];
  }

  const msg = explain(nz, s);
  // Built in the same order every time, the lazy parts through the same functions (see
  // LazyFutures), so every state shares one hidden class.
  const state = {
    step: s,
    time: nzTimeAt(nz, s),
    iteration,
    ready,
    timers,
    running,
    changed: { ready: changedReady, timers: changedTimers, tasks: changedTasks },
    tasks,
  } as TraceState;
  Object.defineProperty(state, 'futures', {
    enumerable: true,
    configurable: true,
    get: lazyFutures,
  });
  state.futureCounts = futureCounts(index, s, doneAfter);
  state.taskCounts = { live: liveTasks(index, s) };
  state.resources = resources;
  state.outputCount = countAtOrBefore(nz.outputEv, s);
  state.currentTask = currentTask;
  state.currentLine = currentLine;
  state.warnings = index.warnings.slice(0, countAtOrBefore(nz.warningEv, s));
  state.explanation = renderExplanation(msg);
  state.explanationMessage = msg;
  Object.defineProperty(state, 'futurePage', { enumerable: false, value: lazyFuturePage });
  const lazy: LazyFutures = { index, s, doneAfter, tasks: tasks as LazyTaskView[], futures: null };
  Object.defineProperty(state, LAZY, { enumerable: false, writable: true, value: lazy });
  return state;
}

/**
 * What a state's futures are built from when read, and the list once built. A state holds it
 * under a symbol, not in closures of its own: an accessor defined on an object lives in its
 * hidden class, which V8 keeps in the old generation, so a getter closure per state tied each
 * state (its 10,000 task views) to a hidden class that only a full collection frees. Every minor
 * collection then copied every state made since the last one: on the bench trace's jumps, most
 * of what they allocated (docs/debugger.md).
 */
interface LazyFutures {
  index: TraceIndex;
  s: number;
  doneAfter: number;
  tasks: LazyTaskView[];
  futures: FutureView[] | null;
}

const LAZY = Symbol('lazy futures');

function lazyOf(state: TraceState): LazyFutures {
  return (state as TraceState & { [LAZY]: LazyFutures })[LAZY];
}

/** `state.futures` of a state from stateAt: futuresAt on first read. */
function lazyFutures(this: TraceState): FutureView[] {
  const lazy = lazyOf(this);
  return (lazy.futures ??= futuresAt(lazy.index, lazy.s, lazy.doneAfter, lazy.tasks));
}

/** `state.futurePage` of a state from stateAt. */
function lazyFuturePage(this: TraceState, limit: number): FuturePage {
  const lazy = lazyOf(this);
  return futurePage(lazy.index, lazy.s, lazy.doneAfter, lazy.tasks, limit, lazy.futures);
}

/**
 * The view of task `t` given its last rows at the step in the state, chain and cancel logs (-1 for
 * none): the cached one while those rows are the same, so an unchanged task keeps its object.
 */
function taskViewAt(index: TraceIndex, t: number, k: number, kc: number, kx: number): TaskView {
  const nz = index.nz;
  const cache = index.cache;
  const stateEv = k >= 0 ? nz.tState.ev[k] : -1;
  const chainEv = kc >= 0 ? nz.tChain.ev[kc] : -1;
  const cancelEv = kx >= 0 ? nz.tCancel.ev[kx] : -1;
  let view = cache.taskViews[t];
  if (
    !view ||
    cache.taskKey[t] !== stateEv ||
    cache.taskChainKey[t] !== chainEv ||
    cache.taskCancelKey[t] !== cancelEv
  ) {
    view = buildTaskView(index, t, k, chainEv, kx);
    cache.taskViews[t] = view;
    cache.taskKey[t] = stateEv;
    cache.taskChainKey[t] = chainEv;
    cache.taskCancelKey[t] = cancelEv;
  }
  return view;
}

/**
 * Every task created by step `s`, in id order, from each one's logs (three binary searches a
 * task), and the tasks with a row in (prev, s], or, going back, in (s, undoTo].
 *
 * Both arrays are made at their final size. A jump across a big run lists every task and finds
 * nearly all of them changed: grown by pushes, two arrays of 10,000 were allocated about three
 * times over each, young-generation garbage that brought the next scavenge sooner (a scavenge is
 * the slowest frames of a run of jumps).
 */
function taskListFull(
  index: TraceIndex,
  s: number,
  back: boolean,
  prev: number,
  undoTo: number,
): { tasks: TaskView[]; changed: number[] } {
  const nz = index.nz;
  const nt = index.trace.tasks.future.length;
  let created = 0;
  for (let t = 0; t < nt; t++) if (nz.tCreated[t] <= s) created++;
  const tasks = new Array<TaskView>(created);
  const marks = (index.cache.scratchTasks = room(index.cache.scratchTasks, created));
  let w = 0;
  let m = 0;
  for (let t = 0; t < nt; t++) {
    if (nz.tCreated[t] > s) continue;
    const k = lastRow(nz.tState.off, nz.tState.ev, t, s);
    const kc = lastRow(nz.tChain.off, nz.tChain.ev, t, s);
    const kx = lastRow(nz.tCancel.off, nz.tCancel.ev, t, s);
    if (
      back
        ? changesIn(nz.tState, t, k, undoTo) ||
          changesIn(nz.tChain, t, kc, undoTo) ||
          changesIn(nz.tCancel, t, kx, undoTo)
        : (k >= 0 ? nz.tState.ev[k] : -1) > prev ||
          (kc >= 0 ? nz.tChain.ev[kc] : -1) > prev ||
          (kx >= 0 ? nz.tCancel.ev[kx] : -1) > prev
    ) {
      marks[m++] = t;
    }
    tasks[w++] = taskViewAt(index, t, k, kc, kx);
  }
  const changed = new Array<number>(m);
  for (let i = 0; i < m; i++) changed[i] = marks[i];
  return { tasks, changed };
}

/**
 * The timers (their positions k in `nz.timerIds`, the heap's order) sorted by the step each enters
 * the heap (`byIn`, with those steps in `inSteps`) and by the step each leaves it (`byOut`,
 * `outSteps`): which timers move in a stretch of steps is two binary searches.
 */
interface TimerMoves {
  byIn: Int32Array;
  inSteps: Int32Array;
  byOut: Int32Array;
  outSteps: Int32Array;
}

function timerMoves(index: TraceIndex): TimerMoves {
  const cache = index.cache;
  if (cache.timerMoves) return cache.timerMoves;
  const { timerIn, timerOut } = index.nz;
  const by = (steps: Int32Array) => {
    const keys = new Int32Array(steps.length);
    for (let k = 0; k < keys.length; k++) keys[k] = k;
    keys.sort((x, y) => steps[x] - steps[y] || x - y);
    return { keys, sorted: keys.map((k) => steps[k]) };
  };
  const i = by(timerIn);
  const o = by(timerOut);
  cache.timerMoves = { byIn: i.keys, inSteps: i.sorted, byOut: o.keys, outSteps: o.sorted };
  return cache.timerMoves;
}

/** Whether a timer enters or leaves the heap at a step in (lo, hi]. */
function timersMoveIn(index: TraceIndex, lo: number, hi: number): boolean {
  const { inSteps, outSteps } = timerMoves(index);
  const inside = (xs: Int32Array) => countAtOrBefore(xs, hi) > countAtOrBefore(xs, lo);
  return inside(inSteps) || inside(outSteps);
}

/** Appends to `out` the timers (positions k) of `keys` whose steps are in (lo, hi]. */
function timersIn(keys: Int32Array, steps: Int32Array, lo: number, hi: number, out: number[]) {
  for (let j = countAtOrBefore(steps, lo), end = countAtOrBefore(steps, hi); j < end; j++) {
    out.push(keys[j]);
  }
}

/**
 * The timer heap at `s` from the last seek's (`cache.prevTimers`, at `cache.prevTimersStep`) for
 * a short move: the timers that entered or left it in between are taken out or put in, in heap
 * order, and the others keep their views. The same list and `changed` as the walk over every
 * timer in stateAt (changed: in the heap at `s` and entered in (prev, s], or, going back, leaving
 * in (s, undoTo]).
 */
function timersNear(
  index: TraceIndex,
  s: number,
  back: boolean,
  prev: number,
  undoTo: number,
): { timers: HandleView[]; changedTimers: number[] } {
  const cache = index.cache;
  const { timerIds, timerIn, timerOut } = index.nz;
  const moves = timerMoves(index);
  const p = cache.prevTimersStep;
  const inHeap = (k: number, at: number) => timerIn[k] <= at && timerOut[k] > at;
  // Timers whose place differs between p and s: they enter or leave in between.
  const lo = Math.min(p, s);
  const hi = Math.max(p, s);
  const moved: number[] = [];
  timersIn(moves.byIn, moves.inSteps, lo, hi, moved);
  timersIn(moves.byOut, moves.outSteps, lo, hi, moved);
  moved.sort(byNumber);
  const add: number[] = [];
  const drop: number[] = [];
  for (let i = 0; i < moved.length; i++) {
    const k = moved[i];
    if (i > 0 && k === moved[i - 1]) continue;
    const was = inHeap(k, p);
    const is = inHeap(k, s);
    if (is && !was) add.push(k);
    else if (was && !is) drop.push(k);
  }
  // Merge the last list (in key order) with the additions, leaving out the drops.
  const prevTimers = cache.prevTimers;
  const prevKey = cache.prevTimerKey;
  const m = prevTimers.length;
  const len = m - drop.length + add.length;
  const timers: HandleView[] = new Array<HandleView>(len);
  const key = room(cache.nextTimerKey, len);
  let i = 0;
  let a = 0;
  let d = 0;
  let w = 0;
  while (w < len) {
    const kp = i < m ? prevKey[i] : Infinity;
    const ka = a < add.length ? add[a] : Infinity;
    if (ka < kp) {
      key[w] = ka;
      timers[w++] = handleView(index, timerIds[ka]);
      a++;
    } else if (d < drop.length && drop[d] === kp) {
      d++;
      i++;
    } else {
      key[w] = kp;
      timers[w++] = prevTimers[i++];
    }
  }
  // Changed: in the heap at s and entered in (prev, s], or going back, leaving in (s, undoTo].
  const cand: number[] = [];
  if (back) timersIn(moves.byOut, moves.outSteps, s, undoTo, cand);
  else timersIn(moves.byIn, moves.inSteps, prev, s, cand);
  const changedKeys = cand.filter((k) => inHeap(k, s)).sort(byNumber);
  cache.prevTimers = timers;
  cache.nextTimerKey = prevKey;
  cache.prevTimerKey = key;
  return { timers, changedTimers: changedKeys.map((k) => timerIds[k]) };
}

/** Moves shorter than this many events may update the last task list (taskListNear). */
const NEAR_EVENTS = 1 << 16;

/**
 * The task logs' rows in event order, by a counting sort over the events: built once per index,
 * on the first short move (random seeks never need it). About 6 bytes a row.
 */
function taskRows(index: TraceIndex): TaskRows {
  const cache = index.cache;
  if (cache.taskRows) return cache.taskRows;
  const nz = index.nz;
  const n = index.eventCount;
  const nt = index.trace.tasks.future.length;
  const logs = [nz.tState, nz.tChain, nz.tCancel];
  const start = new Int32Array(n + 1);
  let rows = 0;
  for (const log of logs) {
    rows += log.ev.length;
    for (let r = 0; r < log.ev.length; r++) start[log.ev[r] + 1]++;
  }
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const ev = new Int32Array(rows);
  const task = nt <= 0x10000 ? new Uint16Array(rows) : new Int32Array(rows);
  for (const log of logs) {
    for (let t = 0; t < nt; t++) {
      for (let r = log.off[t]; r < log.off[t + 1]; r++) {
        const at = start[log.ev[r]]++;
        ev[at] = log.ev[r];
        task[at] = t;
      }
    }
  }
  let prefix = true;
  for (let t = 1; t < nt && prefix; t++) prefix = nz.tCreated[t] >= nz.tCreated[t - 1];
  cache.taskRows = { ev, task, prefix };
  return cache.taskRows;
}

/**
 * The task list at `s` from the last seek's, when the move is short: only the tasks with a log
 * row between the two steps are looked up again, and tasks created in between are added. The
 * same views and `changed` as taskListFull (tasks with a row in (from, to]), in less time when
 * few tasks changed. Null when the move is too long or changed too many tasks for that to pay.
 */
function taskListNear(
  index: TraceIndex,
  s: number,
  from: number,
  to: number,
  changed: number[],
): TaskView[] | null {
  const cache = index.cache;
  const last = cache.prevTasks;
  const p = cache.prevTasksStep;
  // `from` below -1 would count a task with no rows as changed (taskListFull compares -1 > from).
  if (!last || from < -1 || Math.abs(s - p) > NEAR_EVENTS || to - from > NEAR_EVENTS) return null;
  const rows = taskRows(index);
  if (!rows.prefix) return null;
  const nz = index.nz;
  const nt = index.trace.tasks.future.length;
  // Rows that may differ between the last list and this one, and rows for `changed`.
  const moveLo = firstAfter(rows.ev, Math.min(p, s));
  const moveHi = firstAfter(rows.ev, Math.max(p, s));
  const chLo = firstAfter(rows.ev, from);
  const chHi = firstAfter(rows.ev, Math.max(from, to));
  if (moveHi - moveLo + (chHi - chLo) > nt >> 1) return null;
  const created = countAtOrBefore(nz.tCreated, s);
  const kept = Math.min(created, last.length);
  const viewOf = (t: number) =>
    taskViewAt(
      index,
      t,
      lastRow(nz.tState.off, nz.tState.ev, t, s),
      lastRow(nz.tChain.off, nz.tChain.ev, t, s),
      lastRow(nz.tCancel.off, nz.tCancel.ev, t, s),
    );
  let tasks = last;
  if (moveHi > moveLo || created !== last.length) {
    tasks = last.slice(0, kept);
    for (let t = kept; t < created; t++) tasks.push(viewOf(t));
    for (let r = moveLo; r < moveHi; r++) {
      const t = rows.task[r];
      if (t < kept) tasks[t] = viewOf(t);
    }
  }
  if (chHi > chLo) {
    for (let r = chLo; r < chHi; r++) if (rows.task[r] < created) changed.push(rows.task[r]);
    changed.sort(byNumber);
    let w = 0;
    for (let i = 0; i < changed.length; i++)
      if (i === 0 || changed[i] !== changed[w - 1]) changed[w++] = changed[i];
    changed.length = w;
  }
  return tasks;
}

/**
 * How many tasks are not finished (done, failed or cancelled) at step `s`: those created by then
 * less those finished by then, binary searches over steps sorted once per index. A finished
 * state never changes, so a task's first one is when it finished. The panel counted its 10,000
 * views on every step instead (0.2 ms mid-run on the bench trace).
 */
function liveTasks(index: TraceIndex, s: number): number {
  const cache = index.cache;
  const nz = index.nz;
  if (!cache.tFinishedSorted) {
    const { off, ev, val } = nz.tState;
    const nt = off.length - 1;
    const finished: number[] = [];
    for (let t = 0; t < nt; t++) {
      for (let k = off[t]; k < off[t + 1]; k++) {
        if (val![k] >= TS_DONE) {
          finished.push(ev[k]);
          break;
        }
      }
    }
    cache.tFinishedSorted = Int32Array.from(finished).sort();
  }
  return countAtOrBefore(nz.tCreated, s) - countAtOrBefore(cache.tFinishedSorted, s);
}

/**
 * How many futures are pending at step `s`, and how many the futures list holds (the pending ones
 * and those completed after `doneAfter`): binary searches over the creation and completion steps,
 * sorted once per index, so a step does not walk every future for a count.
 */
function futureCounts(index: TraceIndex, s: number, doneAfter: number) {
  const cache = index.cache;
  if (!cache.fCreatedSorted || !cache.fDoneSorted) {
    cache.fCreatedSorted = Int32Array.from(index.nz.fCreated).sort();
    cache.fDoneSorted = Int32Array.from(index.nz.fDone).sort();
  }
  const created = countAtOrBefore(cache.fCreatedSorted, s);
  const done = countAtOrBefore(cache.fDoneSorted, s);
  const recent = done - countAtOrBefore(cache.fDoneSorted, doneAfter);
  return { pending: created - done, listed: created - done + recent };
}

/**
 * Futures pending at step `s`, or completed after `doneAfter` (in the last RECENT_DONE_WINDOW
 * events, so a long run does not list every future it ever made). Each future's awaiting tasks,
 * copied from scratch lists into one array that the views share (their awaiters are built from it
 * when read). Views that did not change are reused from the last list.
 */
function futuresAt(
  index: TraceIndex,
  s: number,
  doneAfter: number,
  tasks: readonly LazyTaskView[],
): FutureView[] {
  const nz = index.nz;
  const cache = index.cache;
  const { awaitHead, awaitNext } = cache;
  const touchedFutures: number[] = [];
  let awaiting = 0;
  for (const view of tasks) {
    const f = view.waitsOnFuture();
    if (f < 0) continue;
    const t = view.id;
    if (awaitHead[f] === -1) touchedFutures.push(f);
    awaitNext[t] = awaitHead[f];
    awaitHead[f] = t;
    awaiting++;
  }
  const futures: FutureView[] = [];
  const nf = index.trace.futures.kind.length;
  const ctx: FutureContext = { index, s, awaitList: new Int32Array(awaiting) };
  let used = 0;
  const prevFutures = cache.prevFutures as LazyFutureView[];
  let fj = 0;
  for (let f = 0; f < nf; f++) {
    if (nz.fCreated[f] > s) continue;
    if (nz.fDone[f] <= doneAfter) continue;
    const start = used;
    for (let t = awaitHead[f]; t !== -1; t = awaitNext[t]) ctx.awaitList[used++] = t;
    while (fj < prevFutures.length && prevFutures[fj].id < f) fj++;
    const pv = fj < prevFutures.length && prevFutures[fj].id === f ? prevFutures[fj] : null;
    futures.push(
      pv && pv.sameAt(s, ctx.awaitList, start, used - start)
        ? pv
        : buildFutureView(ctx, f, start, used - start),
    );
  }
  cache.prevFutures = futures;
  for (const f of touchedFutures) {
    for (let t = awaitHead[f]; t !== -1;) {
      const next = awaitNext[t];
      awaitNext[t] = -1;
      t = next;
    }
    awaitHead[f] = -1;
  }
  return futures;
}

/**
 * A page of the futures list without building the whole list: the lowest-numbered pending
 * futures, then (when fewer than `limit` are pending) the lowest-numbered recently completed
 * ones, the same views and order as taking them from `futuresAt`'s list. The scan stops once the
 * page is full, which at any step of a long run is near the first futures.
 */
function futurePage(
  index: TraceIndex,
  s: number,
  doneAfter: number,
  tasks: readonly LazyTaskView[],
  limit: number,
  built: FutureView[] | null,
): FuturePage {
  const { pending, listed } = futureCounts(index, s, doneAfter);
  const nz = index.nz;
  const pend: number[] = [];
  const recent: number[] = [];
  const wantRecent = Math.max(0, limit - pending);
  const nf = index.trace.futures.kind.length;
  for (
    let f = 0;
    f < nf && (pend.length < Math.min(limit, pending) || recent.length < wantRecent);
    f++
  ) {
    if (nz.fCreated[f] > s) continue;
    const done = nz.fDone[f];
    if (done <= doneAfter) continue;
    if (done > s) {
      if (pend.length < limit) pend.push(f);
    } else if (recent.length < wantRecent) recent.push(f);
  }
  const ids = pend.concat(recent);
  let shown: FutureView[];
  if (built) {
    const byId = new Map(built.map((v) => [v.id, v]));
    shown = ids.map((f) => byId.get(f)!);
  } else {
    shown = pageViews(index, s, tasks, ids);
  }
  return { shown, hidden: listed - shown.length, pending };
}

/** Views of a few futures at step `s`, with their awaiting tasks as futuresAt groups them. */
function pageViews(
  index: TraceIndex,
  s: number,
  tasks: readonly LazyTaskView[],
  ids: number[],
): FutureView[] {
  if (ids.length === 0) return [];
  const cache = index.cache;
  const lists: number[][] = ids.map(() => []);
  // The tasks waiting on the page's futures: from the rows that ever suspended a task on each,
  // a row counting when it is its task's last state row at the step. Every step asks for a page,
  // and a pass over every task (10,000 mid-run on the bench trace) was most of its cost; it is
  // kept for a page whose futures were waited on that often (an event all the tasks wait on).
  const waits = futureWaits(index);
  let rows = 0;
  for (const f of ids) rows += waits.off[f + 1] - waits.off[f];
  if (rows <= Math.max(64, tasks.length >> 2)) {
    const { off, ev } = index.nz.tState;
    for (let k = 0; k < ids.length; k++) {
      const f = ids[k];
      for (let j = waits.off[f]; j < waits.off[f + 1]; j++) {
        const t = waits.task[j];
        const r = waits.row[j];
        if (ev[r] <= s && lastRow(off, ev, t, s) === r) lists[k].push(t);
      }
    }
  } else {
    // Each page future's place in `ids`, in a scratch table by future id (awaitHead's, which is
    // -1 throughout between uses), not a Map lookup per task.
    const slotOf = cache.awaitHead;
    for (let k = 0; k < ids.length; k++) slotOf[ids[k]] = k;
    for (const view of tasks) {
      const f = view.waitsOnFuture();
      if (f >= 0 && slotOf[f] >= 0) lists[slotOf[f]].push(view.id);
    }
    for (const f of ids) slotOf[f] = -1;
  }
  let total = 0;
  for (const list of lists) total += list.length;
  const ctx: FutureContext = { index, s, awaitList: new Int32Array(total) };
  const prev = cache.prevPage;
  const next = new Map<number, LazyFutureView>();
  let used = 0;
  const views: FutureView[] = [];
  for (let k = 0; k < ids.length; k++) {
    const f = ids[k];
    // futuresAt's lists hold the awaiting tasks newest first.
    const list = lists[k];
    const start = used;
    for (let k = list.length - 1; k >= 0; k--) ctx.awaitList[used++] = list[k];
    const pv = prev.get(f);
    const view =
      pv && pv.sameAt(s, ctx.awaitList, start, used - start)
        ? pv
        : (buildFutureView(ctx, f, start, used - start) as LazyFutureView);
    next.set(f, view);
    views.push(view);
  }
  cache.prevPage = next;
  return views;
}

/**
 * The rows that suspend a task on each future (FutureWaits), by a counting sort over futures:
 * built on the first page of the futures list (about 10 ms for the bench trace's 220,000 rows,
 * 0.73 bytes an event).
 */
function futureWaits(index: TraceIndex): FutureWaits {
  const cache = index.cache;
  if (cache.futureWaits) return cache.futureWaits;
  const e = index.trace.events;
  const { off, ev, val } = index.nz.tState;
  const nt = off.length - 1;
  const nf = index.trace.futures.kind.length;
  // The future each row suspends its task on, -1 for none.
  const on = new Int32Array(ev.length);
  const start = new Int32Array(nf + 1);
  for (let r = 0; r < ev.length; r++) {
    const x = ev[r];
    const f = val![r] === TS_SUSPENDED && e.kind[x] === K.TASK_STEP_END ? e.c[x] : -1;
    on[r] = f < nf ? f : -1;
    if (on[r] >= 0) start[f + 1]++;
  }
  for (let f = 0; f < nf; f++) start[f + 1] += start[f];
  const task = new Int32Array(start[nf]);
  const row = new Int32Array(start[nf]);
  const at = start.slice(0, nf);
  for (let t = 0; t < nt; t++) {
    for (let r = off[t]; r < off[t + 1]; r++) {
      const f = on[r];
      if (f < 0) continue;
      task[at[f]] = t;
      row[at[f]++] = r;
    }
  }
  cache.futureWaits = { off: start, task, row };
  return cache.futureWaits;
}

/** What the future views of one seek share: the step, and the awaiting tasks of every future. */
interface FutureContext {
  index: TraceIndex;
  s: number;
  /** Awaiting tasks grouped by future (each view knows its slice), as the task views say. */
  awaitList: Int32Array;
}

function buildFutureView(ctx: FutureContext, f: number, start: number, count: number): FutureView {
  const { index, s } = ctx;
  const trace = index.trace;
  const e = trace.events;
  const doneEv = index.nz.fDone[f];
  let state: FutureView['state'] = 'pending';
  let outcome: string | null = null;
  if (doneEv <= s) {
    const d = e.b[doneEv];
    state = d === Done.RESULT ? 'done' : d === Done.EXCEPTION ? 'failed' : 'cancelled';
    // A cancelled future's text is its cancel message, if it was given one: the state already
    // says it was cancelled, and a word in the trace's English would read as its result.
    outcome = str(trace, e.c[doneEv]);
  }
  return new LazyFutureView(ctx, start, count, f, state, outcome);
}

/** Whether a row of `log` for entity `id` opens or closes (ev or val) in (lo, hi]. */
function rowsChangeIn(log: Csr, id: number, lo: number, hi: number): boolean {
  const val = log.val!;
  for (let k = log.off[id]; k < log.off[id + 1]; k++) {
    const ev = log.ev[k];
    if (ev > hi) break;
    if (ev > lo || (val[k] > lo && val[k] <= hi)) return true;
  }
  return false;
}

/**
 * A FutureView whose label, callbacks and awaiters are built when read: a seek on a big trace
 * lists tens of thousands of futures while the panel shows a few dozen. The three are getters on
 * the prototype (spread does not copy them; `toJSON()` includes them), and the lists are built
 * once per view.
 */
class LazyFutureView implements FutureView {
  readonly #ctx: FutureContext;
  readonly #start: number;
  readonly #count: number;
  #callbacks: string[] | null = null;
  #awaiters: number[] | null = null;
  constructor(
    ctx: FutureContext,
    start: number,
    count: number,
    readonly id: number,
    readonly state: FutureView['state'],
    readonly outcome: string | null,
  ) {
    this.#ctx = ctx;
    this.#start = start;
    this.#count = count;
  }

  get kind(): FutureView['kind'] {
    return FUTURE_KIND_NAMES[this.#ctx.index.trace.futures.kind[this.id]];
  }
  get owner(): number {
    return this.#ctx.index.trace.futures.owner[this.id];
  }
  get line(): number {
    return this.#ctx.index.trace.futures.line[this.id];
  }
  get label(): string {
    return futureLabelShort(this.#ctx.index, this.id);
  }

  get callbacks(): string[] {
    if (this.#callbacks) return this.#callbacks;
    const { index, s } = this.#ctx;
    const trace = index.trace;
    const e = trace.events;
    const cb = index.nz.fCallbacks;
    const f = this.id;
    let callbacks: string[] | null = null;
    for (let k = cb.off[f]; k < cb.off[f + 1]; k++) {
      const ev = cb.ev[k];
      if (ev > s) break;
      if (cb.val![k] <= s) continue;
      const text = str(trace, e.b[ev]) ?? 'callback';
      if (!callbacks) callbacks = [text];
      else if (callbacks.push(text) >= MAX_LISTED) break;
    }
    this.#callbacks = callbacks ?? (EMPTY_STRINGS as string[]);
    return this.#callbacks;
  }

  get awaiters(): number[] {
    if (this.#awaiters) return this.#awaiters;
    const { index, s, awaitList } = this.#ctx;
    const trace = index.trace;
    const e = trace.events;
    const f = this.id;
    let awaiters: number[] | null = null;
    for (let k = this.#start; k < this.#start + this.#count; k++) {
      if (!awaiters) awaiters = [awaitList[k]];
      else awaiters.push(awaitList[k]);
    }
    const ed = index.nz.fEdgesIn;
    for (let k = ed.off[f]; k < ed.off[f + 1]; k++) {
      const ev = ed.ev[k];
      if (ev > s) break;
      if (ed.val![k] <= s) continue;
      const t = trace.futures.task[e.a[ev]];
      if (t < 0) continue;
      if (!awaiters) awaiters = [t];
      else if (!awaiters.includes(t) && awaiters.push(t) >= MAX_LISTED) break;
    }
    if (awaiters && awaiters.length > 1) awaiters.sort(byNumber);
    this.#awaiters = awaiters ?? (EMPTY_IDS as number[]);
    return this.#awaiters;
  }

  /**
   * Whether this view (built at another step) is also the view at step `s`, where its awaiting
   * tasks are `list[start .. start + count)`: nothing about the future changed in between.
   */
  sameAt(s: number, list: Int32Array, start: number, count: number): boolean {
    const ctx = this.#ctx;
    if (count !== this.#count) return false;
    for (let k = 0; k < count; k++)
      if (list[start + k] !== ctx.awaitList[this.#start + k]) return false;
    const lo = Math.min(s, ctx.s);
    const hi = Math.max(s, ctx.s);
    const nz = ctx.index.nz;
    const f = this.id;
    const done = nz.fDone[f];
    if (done > lo && done <= hi) return false;
    return !rowsChangeIn(nz.fCallbacks, f, lo, hi) && !rowsChangeIn(nz.fEdgesIn, f, lo, hi);
  }

  toJSON(): FutureView {
    return {
      id: this.id,
      kind: this.kind,
      label: this.label,
      state: this.state,
      callbacks: this.callbacks,
      awaiters: this.awaiters,
      outcome: this.outcome,
      owner: this.owner,
      line: this.line,
    };
  }
}

function futureLabelShort(index: TraceIndex, f: number): string {
  const trace = index.trace;
  const t = trace.futures.task[f];
  if (t >= 0) return taskName(trace, t);
  const job = index.nz.fJob.get(f);
  if (job !== undefined) return trace.strings[job];
  // A wait in a method (FUTURE_CALL) in words, as the task cards say it; not its raw label.
  const call = callFutureTitle(index.nz, f);
  if (call !== null) return call;
  return str(trace, trace.futures.label[f]) ?? `future #${f}`;
}

function buildTaskView(
  index: TraceIndex,
  t: number,
  k: number,
  chainEv: number,
  kx: number,
): LazyTaskView {
  const nz = index.nz;
  const e = index.trace.events;
  const code = k >= 0 ? nz.tState.val![k] : 0;
  const ev = k >= 0 ? nz.tState.ev[k] : -1;
  const cancelling = kx >= 0 ? nz.tCancel.val![kx] : 0;
  let state: TaskView['state'] = TASK_STATE_NAMES[code];
  if (code < TS_DONE && code !== TS_RUNNING && cancelling > 0) state = 'cancelling';
  // The future it waits on, -2 when it is not waiting (-1: the next loop iteration).
  const waitsOn = code === TS_SUSPENDED && ev >= 0 && e.kind[ev] === K.TASK_STEP_END ? e.c[ev] : -2;
  const chainStr = code >= TS_DONE || chainEv < 0 ? -1 : e.b[chainEv];
  return new LazyTaskView(index, t, state, cancelling, code, ev, waitsOn, chainStr);
}

/**
 * A TaskView that holds only what varies with the step; the rest is read when used. A seek on a
 * big trace builds thousands of task views while the panel shows a screenful, so the await chain
 * (parsed on first read), the awaiting text and the outcome are built lazily, and the fixed facts
 * (name, coroutine, creation) come from the columns. Those fields are getters on the prototype,
 * so object spread does not copy them; use `toJSON()` or read them explicitly.
 */
class LazyTaskView implements TaskView {
  readonly #index: TraceIndex;
  readonly #code: number;
  readonly #ev: number;
  readonly #chainStr: number;
  /** The future it waits on, -1 for the next loop iteration, -2 when it is not waiting. */
  readonly #waitsOn: number;
  #awaiting: TaskView['awaiting'] | undefined = undefined;
  constructor(
    index: TraceIndex,
    readonly id: number,
    readonly state: TaskView['state'],
    readonly cancelling: number,
    code: number,
    ev: number,
    waitsOn: number,
    chainStr: number,
  ) {
    this.#index = index;
    this.#code = code;
    this.#ev = ev;
    this.#chainStr = chainStr;
    this.#waitsOn = waitsOn;
  }
  /** The future it waits on, -1 for the next loop iteration, -2 when it is not waiting. */
  waitsOnFuture(): number {
    return this.#waitsOn;
  }
  get future(): number {
    return this.#index.trace.tasks.future[this.id];
  }
  get name(): string {
    return taskName(this.#index.trace, this.id);
  }
  get coro(): string {
    return str(this.#index.trace, this.#index.trace.tasks.coro[this.id]) ?? '';
  }
  get createdLine(): number {
    return this.#index.trace.tasks.line[this.id];
  }
  get startServerLine(): number | undefined {
    const line = startServerLine(this.#index.nz, this.id);
    return line < 0 ? undefined : line;
  }
  get parent(): number {
    return this.#index.trace.tasks.parent[this.id];
  }
  get awaiting(): TaskView['awaiting'] {
    if (this.#awaiting === undefined) {
      const f = this.#waitsOn;
      const nz = this.#index.nz;
      this.#awaiting =
        f === -2
          ? null
          : { text: awaitingText(nz, f), future: f, resource: f >= 0 ? nz.fResource[f] : -1 };
    }
    return this.#awaiting;
  }
  get outcome(): string | null {
    const ev = this.#ev;
    if (this.#code < TS_DONE || ev < 0) return null;
    const trace = this.#index.trace;
    const e = trace.events;
    let outcome: string | null = null;
    const kind = e.kind[ev];
    if (kind === K.TASK_STEP_END && e.b[ev] !== Step.SUSPENDED) outcome = str(trace, e.c[ev]);
    else if (kind === K.FUTURE_DONE) outcome = str(trace, e.c[ev]);
    if (outcome === null && this.state === 'cancelled') outcome = 'CancelledError';
    return outcome;
  }
  get chain(): FrameView[] {
    return chainFrames(this.#index, this.#chainStr);
  }
  /** The string id of its await chain, -1 when it has none. */
  chainString(): number {
    return this.#chainStr;
  }
  toJSON(): TaskView {
    return {
      id: this.id,
      future: this.future,
      name: this.name,
      coro: this.coro,
      state: this.state,
      awaiting: this.awaiting,
      chain: this.chain,
      createdLine: this.createdLine,
      startServerLine: this.startServerLine,
      parent: this.parent,
      cancelling: this.cancelling,
      outcome: this.outcome,
    };
  }
}

function buildResourceView(index: TraceIndex, r: number, s: number): ResourceView {
  const nz = index.nz;
  const trace = index.trace;
  const e = trace.events;
  const rs = trace.resources;
  const holders: number[] = [];
  const hold = nz.rHold;
  for (let k = hold.off[r]; k < hold.off[r + 1]; k++) {
    const ev = hold.ev[k];
    if (ev > s) break;
    if (hold.val![k] > s) holders.push(e.b[ev]);
  }
  const waiters: number[] = [];
  const wait = nz.rWait;
  for (let k = wait.off[r]; k < wait.off[r + 1]; k++) {
    const ev = wait.ev[k];
    if (ev > s) break;
    if (wait.val![k] > s) waiters.push(e.b[ev]);
  }
  const kind = rs.kind[r];
  const kv = lastRow(nz.rValue.off, nz.rValue.ev, r, s);
  // Before any recorded change a semaphore holds its initial value, which the tracer records as
  // the capacity; everything else starts at zero.
  const initial =
    kind === ResourceKind.SEMAPHORE || kind === ResourceKind.BOUNDED_SEMAPHORE ? rs.capacity[r] : 0;
  return {
    id: r,
    kind: RESOURCE_KIND_NAMES[kind],
    name: resourceName(trace, r),
    holders,
    waiters,
    value: kv >= 0 ? nz.rValue.val![kv] : initial,
    capacity: rs.capacity[r],
    line: rs.line[r],
  };
}

// ---------------------------------------------------------------------------------------------
// Navigation. Every query is a binary search; -1 means "no such step".

/** The next stop strictly after `from` at this granularity, or -1. */
export function nextStop(index: TraceIndex, g: Granularity, from: number): number {
  const arr = index.steps[g];
  const k = firstAfter(arr, from);
  return k < arr.length ? arr[k] : -1;
}

/** The previous stop strictly before `from` at this granularity, or -1. */
export function prevStop(index: TraceIndex, g: Granularity, from: number): number {
  const arr = index.steps[g];
  const k = lastAtOrBefore(arr, from - 1);
  return k >= 0 ? arr[k] : -1;
}

/** Position of the last stop at or before `step` in the stop list (for "stop 12 of 340"), or -1. */
export function stopPosition(index: TraceIndex, g: Granularity, step: number): number {
  return lastAtOrBefore(index.steps[g], step);
}

/** The next event of a kind of interest strictly after `from`, or -1. */
export function runToNext(index: TraceIndex, target: RunTarget, from: number): number {
  const arr = index.marks[target];
  const k = firstAfter(arr, from);
  return k < arr.length ? arr[k] : -1;
}

/** The previous event of a kind of interest strictly before `from`, or -1. */
export function runToPrev(index: TraceIndex, target: RunTarget, from: number): number {
  const arr = index.marks[target];
  const k = lastAtOrBefore(arr, from - 1);
  return k >= 0 ? arr[k] : -1;
}

/**
 * The virtual clock after event `step` (clamped to the trace): `trace.events.time[step]`, from a
 * run-length table of the clock rather than the column.
 */
export function timeAt(index: TraceIndex, step: number): number {
  return nzTimeAt(index.nz, step);
}

// Line executions are found by walking the LINE events in order (`steps.line`) from the step:
// a click on a line is rare, and a per-line copy of that list would cost 4 bytes per LINE event.

/** The next LINE event for `line` strictly after `from`, or -1 (click on a line in the editor). */
export function nextLineExecution(index: TraceIndex, line: number, from: number): number {
  if (lineExecutionCount(index, line) === 0) return -1;
  const lines = index.nz.lines;
  const el = index.trace.events.line;
  for (let k = firstAfter(lines, from); k < lines.length; k++)
    if (el[lines[k]] === line) return lines[k];
  return -1;
}

/** The previous LINE event for `line` strictly before `from`, or -1 (Shift-click). */
export function prevLineExecution(index: TraceIndex, line: number, from: number): number {
  if (lineExecutionCount(index, line) === 0) return -1;
  const lines = index.nz.lines;
  const el = index.trace.events.line;
  for (let k = lastAtOrBefore(lines, from - 1); k >= 0; k--)
    if (el[lines[k]] === line) return lines[k];
  return -1;
}

/** How many times `line` ran in the whole trace (for gutter hints). */
export function lineExecutionCount(index: TraceIndex, line: number): number {
  const counts = index.nz.lineCounts;
  return line >= 0 && line < counts.length ? counts[line] : 0;
}

/**
 * The distinct user lines a task executed over the whole run, sorted: what the editor
 * highlights when a task is selected. Computed on first use per task and memoized.
 */
export function taskLines(index: TraceIndex, task: number): number[] {
  const memo = index.cache.taskLines;
  let lines = memo.get(task);
  if (!lines) {
    const e = index.trace.events;
    const seen = new Set<number>();
    for (const i of index.steps.line) if (e.task[i] === task) seen.add(e.line[i]);
    lines = [...seen].sort((x, y) => x - y);
    memo.set(task, lines);
  }
  return lines;
}
