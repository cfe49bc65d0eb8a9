/**
 * What the views see: the state of a run at one step, as returned by `stateAt(index, step)`.
 * Everything here is plain data computed from the trace alone, so any step, forward or back,
 * costs the same and the views are pure functions of it.
 */

export type TaskStateName =
  'pending' | 'ready' | 'running' | 'suspended' | 'done' | 'failed' | 'cancelled' | 'cancelling';

export type Granularity = 'line' | 'step' | 'iteration';

/** A callback in the ready queue, the timer heap, or running now. */
export interface HandleView {
  id: number;
  kind: 'soon' | 'later' | 'at' | 'threadsafe';
  /** Card text: "Task-3 step", "future callback", "user callback `stage2`". */
  label: string;
  /** Due time for timers (virtual seconds); the scheduling time for soon handles. */
  when: number;
  /** Task whose step this is, -1 otherwise. */
  task: number;
  /** User line that scheduled it, 0 if none. */
  line: number;
}

export interface FrameView {
  func: string;
  line: number;
  /** Short reprs of the frame's locals, bounded in count and length. */
  locals: Record<string, string>;
}

export interface TaskView {
  id: number;
  /** Future id of the task itself. */
  future: number;
  name: string;
  coro: string;
  state: TaskStateName;
  /** What it waits for, in words ("sleep until t=0.30 s", "Lock `db`"), null when not waiting. */
  awaiting: { text: string; future: number; resource: number } | null;
  /** Await chain, outermost frame first, as of its last suspension. */
  chain: FrameView[];
  createdLine: number;
  /**
   * For a task asyncio.start_server created for an accepted connection (its client_connected_cb),
   * the line of that start_server call, 0 when it is on no line of the program; else absent.
   */
  startServerLine?: number;
  /** Creating task id, -1 for none. */
  parent: number;
  cancelling: number;
  /** repr of the result, or "Type: message" of the error, once done. */
  outcome: string | null;
}

export interface FutureView {
  id: number;
  kind: 'plain' | 'task' | 'gather' | 'shield' | 'sleep' | 'executor' | 'taskgroup' | 'call';
  label: string;
  state: 'pending' | 'done' | 'failed' | 'cancelled';
  callbacks: string[];
  /** Task ids awaiting it. */
  awaiters: number[];
  /**
   * Once done: repr of the result, "Type: message" of the exception, or the cancel message of a
   * cancelled future (null when it was cancelled without one: `state` says it all).
   */
  outcome: string | null;
  owner: number;
  line: number;
}

export interface ResourceView {
  id: number;
  kind:
    | 'lock'
    | 'event'
    | 'condition'
    | 'semaphore'
    | 'bounded-semaphore'
    | 'barrier'
    | 'queue'
    | 'server'
    | 'connection'
    | 'worker';
  name: string;
  holders: number[];
  waiters: number[];
  /** Semaphore value, queue size, event set (1/0), barrier count, bytes in flight. */
  value: number;
  capacity: number;
  line: number;
}

export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** Step (event index) that wrote it. */
  step: number;
  time: number;
  task: number;
}

export interface WarningView {
  kind:
    | 'never-awaited'
    | 'exception-not-retrieved'
    | 'task-destroyed-pending'
    | 'blocking-call'
    | 'deadlock'
    | 'legacy'
    | 'output-truncated'
    | 'python';
  message: string;
  line: number;
  step: number;
}

/** The first futures of a state's list, pending ones first: what a panel shows of it. */
export interface FuturePage {
  shown: readonly FutureView[];
  /** Listed futures not shown. */
  hidden: number;
  pending: number;
}

/** The state of the run at one step. */
export interface TraceState {
  /** Event index this state is after. */
  step: number;
  time: number;
  iteration: number;
  ready: HandleView[];
  timers: HandleView[];
  running: HandleView | null;
  /** What changed since the previous step, for highlighting. */
  changed: { ready: number[]; timers: number[]; tasks: number[] };
  tasks: TaskView[];
  /**
   * Futures pending at this step, or completed in its last RECENT_DONE_WINDOW events, by id: a
   * function of the step alone. stateAt builds this list only when it is read: a panel asks for
   * `futurePage` and `futureCounts`.
   */
  futures: FutureView[];
  /** How many futures are pending, and how many `futures` lists. Set by stateAt. */
  futureCounts?: { pending: number; listed: number };
  /** How many of `tasks` are not finished (done, failed or cancelled). Set by stateAt. */
  taskCounts?: { live: number };
  /**
   * The first `limit` futures of `futures`, pending ones first, without building the whole list
   * (set by stateAt, not enumerable).
   */
  futurePage?: (limit: number) => FuturePage;
  resources: ResourceView[];
  /** Number of output lines written up to and including this step (prefix of index.output). */
  outputCount: number;
  /** Task running at this step, -1 for none; and its current user line, 0 for none. */
  currentTask: number;
  currentLine: number;
  /** Warnings raised up to this step. */
  warnings: WarningView[];
  /** The sentence a teacher would say about this event (English). */
  explanation: string;
  /**
   * The same sentence as an i18n message (key + params, see src/trace/explain.ts), so other
   * languages can render it. Optional so hand-built fixtures may omit it; stateAt always sets it.
   */
  explanationMessage?: { key: string; params: Record<string, string | number> };
}
