/**
 * The state the editor's marks are computed from, and a key that tells when they cannot have
 * changed.
 *
 * stateAt keeps a task's view object while the task does not change, but hands back a new task
 * list each step. The marks read every parked task (its line comes from the trace index's table,
 * `taskAwaitLine`, not from parsing its chain), so a step that changed no task should not read
 * them at all: `editorState` gives such a step the very list it gave the step before.
 */
import type { TaskView, TraceState } from '../../trace/types';

const lastTasks = new WeakMap<object, TaskView[]>();
const states = new WeakMap<TraceState, TraceState>();

/**
 * `state` (a state of the trace `index`), the same object for the same state. When no task
 * changed since the last state built for this index, its `tasks` is the very same array as that
 * state's, so a caller can tell with one comparison that the marks need no update.
 */
export function editorState(state: TraceState | null, index: object | null): TraceState | null {
  if (!state || !index) return state;
  let out = states.get(state);
  if (!out) {
    const last = lastTasks.get(index);
    const tasks = state.tasks;
    // A plain loop: this runs on every step over every task (10,000 mid-run on the bench trace).
    let same = last !== undefined && last.length === tasks.length;
    for (let i = 0; same && i < tasks.length; i++) same = last![i] === tasks[i];
    if (same && last) {
      // Copied by descriptor, not spread: a spread reads every property, and stateAt's lazy
      // ones (the futures: a walk over every future, about 1 ms mid-run on the bench trace)
      // would then be computed on every step that changed no task, for nothing.
      out = Object.create(
        Object.getPrototypeOf(state) as object,
        Object.getOwnPropertyDescriptors(state),
      ) as TraceState;
      out.tasks = last;
    } else {
      lastTasks.set(index, tasks);
      out = state;
    }
    states.set(state, out);
  }
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
