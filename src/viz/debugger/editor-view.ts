/**
 * The state the editor's marks are computed from, and a key that tells when they cannot have
 * changed.
 *
 * stateAt keeps a task's view object while the task does not change, but hands back a new task
 * list each step. The marks read every parked task (its line comes from the trace index's table,
 * `taskAwaitLine`, not from parsing its chain), so a step that changed no task should not read
 * them at all: `editorState` gives such a step the very list it gave the step before.
 */
import type { TraceState } from '../../trace/types';

/** The last state `editorState` was given for an index, and what it gave back. */
interface Last {
  state: TraceState;
  out: TraceState;
}

// Keyed by the index, which lives as long as the trace, not by the state: a WeakMap holds its
// values strongly in a minor GC, and a value that points back to its key (out is often the state
// itself) kept every state, with its 10,000 task views, alive through the scavenges of a run of
// jumps (docs/debugger.md).
const last = new WeakMap<object, Last>();

/**
 * `state` (a state of the trace `index`), the same object for the same state as the last call
 * for that index. When no task changed since the last state built for this index, its `tasks` is
 * the very same array as that state's, so a caller can tell with one comparison that the marks
 * need no update.
 */
export function editorState(state: TraceState | null, index: object | null): TraceState | null {
  if (!state || !index) return state;
  const prev = last.get(index);
  if (prev?.state === state) return prev.out;
  let out = state;
  const before = prev?.out.tasks;
  const tasks = state.tasks;
  // A plain loop: this runs on every step over every task (10,000 mid-run on the bench trace).
  let same = before !== undefined && before.length === tasks.length;
  for (let i = 0; same && i < tasks.length; i++) same = before![i] === tasks[i];
  if (same && before) {
    // Copied by descriptor, not spread: a spread reads every property, and stateAt's lazy
    // ones (the futures: a walk over every future, about 1 ms mid-run on the bench trace)
    // would then be computed on every step that changed no task, for nothing.
    out = Object.create(
      Object.getPrototypeOf(state) as object,
      Object.getOwnPropertyDescriptors(state),
    ) as TraceState;
    out.tasks = before;
  }
  last.set(index, { state, out });
  return out;
}

/**
 * Everything the editor marks are computed from (src/editor/debug-decorations.ts), as a list to
 * compare: equal keys give equal marks, so the update (and Monaco's redraw) can be skipped.
 * Warnings and errors up to a step only grow with the step, so their counts stand for them.
 */
export function marksKey(
  state: TraceState | null,
  selectedTask: number,
  errors: readonly { step: number }[],
): readonly unknown[] {
  if (!state) return [null, selectedTask, errors];
  let shown = 0;
  for (const e of errors) if (e.step <= state.step) shown++;
  return [
    state.tasks,
    state.currentLine,
    state.currentTask,
    state.warnings.length,
    shown,
    selectedTask,
    errors,
  ];
}

export function sameKey(a: readonly unknown[] | null, b: readonly unknown[]): boolean {
  return a !== null && a.length === b.length && a.every((x, i) => x === b[i]);
}
