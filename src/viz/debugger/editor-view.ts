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

/**
 * Wrappers by task id, one list per trace index, each wrapper checked against the view it wraps:
 * an array read is far cheaper than a WeakMap lookup on every task of every step.
 */
const steadyByIndex = new WeakMap<object, (SteadyTask | undefined)[]>();
const states = new WeakMap<TraceState, TraceState>();

/**
 * `state` (a state of the trace `index`) with its tasks wrapped (see above); the same object for
 * the same state. The wrappers live as long as the index does.
 */
export function editorState(state: TraceState | null, index: object | null): TraceState | null {
  if (!state || !index) return state;
  let out = states.get(state);
  if (!out) {
    let steady = steadyByIndex.get(index);
    if (!steady) {
      steady = [];
      steadyByIndex.set(index, steady);
    }
    const tasks = new Array<TaskView>(state.tasks.length);
    for (let i = 0; i < tasks.length; i++) {
      const view = state.tasks[i];
      let task = steady[view.id];
      if (task?.view !== view) {
        task = new SteadyTask(view);
        if (view.id >= 0 && view.id < 1 << 24) steady[view.id] = task;
      }
      tasks[i] = task;
    }
    out = { ...state, tasks };
    states.set(state, out);
  }
  return out;
}
