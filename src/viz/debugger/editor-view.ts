/**
 * The state the editor's marks are computed from, with each task's await chain and name read once
 * per task view rather than once per step.
 *
 * The editor marks every parked task's await line, so it reads the chain of every live task on
 * every step. stateAt keeps a task's view object while the task does not change, but its chain is
 * parsed from the trace's string on each read (through a bounded cache that 10,000 live tasks
 * overflow), which made the marks the largest cost of a step mid-run on a 10,000-task trace.
 * Wrapping each view once (keyed by the view object) parses a chain only when its task changed.
 */
import type { FrameView, TaskView, TraceState } from '../../trace/types';

/** A task view whose chain and name are read from the underlying view at most once. */
class SteadyTask implements TaskView {
  readonly #view: TaskView;
  get view(): TaskView {
    return this.#view;
  }
  #chain: FrameView[] | null = null;
  #name: string | null = null;
  constructor(view: TaskView) {
    this.#view = view;
  }
  get chain(): FrameView[] {
    return (this.#chain ??= this.#view.chain);
  }
  get name(): string {
    return (this.#name ??= this.#view.name);
  }
  get id(): number {
    return this.#view.id;
  }
  get state(): TaskView['state'] {
    return this.#view.state;
  }
  get future(): number {
    return this.#view.future;
  }
  get coro(): string {
    return this.#view.coro;
  }
  get awaiting(): TaskView['awaiting'] {
    return this.#view.awaiting;
  }
  get createdLine(): number {
    return this.#view.createdLine;
  }
  get parent(): number {
    return this.#view.parent;
  }
  get cancelling(): number {
    return this.#view.cancelling;
  }
  get outcome(): string | null {
    return this.#view.outcome;
  }
}

/** What editorState keeps per trace index: wrappers by task id, and the last list it built. */
interface IndexMemo {
  /** Checked against the view they wrap: an array read is far cheaper than a WeakMap lookup. */
  steady: (SteadyTask | undefined)[];
  last: TaskView[] | null;
}

const memos = new WeakMap<object, IndexMemo>();
const states = new WeakMap<TraceState, TraceState>();

/**
 * `state` (a state of the trace `index`) with its tasks wrapped (see above); the same object for
 * the same state. When no task changed since the last state built for this index, its `tasks` is
 * the very same array, so a caller can tell with one comparison that the marks need no update.
 */
export function editorState(state: TraceState | null, index: object | null): TraceState | null {
  if (!state || !index) return state;
  let out = states.get(state);
  if (!out) {
    let memo = memos.get(index);
    if (!memo) {
      memo = { steady: [], last: null };
      memos.set(index, memo);
    }
    const { steady, last } = memo;
    const tasks = new Array<TaskView>(state.tasks.length);
    let same = last !== null && last.length === tasks.length;
    for (let i = 0; i < tasks.length; i++) {
      const view = state.tasks[i];
      let task = steady[view.id];
      if (task?.view !== view) {
        task = new SteadyTask(view);
        if (view.id >= 0 && view.id < 1 << 24) steady[view.id] = task;
      }
      tasks[i] = task;
      if (same && last![i] !== task) same = false;
    }
    memo.last = same ? last : tasks;
    out = { ...state, tasks: memo.last! };
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
