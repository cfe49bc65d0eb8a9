/**
 * The bridge from a trace to what the debugger shows: one index per trace (built once, cached by
 * the trace object), a StepNavigator over its step lists, and the state at a step with a
 * one-entry memo so every panel reading the same step shares one stateAt call.
 */
import type { RunToKind, StepNavigator } from './cursor';
import {
  buildIndex,
  nextLineExecution,
  nextStop,
  prevLineExecution,
  prevStop,
  runToNext,
  runToPrev,
  stateAt,
} from '../../trace/index';
import type { RunTarget, TraceIndex } from '../../trace/index';
import { EventKind, Step } from '../../trace/schema';
import type { TraceColumns } from '../../trace/schema';
import type { ErrorMark } from '../../editor/debug-decorations';
import type { TraceState } from '../../trace/types';

const TARGET: Record<RunToKind, RunTarget> = {
  timer: 'timer',
  cancel: 'cancel',
  exception: 'exception',
  done: 'taskDone',
  output: 'output',
};

const indexes = new WeakMap<TraceColumns, TraceIndex | Error>();

/**
 * The index of a trace, built on first use. A trace the index rejects (malformed, over limits)
 * yields the error instead, so the panels can say so rather than crash.
 */
export function indexFor(trace: TraceColumns): TraceIndex | Error {
  let index = indexes.get(trace);
  if (!index) {
    try {
      index = buildIndex(trace);
    } catch (err) {
      index = err instanceof Error ? err : new Error(String(err));
    }
    indexes.set(trace, index);
  }
  return index;
}

const navigators = new WeakMap<TraceIndex, StepNavigator>();

/** The cursor slice's view of an index: every query a binary search in the index's step lists. */
export function navigatorFor(index: TraceIndex): StepNavigator {
  let nav = navigators.get(index);
  if (!nav) {
    nav = {
      length: index.eventCount,
      next: (from, g) => nextStop(index, g, from),
      prev: (from, g) => prevStop(index, g, from),
      nextOf: (from, kind) => runToNext(index, TARGET[kind], from),
      prevOf: (from, kind) => runToPrev(index, TARGET[kind], from),
      nextLine: (from, line) => nextLineExecution(index, line, from),
      prevLine: (from, line) => prevLineExecution(index, line, from),
    };
    navigators.set(index, nav);
  }
  return nav;
}

/** Navigator for a trace, or null when there is none (or it could not be indexed). */
export function navigatorForTrace(trace: TraceColumns | null): StepNavigator | null {
  if (!trace) return null;
  const index = indexFor(trace);
  return index instanceof Error ? null : navigatorFor(index);
}

const memo = new WeakMap<TraceIndex, { step: number; since: number; state: TraceState }>();

/** stateAt with a one-entry memo per index. `since` is the step shown before (for "changed"). */
export function stateFor(index: TraceIndex, step: number, since: number): TraceState {
  const last = Math.max(0, index.eventCount - 1);
  const s = Math.max(0, Math.min(last, step));
  const from = since < 0 || since > last ? s - 1 : since;
  const hit = memo.get(index);
  if (hit && hit.step === s && hit.since === from) return hit.state;
  const state = stateAt(index, s, from);
  memo.set(index, { step: s, since: from, state });
  return state;
}

const failures = new WeakMap<TraceIndex, ErrorMark[]>();

/**
 * Where each failed task raised: the step its last step ended with an exception, and the user
 * line it was on (the event's line, else the last line the task ran). One pass, cached per index;
 * the editor marks these lines from that step on.
 */
export function failureMarks(index: TraceIndex): ErrorMark[] {
  let marks = failures.get(index);
  if (marks) return marks;
  marks = [];
  const { kind, task, line, a, b, c } = index.trace.events;
  const lastLine = new Map<number, number>();
  for (let i = 0; i < index.eventCount; i++) {
    const k = kind[i];
    if (k === EventKind.LINE) lastLine.set(task[i], line[i]);
    else if (k === EventKind.TASK_STEP_END && b[i] === Step.RAISED) {
      const t = a[i];
      const at = line[i] > 0 ? line[i] : (lastLine.get(t) ?? 0);
      if (at > 0) {
        const name = index.trace.strings[index.trace.tasks.name[t]] ?? `Task-${t}`;
        const error = index.trace.strings[c[i]] ?? 'an exception';
        marks.push({
          step: i,
          line: at,
          type: `${name} raised ${error}`,
          traceback: '',
          taskName: name,
          raised: error,
        });
      }
    }
  }
  failures.set(index, marks);
  return marks;
}
