import { describe, expect, it } from 'vitest';
import { TraceBuilder } from './builder';
import { TraceDecodeError, eventAt, kindName, validateTrace } from './decode';
import { buildIndex, stateAt } from './index';
import { cancelTrace, gatherTrace } from './samples';
import { HandleKind, EventKind as K, ResourceKind, Step, Wake } from './schema';
import type { TraceColumns } from './schema';

/** A fresh copy of the cancellation sample with its typed arrays cloned, ready to damage. */
function damaged(change: (t: TraceColumns) => void): TraceColumns {
  const t = structuredClone(cancelTrace().trace);
  change(t);
  return t;
}

function expectInvalid(t: TraceColumns, fragment: string) {
  expect(() => validateTrace(t)).toThrow(TraceDecodeError);
  expect(() => validateTrace(t)).toThrow(fragment);
}

describe('validateTrace (columns from the worker)', () => {
  it('accepts the samples', () => {
    expect(() => validateTrace(gatherTrace().trace)).not.toThrow();
    expect(() => validateTrace(cancelTrace().trace)).not.toThrow();
  });

  it('refuses other schema versions', () => {
    expectInvalid(
      damaged((t) => (t.version = 2)),
      'unsupported trace version 2',
    );
  });

  it('refuses columns of the wrong type or length', () => {
    expectInvalid(
      damaged((t) => (t.events.a = Array.from(t.events.a) as unknown as Int32Array)),
      'events.a: expected a Int32Array',
    );
    expectInvalid(
      damaged((t) => (t.events.time = t.events.time.slice(1))),
      'events.time: length',
    );
    expectInvalid(
      damaged((t) => (t.tasks.name = t.tasks.name.slice(1))),
      'tasks.name: length',
    );
  });

  it('refuses ids, string indexes and enums out of range', () => {
    const at = (t: TraceColumns, kind: number) => t.events.kind.indexOf(kind);
    expectInvalid(
      damaged((t) => (t.events.task[3] = 77)),
      'events.task[3]: id 77 out of range',
    );
    expectInvalid(
      damaged((t) => (t.events.a[at(t, K.HANDLE_START)] = -1)),
      'bad handle argument -1',
    );
    expectInvalid(
      damaged((t) => (t.events.b[at(t, K.TASK_STEP_START)] = 9)),
      'bad wake argument 9',
    );
    expectInvalid(
      damaged((t) => (t.events.c[at(t, K.TASK_STEP_END)] = 1000)),
      'bad stepArg argument 1000',
    );
    expectInvalid(
      damaged((t) => (t.handles.descr[0] = t.strings.length)),
      'handles.descr[0]',
    );
    expectInvalid(
      damaged((t) => (t.futures.kind[0] = 42)),
      'futures.kind[0]: unknown kind 42',
    );
    expectInvalid(
      damaged((t) => (t.events.line[0] = -4)),
      'events.line[0]: line -4 out of range',
    );
  });

  it('refuses time that is not finite or goes backwards', () => {
    expectInvalid(
      damaged((t) => (t.events.time[5] = NaN)),
      'events.time[5]: time is not finite',
    );
    expectInvalid(
      damaged((t) => (t.events.time[t.events.time.length - 1] = 0)),
      'time goes backwards',
    );
  });

  it('refuses a cause that is not an earlier event', () => {
    expectInvalid(
      damaged((t) => {
        const i = t.events.kind.indexOf(K.TASK_STEP_START);
        t.events.c[i] = i;
      }),
      'bad cause argument',
    );
  });

  it('refuses non-string strings', () => {
    expectInvalid(
      damaged((t) => ((t.strings as unknown[])[0] = 5)),
      'strings[0]: expected a string',
    );
  });
});

describe('eventAt: the UI event layer', () => {
  const { trace, marks } = cancelTrace();

  it('names the kind and the arguments', () => {
    const cancel = eventAt(trace, marks.cancel);
    expect(cancel).toMatchObject({
      step: marks.cancel,
      kind: K.CANCEL_REQUESTED,
      name: 'CANCEL_REQUESTED',
      line: 13,
      args: { future: 1, message: null, cancelling: 1 },
    });
    const resume = eventAt(trace, marks.alphaCancelStep);
    expect(resume.args).toEqual({ target: 1, wake: 'cancel', cause: marks.cancel });
    const end = eventAt(trace, marks.alphaCancelled);
    expect(end.args).toEqual({ target: 1, result: 'cancelled', text: null });
    expect(kindName(K.RUN_END)).toBe('RUN_END');
    expect(kindName(200)).toBe('UNKNOWN_200');
  });

  it('resolves output text', () => {
    const i = trace.events.kind.indexOf(K.STDOUT);
    expect(eventAt(trace, i).args).toEqual({ text: 'alpha start' });
  });
});

describe('normalizing hostile but valid traces stays linear', () => {
  it('handles 100,000 holds released by another task without going quadratic', () => {
    const b = new TraceBuilder();
    const t0 = b.task('a', 'a()');
    const t1 = b.task('b', 'b()');
    const r = b.resource(ResourceKind.SEMAPHORE, 'sem', 1, 1);
    b.emit(K.RESOURCE_CREATED, r);
    const n = 100_000;
    b.at(0, t0, 1);
    for (let i = 0; i < n; i++) b.emit(K.RESOURCE_ACQUIRED, r, t0, 0);
    b.at(0, t1, 2);
    for (let i = 0; i < n; i++) b.emit(K.RESOURCE_RELEASED, r, t1, 1);
    for (let i = 0; i < n; i++) b.emit(K.FUTURE_CALLBACK_ADDED, 0, b.str('cb'), -1);
    for (let i = 0; i < n; i++) b.emit(K.FUTURE_CALLBACK_REMOVED, 0, b.str('other'), -1);
    const trace = b.build();
    const started = performance.now();
    const index = buildIndex(trace);
    expect(performance.now() - started).toBeLessThan(3000);
    const mid = stateAt(index, n + n / 2);
    expect(mid.resources[0].holders.length).toBe(n / 2);
    expect(stateAt(index, 2 * n).resources[0].holders).toEqual([]);
  });

  it('keeps a task with a pending wakeup ready even if its step ends after the wakeup', () => {
    // A bare `yield` (sleep(0)): the step schedules its own wakeup before it ends.
    const b = new TraceBuilder();
    const t = b.task('spin', 'spin()');
    b.emit(K.TASK_CREATED, t);
    const h0 = b.handle(0, 0, null, t);
    b.emit(K.HANDLE_SCHEDULED, h0);
    b.emit(K.HANDLE_START, h0);
    b.at(0, t, 3);
    b.emit(K.TASK_STEP_START, t, Wake.FIRST, -1);
    const h1 = b.handle(0, 0, null, t);
    b.emit(K.HANDLE_SCHEDULED, h1);
    const end = b.emit(K.TASK_STEP_END, t, Step.SUSPENDED, -1);
    const index = buildIndex(b.build());
    const s = stateAt(index, end);
    expect(s.tasks[0].state).toBe('ready');
    expect(s.ready.map((h) => h.id)).toEqual([h1]);
    expect(s.explanation).toBe(
      'spin yields to the loop at line 3 and goes to the back of the ready queue.',
    );
  });
});

describe('cancelled timers', () => {
  it('never show in the ready queue, even when asyncio moves them there when due', () => {
    const b = new TraceBuilder();
    const keep = b.handle(HandleKind.AT, 0.2, 'cb');
    const never = b.handle(HandleKind.AT, 0.2, 'never');
    b.emit(K.HANDLE_SCHEDULED, keep);
    b.emit(K.HANDLE_SCHEDULED, never);
    const cancel = b.emit(K.HANDLE_CANCELLED, never);
    b.at(0.2);
    b.emit(K.HANDLE_READY, keep);
    const due = b.emit(K.HANDLE_READY, never);
    const index = buildIndex(b.build());
    expect(stateAt(index, cancel).timers.map((h) => h.id)).toEqual([keep]);
    expect(stateAt(index, due).ready.map((h) => h.id)).toEqual([keep]);
    expect(stateAt(index, due).timers).toEqual([]);
  });
});

describe('explanations outside user code', () => {
  it('never say "line 0"', () => {
    const b = new TraceBuilder();
    const t = b.task('Task-5', 'BaseEventLoop.shutdown_asyncgens');
    const created = b.emit(K.TASK_CREATED, t, 0, 0, 0);
    b.at(0, t, 0);
    b.emit(K.TASK_STEP_START, t, Wake.FIRST, -1);
    const end = b.emit(K.TASK_STEP_END, t, Step.SUSPENDED, -1, 0);
    const index = buildIndex(b.build());
    expect(stateAt(index, created).explanation).toBe(
      'The program created task Task-5 for BaseEventLoop.shutdown_asyncgens; it will start when the loop gets to it.',
    );
    expect(stateAt(index, end).explanation).toBe(
      'Task-5 yields to the loop and goes to the back of the ready queue.',
    );
    expect(stateAt(index, end).explanationMessage?.key).toBe('explain.yieldedNoLine');
  });
});
