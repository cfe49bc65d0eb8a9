/**
 * Small pure helpers shared by the debugger panels: number formats, task lookups, list capping.
 * No React here so they are unit-tested directly.
 */
import type { TaskView, TraceState } from '../trace/types';

/** Virtual time as the panels print it: "t=0.300 s". Three decimals, as the explanations use. */
export function formatTime(t: number): string {
  if (!Number.isFinite(t)) return 't=?';
  return `t=${t.toFixed(3)} s`;
}

const taskMaps = new WeakMap<TraceState, Map<number, TaskView>>();

/** Tasks of a state by id, cached per state object (states are immutable). */
export function tasksById(state: TraceState): Map<number, TaskView> {
  let map = taskMaps.get(state);
  if (!map) {
    map = new Map(state.tasks.map((t) => [t.id, t]));
    taskMaps.set(state, map);
  }
  return map;
}

/** Display name of task `id`: its name, "Task-N" if unknown, "the loop" for -1. */
export function taskName(state: TraceState, id: number): string {
  if (id < 0) return 'the loop';
  return tasksById(state).get(id)?.name ?? `Task-${id}`;
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

/** Timers in the order they will fire: due time, then scheduling order (handle id). */
export function sortedTimers<T extends { when: number; id: number }>(
  timers: readonly T[],
): readonly T[] {
  const before = (a: T, b: T) => a.when - b.when || a.id - b.id;
  // The index usually hands them over in order already; checking is O(n), sorting is not.
  for (let i = 1; i < timers.length; i++) {
    if (before(timers[i - 1], timers[i]) > 0) return [...timers].sort(before);
  }
  return timers;
}

/** Set of ids for fast "changed?" checks, cached per array. */
const idSets = new WeakMap<readonly number[], Set<number>>();
export function idSet(ids: readonly number[]): Set<number> {
  let set = idSets.get(ids);
  if (!set) {
    set = new Set(ids);
    idSets.set(ids, set);
  }
  return set;
}

/** "1 task", "3 tasks". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
