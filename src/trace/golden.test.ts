/**
 * The engine's golden traces (tests/golden/*.trace.json, written by the Python tracer) read
 * through json.ts and checked against what each program is known to do. The Python tests read
 * the same files, so the two sides of the schema cannot drift apart unnoticed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildIndex, runToNext, stateAt } from './index';
import type { TraceIndex } from './index';
import { traceFromJson, traceToJson } from './json';
import { EventKind as K, Step } from './schema';
import type { TraceState } from './types';
import { checkAgainstReplay } from './replay.testutil';

const DIR = fileURLToPath(new URL('../../tests/golden/', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.trace.json'));

function load(name: string): TraceIndex {
  return buildIndex(traceFromJson(readFileSync(`${DIR}${name}.trace.json`, 'utf8')));
}

function consoleText(index: TraceIndex, state: TraceState): string {
  return index.output
    .slice(0, state.outputCount)
    .map((o) => o.text)
    .join('');
}

function task(state: TraceState, name: string) {
  const t = state.tasks.find((x) => x.name === name);
  if (!t) throw new Error(`no task ${name} at step ${state.step}`);
  return t;
}

/** First event of `kind` (optionally matching a predicate) at or after `from`. */
function find(
  index: TraceIndex,
  kind: number,
  pred: (i: number) => boolean = () => true,
  from = 0,
) {
  const e = index.trace.events;
  for (let i = from; i < index.eventCount; i++) if (e.kind[i] === kind && pred(i)) return i;
  throw new Error(`no event of kind ${kind} after ${from}`);
}

function taskId(index: TraceIndex, name: string): number {
  const t = index.trace;
  for (let i = 0; i < t.tasks.name.length; i++) if (t.strings[t.tasks.name[i]] === name) return i;
  throw new Error(`no task ${name}`);
}

describe('golden traces', () => {
  it('exist', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of FILES) {
    describe(file, () => {
      const text = readFileSync(`${DIR}${file}`, 'utf8');
      const trace = traceFromJson(text);
      const index = buildIndex(trace);

      it('round-trips through the JSON codec', () => {
        expect(traceFromJson(traceToJson(trace))).toEqual(trace);
      });

      it('gives the same state at every step as a plain forward replay, in any visiting order', () => {
        checkAgainstReplay(index, 1234);
      });

      it('keeps the timer heap sorted and the running handle out of the ready queue', () => {
        for (let s = 0; s < index.eventCount; s++) {
          const st = stateAt(index, s);
          const whens = st.timers.map((t) => t.when);
          expect(whens).toEqual([...whens].sort((a, b) => a - b));
          if (st.running) expect(st.ready.map((h) => h.id)).not.toContain(st.running.id);
          // (More than one task may be running: an eager task's first step runs inside its
          // creator's step.)
        }
      });

      it('ends with the RUN_END explanation and the whole output', () => {
        const end = stateAt(index, index.eventCount - 1);
        expect(trace.events.kind[index.eventCount - 1]).toBe(K.RUN_END);
        expect(end.outputCount).toBe(index.output.length);
        expect(end.explanationMessage?.key.startsWith('explain.runEnd.')).toBe(true);
      });
    });
  }
});

describe('golden: gather_sleeps', () => {
  const index = load('gather_sleeps');

  it('prints what CPython prints', () => {
    expect(consoleText(index, stateAt(index, index.eventCount - 1))).toBe(
      "b finished after 0.1 s\nc finished after 0.2 s\na finished after 0.3 s\n['A', 'B', 'C']\n",
    );
  });

  it('queues the three workers in creation order while main awaits the gather', () => {
    const main = taskId(index, 'Task-1');
    const suspend = find(index, K.TASK_STEP_END, (i) => index.trace.events.a[i] === main);
    const s = stateAt(index, suspend);
    expect(s.ready.map((h) => h.label)).toEqual(['Task-2 step', 'Task-3 step', 'Task-4 step']);
    expect(task(s, 'Task-1').state).toBe('suspended');
    expect(task(s, 'Task-1').awaiting?.text).toBe('gather');
    const gather = s.futures.find((f) => f.kind === 'gather')!;
    expect(gather.awaiters).toEqual([main]);
  });

  it('sorts the timers by due time once every worker sleeps', () => {
    const firstClock = find(index, K.CLOCK_ADVANCE);
    const s = stateAt(index, firstClock - 1);
    expect(s.timers.map((t) => t.when)).toEqual([0.1, 0.2, 0.3]);
    expect(s.timers.map((t) => t.label)).toEqual([
      'sleep(0.1) timer of Task-3',
      'sleep(0.2) timer of Task-4',
      'sleep(0.3) timer of Task-2',
    ]);
    expect(task(s, 'Task-2').awaiting?.text).toBe('sleep until t=0.30 s');
    expect(task(s, 'Task-2').chain[0]).toEqual({
      func: 'worker',
      line: 5,
      locals: { name: "'a'", delay: '0.3' },
    });
  });

  it('explains each wakeup by its timer', () => {
    const b = taskId(index, 'Task-3');
    const resume = find(
      index,
      K.TASK_STEP_START,
      (i) => index.trace.events.a[i] === b && index.trace.events.b[i] !== 0,
    );
    expect(stateAt(index, resume).explanation).toBe(
      'Task-3 resumed because its sleep(0.1) timer fired at t=0.100 s.',
    );
  });

  it('ends with every task done and their results', () => {
    const end = stateAt(index, index.eventCount - 1);
    expect(task(end, 'Task-1').outcome).toBe('None');
    expect(task(end, 'Task-2')).toMatchObject({ state: 'done', outcome: "'A'" });
    expect(end.tasks.every((t) => t.state === 'done')).toBe(true);
  });
});

describe('golden: cancellation', () => {
  const index = load('cancellation');
  const e = index.trace.events;

  it('prints what CPython prints', () => {
    expect(consoleText(index, stateAt(index, index.eventCount - 1))).toBe(
      'slow: cancelled, cleaning up\nmain: slow was cancelled: True\nmain: timed out\n',
    );
  });

  it('explains slow.cancel() and marks slow as cancelling', () => {
    const cancel = runToNext(index, 'cancel', -1);
    expect(e.kind[cancel]).toBe(K.CANCEL_REQUESTED);
    const s = stateAt(index, cancel);
    expect(s.explanation).toBe(
      "Task-1 called slow.cancel('enough') at line 15: CancelledError will be thrown into slow at its await on line 6.",
    );
    expect(task(s, 'slow')).toMatchObject({ state: 'cancelling', cancelling: 1 });
    expect(s.currentLine).toBe(15);
  });

  it('delivers the CancelledError into slow at line 6 and ends it cancelled', () => {
    const slow = taskId(index, 'slow');
    const start = find(index, K.TASK_STEP_START, (i) => e.a[i] === slow && e.b[i] === 2);
    expect(stateAt(index, start).explanation).toBe(
      'CancelledError is thrown into slow at its await on line 6.',
    );
    const end = find(index, K.TASK_STEP_END, (i) => e.a[i] === slow && e.b[i] === Step.CANCELLED);
    const s = stateAt(index, end);
    expect(task(s, 'slow').state).toBe('cancelled');
    expect(s.timers.map((t) => t.when)).toEqual([]);
  });

  it('names the timeout callback as the canceller, then uncancels main', () => {
    let cancel = -1;
    for (let s = runToNext(index, 'cancel', -1); s !== -1; s = runToNext(index, 'cancel', s)) {
      const target = index.trace.futures.task[e.a[s]];
      if (cancel < 0 && e.kind[s] === K.CANCEL_REQUESTED && e.task[s] === -1 && target >= 0) {
        cancel = s;
      }
    }
    const st = stateAt(index, cancel);
    expect(st.explanation).toBe(
      // The callback has no line of its own; line 21 is where `asyncio.timeout(0.2)` armed it.
      'Timeout._on_timeout called Task-1.cancel() at line 21: CancelledError will be thrown into Task-1 at its await on line 22.',
    );
    expect(task(st, 'Task-1').state).toBe('cancelling');
    const uncancel = find(index, K.UNCANCEL, () => true, cancel);
    expect(task(stateAt(index, uncancel), 'Task-1')).toMatchObject({
      state: 'running',
      cancelling: 0,
    });
  });
});

describe('golden: lock_queue', () => {
  const index = load('lock_queue');
  const e = index.trace.events;

  it('prints what CPython prints', () => {
    expect(consoleText(index, stateAt(index, index.eventCount - 1))).toBe(
      'put 0\nput 1\nput 2\nput 3\n[0, 10, 20, 30]\n',
    );
  });

  it('shows the producer blocked on a full queue and the consumer holding the lock', () => {
    const producer = taskId(index, 'Task-2');
    const wait = find(index, K.RESOURCE_WAIT, (i) => e.b[i] === producer);
    const suspend = find(index, K.TASK_STEP_END, (i) => e.a[i] === producer, wait);
    const s = stateAt(index, suspend);
    const queue = s.resources.find((r) => r.kind === 'queue')!;
    expect(queue).toMatchObject({ name: 'queue', value: 2, capacity: 2, waiters: [producer] });
    expect(task(s, 'Task-2').awaiting?.text).toBe('queue `queue`.put()');
    const acquire = find(index, K.RESOURCE_ACQUIRED);
    const held = stateAt(index, acquire);
    const lock = held.resources.find((r) => r.kind === 'lock')!;
    expect(lock.holders).toEqual([taskId(index, 'Task-3')]);
    const release = find(index, K.RESOURCE_RELEASED);
    expect(stateAt(index, release).resources.find((r) => r.kind === 'lock')!.holders).toEqual([]);
  });
});

describe('golden: deadlock', () => {
  const index = load('deadlock');

  it('ends with each task waiting on the lock the other holds, and a deadlock warning', () => {
    const end = stateAt(index, index.eventCount - 1);
    const first = task(end, 'Task-2');
    const second = task(end, 'Task-3');
    expect(first.awaiting?.text).toBe('Lock `lock_b`');
    expect(second.awaiting?.text).toBe('Lock `lock_a`');
    const lockA = end.resources.find((r) => r.name === 'lock_a')!;
    const lockB = end.resources.find((r) => r.name === 'lock_b')!;
    expect(lockA).toMatchObject({ holders: [first.id], waiters: [second.id] });
    expect(lockB).toMatchObject({ holders: [second.id], waiters: [first.id] });
    expect(end.warnings.map((w) => w.kind)).toEqual(['deadlock']);
    // One sentence naming the waits (the tracer's "deadlock: " is not said twice).
    expect(end.explanationMessage?.key).toBe('explain.runEnd.deadlockWaits');
    expect(end.timers).toEqual([]);
    expect(end.ready).toEqual([]);
  });
});
