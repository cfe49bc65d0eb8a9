/**
 * Small pure helpers shared by the debugger panels: number formats, task lookups, list capping.
 * No React here so they are unit-tested directly.
 */
import type { FutureView, TaskView, TraceState } from '../trace/types';

/** Virtual time as the panels print it: "t=0.300 s". Three decimals, as the explanations use. */
export function formatTime(t: number): string {
  if (!Number.isFinite(t)) return 't=?';
  return `t=${t.toFixed(3)} s`;
}

const counts = new Intl.NumberFormat('en-US');

/**
 * A step number or count as the panels print it, digits grouped: "1,040,581" (the timeline's
 * header and axis group them the same way). One formatter for the page: the debugger bar prints
 * two or three of these on every step.
 */
export function formatCount(n: number): string {
  return counts.format(n);
}

/**
 * Where task `id` is in `state.tasks`, or -1. stateAt lists tasks in id order, so this is a
 * binary search with no per-step map (a 10,000-entry map on every step was most of a step's
 * garbage); a list out of order (a hand-built fixture) falls back to a scan.
 */
export function indexOfTask(state: TraceState, id: number): number {
  const tasks = state.tasks;
  let lo = 0;
  let hi = tasks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = tasks[mid].id;
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return isSortedById(tasks) ? -1 : tasks.findIndex((t) => t.id === id);
}

/** Task `id` of a state, or undefined. */
export function taskById(state: TraceState, id: number): TaskView | undefined {
  const i = indexOfTask(state, id);
  return i >= 0 ? state.tasks[i] : undefined;
}

const sortedLists = new WeakMap<readonly TaskView[], boolean>();
function isSortedById(tasks: readonly TaskView[]): boolean {
  let sorted = sortedLists.get(tasks);
  if (sorted === undefined) {
    sorted = tasks.every((t, i) => i === 0 || tasks[i - 1].id < t.id);
    sortedLists.set(tasks, sorted);
  }
  return sorted;
}

/** Display name of task `id`: its name, "Task-N" if unknown, "the loop" for -1. */
export function taskName(state: TraceState, id: number): string {
  if (id < 0) return 'the loop';
  return taskById(state, id)?.name ?? `Task-${id}`;
}

/**
 * The first `limit` items and how many were left out. Panels never render unbounded lists: a
 * run with 10,000 tasks must still render a step within one frame.
 */
export function capped<T>(
  items: readonly T[],
  limit: number,
): { shown: readonly T[]; hidden: number } {
  if (items.length <= limit) return { shown: items, hidden: 0 };
  return { shown: items.slice(0, limit), hidden: items.length - limit };
}

/**
 * sortedTimers' answer per list (stateAt hands back the same heap while no timer moves), null
 * for a list already in order. Never the list itself: a WeakMap holds its values strongly in a
 * minor GC, so a value that is its own key kept every step's heap alive until a full one.
 */
const sortedTimerLists = new WeakMap<readonly object[], readonly object[] | null>();

/** Timers in the order they will fire: due time, then scheduling order (handle id). */
export function sortedTimers<T extends { when: number; id: number }>(
  timers: readonly T[],
): readonly T[] {
  const known = sortedTimerLists.get(timers);
  if (known !== undefined) return (known ?? timers) as readonly T[];
  const before = (a: T, b: T) => a.when - b.when || a.id - b.id;
  // The index usually hands them over in order already; checking is O(n), sorting is not.
  let out = timers;
  for (let i = 1; i < timers.length; i++) {
    if (before(timers[i - 1], timers[i]) > 0) {
      out = [...timers].sort(before);
      break;
    }
  }
  sortedTimerLists.set(timers, out === timers ? null : out);
  return out;
}

/** What `idSet` gives: membership only. */
export interface IdSet {
  has(id: number): boolean;
}

/** Binary search in ascending ids. */
class SortedIds implements IdSet {
  constructor(private readonly ids: readonly number[]) {}
  has(id: number): boolean {
    const ids = this.ids;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid] === id) return true;
      if (ids[mid] < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/**
 * Ids for fast "changed?" checks. stateAt lists changed ids in ascending order, and a jump
 * changes all 10,000 tasks of a big run while a panel asks about a screenful: sorted ids are
 * searched where they are, with no Set built; others get a Set, cached per array. Sorted ones
 * are only marked sorted: a cached view of them would hold its key, and a WeakMap holds its
 * values strongly in a minor GC, which then kept every step's list alive until a full one.
 */
const idSets = new WeakMap<readonly number[], Set<number> | null>();
export function idSet(ids: readonly number[]): IdSet {
  let set = idSets.get(ids);
  if (set === undefined) {
    let sorted = true;
    for (let i = 1; i < ids.length && sorted; i++) sorted = ids[i - 1] < ids[i];
    set = sorted ? null : new Set(ids);
    idSets.set(ids, set);
  }
  return set ?? new SortedIds(ids);
}

/** "1 task", "3 tasks", "10,001 tasks". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : many}`;
}

/**
 * Futures for the panel, pending first (each group in id order: a stable partition, not a sort),
 * the first `limit` of them, and how many are pending. One pass that allocates only the shown
 * rows: mid-run on a big trace tens of thousands of futures are pending on every step.
 */
export function pendingFirst(
  futures: readonly FutureView[],
  limit: number,
): { shown: readonly FutureView[]; hidden: number; pending: number } {
  // Cached per list: the panel and its tab header render from the same state on a step.
  const hit = pendingLists.get(futures);
  if (hit && hit.limit === limit) return hit.result;
  const shown: FutureView[] = [];
  let pending = 0;
  for (const f of futures) {
    if (f.state !== 'pending') continue;
    if (pending < limit) shown.push(f);
    pending++;
  }
  for (let i = 0; i < futures.length && shown.length < limit; i++) {
    if (futures[i].state !== 'pending') shown.push(futures[i]);
  }
  const result = { shown, hidden: futures.length - shown.length, pending };
  pendingLists.set(futures, { limit, result });
  pendingCounts.set(futures, pending);
  return result;
}

const pendingLists = new WeakMap<
  readonly FutureView[],
  { limit: number; result: ReturnType<typeof pendingFirst> }
>();

const pendingCounts = new WeakMap<readonly FutureView[], number>();

/** Rows the futures list shows (FuturesList's default `limit`). */
const FUTURE_ROWS = 40;

/**
 * Pending futures in a list, cached per list (states, and so their lists, are immutable). Counted
 * by the same pass that picks the futures list's rows: the inspector's tab asks first, the list
 * right after, and mid-run on a big trace the list holds 20,000 futures.
 */
export function pendingCount(futures: readonly FutureView[]): number {
  return pendingCounts.get(futures) ?? pendingFirst(futures, FUTURE_ROWS).pending;
}

/**
 * The futures a panel shows at a state, pending ones first: from stateAt's page when it has one
 * (no list of every future built per step), else from the list.
 */
export function futuresShown(state: TraceState, limit: number): ReturnType<typeof pendingFirst> {
  if (!state.futurePage) return pendingFirst(state.futures, limit);
  const hit = pages.get(state);
  if (hit && hit.limit === limit) return hit.result;
  const result = state.futurePage(limit);
  pages.set(state, { limit, result });
  return result;
}

const pages = new WeakMap<TraceState, { limit: number; result: ReturnType<typeof pendingFirst> }>();

/** Pending futures at a state: stateAt's count when it has one, else counted in the list. */
export function pendingFutures(state: TraceState): number {
  return state.futureCounts?.pending ?? pendingCount(state.futures);
}

/** How many futures the state's list holds, without building it when stateAt counted them. */
export function listedFutures(state: TraceState): number {
  return state.futureCounts?.listed ?? state.futures.length;
}

/** How many of the state's tasks are not finished, without a pass over them when stateAt counted. */
export function liveTasks(state: TraceState): number {
  return state.taskCounts?.live ?? liveCount(state.tasks);
}

/** Tasks not yet finished (not done, failed or cancelled), cached per list. */
const FINISHED: ReadonlySet<string> = new Set(['done', 'failed', 'cancelled']);
const liveCounts = new WeakMap<readonly TaskView[], number>();
export function liveCount(tasks: readonly TaskView[]): number {
  let n = liveCounts.get(tasks);
  if (n === undefined) {
    n = 0;
    for (const t of tasks) if (!FINISHED.has(t.state)) n++;
    liveCounts.set(tasks, n);
  }
  return n;
}

const OBJECT_REPR = /^<(?:[A-Za-z_]\w*\.)+([A-Za-z_]\w*) object( \[.*\])?>$/s;

/**
 * A local's value as a card shows it: an object's default repr without its module path, so a
 * narrow card keeps what matters (`<asyncio.locks.Semaphore object [locked, waiters:2]>` reads
 * `<Semaphore [locked, waiters:2]>`; `<__main__.Job object>` reads `<Job object>`). The card's
 * tooltip has the repr as the trace recorded it. Any other text is kept as it is.
 */
export function compactRepr(value: string): string {
  const m = OBJECT_REPR.exec(value);
  if (!m) return value;
  return m[2] ? `<${m[1]}${m[2]}>` : `<${m[1]} object>`;
}
