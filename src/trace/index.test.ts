import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RECENT_DONE_WINDOW,
  buildIndex,
  lineExecutionCount,
  nextLineExecution,
  nextStop,
  prevLineExecution,
  prevStop,
  runToNext,
  runToPrev,
  stateAt,
  stopPosition,
  taskLines,
} from './index';
import type { TraceIndex } from './index';
import { traceFromJson } from './json';
import { checkAgainstReplay } from './replay.testutil';
import { cancelTrace, gatherTrace, lockTrace } from './samples';
import { syntheticTrace } from './synthetic';
import { EventKind as K } from './schema';
import type { TraceState } from './types';

function task(state: TraceState, name: string) {
  const t = state.tasks.find((x) => x.name === name);
  if (!t) throw new Error(`no task ${name} at step ${state.step}`);
  return t;
}

function labels(handles: { label: string }[]): string[] {
  return handles.map((h) => h.label);
}

function consoleAt(index: TraceIndex, state: TraceState): string {
  return index.output
    .slice(0, state.outputCount)
    .map((o) => o.text)
    .join('');
}

describe('stateAt on a gather of sleeps', () => {
  const { trace, marks } = gatherTrace();
  const index = buildIndex(trace);

  it('puts both new tasks in the ready queue in FIFO order while main awaits the gather', () => {
    const s = stateAt(index, marks.mainSuspended);
    expect(labels(s.ready)).toEqual(['Task-2 step', 'Task-3 step']);
    expect(s.timers).toEqual([]);
    expect(s.running).toBeNull();
    const main = task(s, 'main');
    expect(main.state).toBe('suspended');
    expect(main.awaiting?.text).toBe('gather of 2');
    expect(main.chain).toEqual([{ func: 'main', line: 9, locals: {} }]);
    expect(task(s, 'Task-2').state).toBe('ready');
    expect(task(s, 'Task-2').parent).toBe(main.id);
    expect(task(s, 'Task-2').createdLine).toBe(9);
    const gather = s.futures.find((f) => f.kind === 'gather')!;
    expect(gather.state).toBe('pending');
    expect(gather.awaiters).toEqual([main.id]);
    expect(gather.callbacks).toEqual(['Task.task_wakeup']);
  });

  it('sorts the timer heap by due time, not by scheduling order', () => {
    const s = stateAt(index, marks.bothSleeping);
    expect(s.timers.map((t) => t.when)).toEqual([0.1, 0.2]);
    expect(s.ready).toEqual([]);
    expect(task(s, 'Task-2').awaiting?.text).toBe('sleep until t=0.20 s');
    expect(task(s, 'Task-3').awaiting?.text).toBe('sleep until t=0.10 s');
    expect(task(s, 'Task-3').chain[0]).toEqual({
      func: 'sleeper',
      line: 4,
      locals: { name: "'b'", delay: '0.1' },
    });
    expect(s.iteration).toBe(2);
  });

  it('moves a due timer to the ready queue, then runs it', () => {
    const due = stateAt(index, marks.bTimerDue);
    expect(due.time).toBe(0.1);
    expect(labels(due.ready)).toEqual(['sleep(0.1) timer of Task-3']);
    expect(due.timers.map((t) => t.when)).toEqual([0.2]);
    expect(due.changed.ready).toEqual([due.ready[0].id]);
    const fires = stateAt(index, marks.bTimerFires);
    expect(fires.ready).toEqual([]);
    expect(fires.running?.label).toBe('sleep(0.1) timer of Task-3');
  });

  it('reports what changed when stepping back, too', () => {
    const back = stateAt(index, marks.bTimerDue, marks.bResumes);
    expect(back.changed.ready).toEqual([back.ready[0].id]);
    expect(back.changed.timers).toEqual([]);
    expect(back.changed.tasks).toEqual([task(back, 'Task-3').id]);
    const forward = stateAt(index, marks.bResumes, marks.bTimerDue);
    expect(forward.changed.tasks).toEqual([task(forward, 'Task-3').id]);
    expect(stateAt(index, marks.bResumes, marks.bResumes).changed.tasks).toEqual([]);
  });

  it('explains why b resumed, and shows it running', () => {
    const s = stateAt(index, marks.bResumes);
    expect(s.explanation).toBe('Task-3 resumed because its sleep(0.1) timer fired at t=0.100 s.');
    expect(s.explanationMessage?.key).toBe('explain.resumedTimer');
    expect(task(s, 'Task-3').state).toBe('running');
    expect(s.currentTask).toBe(task(s, 'Task-3').id);
    expect(s.changed.tasks).toEqual([task(s, 'Task-3').id]);
  });

  it('ends with every task done and the output in order', () => {
    const end = stateAt(index, index.eventCount - 1);
    expect(end.tasks.map((t) => [t.name, t.state, t.outcome])).toEqual([
      ['main', 'done', 'None'],
      ['Task-2', 'done', "'a'"],
      ['Task-3', 'done', "'b'"],
    ]);
    expect(consoleAt(index, end)).toBe("b\na\n['a', 'b']\n");
    // print() writes text and newline separately; they are one console entry.
    expect(index.output.map((o) => o.text)).toEqual(['b\n', 'a\n', "['a', 'b']\n"]);
    expect(end.futures.filter((f) => f.state === 'pending')).toEqual([]);
    expect(end.explanation).toBe('The program finished normally.');
  });

  it('hides output written after the step', () => {
    const s = stateAt(index, marks.bResumes);
    expect(s.outputCount).toBe(0);
    const after = stateAt(index, runToNext(index, 'output', marks.bResumes));
    expect(consoleAt(index, after)).toBe('b\n');
  });

  it('clamps out-of-range steps', () => {
    expect(stateAt(index, -5).step).toBe(0);
    expect(stateAt(index, 1e9).step).toBe(index.eventCount - 1);
  });
});

describe('stateAt on a cancellation', () => {
  const { trace, marks } = cancelTrace();
  const index = buildIndex(trace);

  it('explains the cancel request the way a teacher would', () => {
    const s = stateAt(index, marks.cancel);
    expect(s.explanation).toBe(
      'main called alpha.cancel() at line 13: CancelledError will be thrown into alpha at its await on line 5.',
    );
    const alpha = task(s, 'alpha');
    expect(alpha.cancelling).toBe(1);
    expect(alpha.state).toBe('cancelling');
    expect(s.currentLine).toBe(13);
  });

  it("quotes the message of cancel('...') as the program wrote it", () => {
    for (const [text, shown] of [
      ['too slow', "'too slow'"],
      ["it's late", '"it\'s late"'],
    ]) {
      const strings = [...trace.strings, text];
      const b = trace.events.b.slice();
      b[marks.cancel] = strings.length - 1;
      const withMsg = buildIndex({ ...trace, strings, events: { ...trace.events, b } });
      expect(stateAt(withMsg, marks.cancel).explanation).toBe(
        `main called alpha.cancel(${shown}) at line 13: CancelledError will be thrown into alpha at its await on line 5.`,
      );
    }
  });

  it('says beta resumed because its timer fired', () => {
    expect(stateAt(index, marks.betaResumes).explanation).toBe(
      'beta resumed because its sleep(0.1) timer fired at t=0.100 s.',
    );
  });

  it('shows main waiting on alpha and alpha ready to receive the CancelledError', () => {
    const s = stateAt(index, marks.mainAwaitsAlpha);
    const main = task(s, 'main');
    expect(main.awaiting?.text).toBe('task `alpha`');
    expect(task(s, 'alpha').state).toBe('cancelling');
    expect(labels(s.ready)).toEqual(['alpha step']);
    // alpha's sleep timer is still in the heap until its sleep() cancels it.
    expect(s.timers.map((t) => t.when)).toEqual([0.3]);
    const alphaFuture = s.futures.find((f) => f.label === 'alpha')!;
    expect(alphaFuture.awaiters).toEqual([main.id]);
    expect(alphaFuture.callbacks).toEqual(['Task.task_wakeup']);
  });

  it('delivers the cancellation and marks alpha cancelled', () => {
    const step = stateAt(index, marks.alphaCancelStep);
    expect(step.explanation).toBe('CancelledError is thrown into alpha at its await on line 5.');
    const s = stateAt(index, marks.alphaCancelled);
    expect(task(s, 'alpha').state).toBe('cancelled');
    expect(task(s, 'alpha').outcome).toBe('CancelledError');
    expect(task(s, 'alpha').chain).toEqual([]);
    expect(s.timers).toEqual([]);
  });

  it('finds cancellations with run-to-next', () => {
    const first = runToNext(index, 'cancel', 0);
    expect(first).toBe(marks.cancel);
    expect(trace.events.kind[runToNext(index, 'cancel', first)]).toBe(K.CANCEL_DELIVERED);
    expect(runToPrev(index, 'cancel', first)).toBe(-1);
    expect(trace.events.kind[runToNext(index, 'taskDone', 0)]).toBe(K.TASK_STEP_END);
    expect(trace.events.kind[runToNext(index, 'timer', 0)]).toBe(K.HANDLE_START);
  });

  it('prints what the real program prints', () => {
    const end = stateAt(index, index.eventCount - 1);
    expect(consoleAt(index, end)).toBe(
      'alpha start\nbeta start\nbeta done\nalpha was cancelled\nbeta\n',
    );
  });
});

describe('stateAt on a lock', () => {
  const { trace, marks } = lockTrace();
  const index = buildIndex(trace);

  it('shows the holder and the waiter', () => {
    const s = stateAt(index, marks.yWaits);
    const lock = s.resources[0];
    expect(lock).toMatchObject({ kind: 'lock', name: 'lock', line: 9 });
    expect(lock.holders).toEqual([task(s, 'x').id]);
    expect(lock.waiters).toEqual([task(s, 'y').id]);
    expect(task(s, 'y').awaiting).toMatchObject({ text: 'Lock `lock`', resource: lock.id });
    expect(task(s, 'x').awaiting?.text).toBe('sleep until t=0.10 s');
  });

  it('hands the lock over', () => {
    const released = stateAt(index, marks.xReleases);
    expect(released.resources[0].holders).toEqual([]);
    expect(released.resources[0].value).toBe(0);
    const resumed = stateAt(index, marks.yResumes);
    expect(resumed.resources[0].waiters).toEqual([]);
    expect(resumed.explanation).toBe('y resumed because Lock `lock` let it through.');
    const acquired = stateAt(index, marks.yAcquires);
    expect(acquired.resources[0].holders).toEqual([task(acquired, 'y').id]);
    expect(acquired.resources[0].value).toBe(1);
    expect(acquired.explanation).toBe('y acquires Lock `lock`.');
  });
});

describe('navigation', () => {
  const { trace } = gatherTrace();
  const index = buildIndex(trace);
  const e = trace.events;

  it('steps by line, by task step or callback, and by iteration', () => {
    for (const g of ['line', 'step', 'iteration'] as const) {
      const stops: number[] = [];
      for (let s = nextStop(index, g, -1); s !== -1; s = nextStop(index, g, s)) stops.push(s);
      const back: number[] = [];
      for (let s = prevStop(index, g, index.eventCount); s !== -1; s = prevStop(index, g, s)) {
        back.push(s);
      }
      expect(back.reverse()).toEqual(stops);
      expect(stops.length).toBe(index.steps[g].length);
      expect(stopPosition(index, g, stops[stops.length - 1])).toBe(stops.length - 1);
    }
    expect(index.steps.line.every((i) => e.kind[i] === K.LINE)).toBe(true);
    expect(index.steps.iteration.length).toBe(9);
    // Task steps stop at TASK_STEP_START; plain callbacks (timers, gather) at HANDLE_START.
    const kinds = Array.from(index.steps.step, (i) => e.kind[i]);
    expect(kinds.filter((k) => k === K.TASK_STEP_START).length).toBe(6);
    expect(kinds.filter((k) => k === K.HANDLE_START).length).toBe(4);
  });

  it('lists the lines each task ran', () => {
    expect(taskLines(index, 0)).toEqual([9, 10]);
    expect(taskLines(index, 1)).toEqual([4, 5, 6]);
    expect(taskLines(index, 99)).toEqual([]);
  });

  it('runs to the next and previous execution of a line', () => {
    const first = nextLineExecution(index, 4, -1);
    const second = nextLineExecution(index, 4, first);
    expect(e.line[first]).toBe(4);
    expect(second).toBeGreaterThan(first);
    expect(nextLineExecution(index, 4, second)).toBe(-1);
    expect(prevLineExecution(index, 4, second)).toBe(first);
    expect(lineExecutionCount(index, 4)).toBe(2);
    expect(nextLineExecution(index, 999, 0)).toBe(-1);
    expect(nextLineExecution(index, -1, 0)).toBe(-1);
  });
});

describe('a state does not depend on how you got there', () => {
  const traces = {
    gather: gatherTrace().trace,
    cancel: cancelTrace().trace,
    lock: lockTrace().trace,
    synthetic: syntheticTrace({ tasks: 30, sleeps: 3, seed: 7 }),
  };

  for (const [name, trace] of Object.entries(traces)) {
    it(`${name}: matches a plain forward replay at every step, visited in shuffled order`, () => {
      checkAgainstReplay(buildIndex(trace), 99);
    });
  }

  /** The whole state as plain data, chains included (they are read lazily). */
  const plain = (s: TraceState) => ({
    ...s,
    tasks: s.tasks.map((t) => ({ ...t, chain: t.chain })),
  });

  it('stepping back equals stepping forward: any visiting order gives the same states', () => {
    const trace = traces.synthetic;
    const reference = buildIndex(trace);
    const n = reference.eventCount;
    const expected = new Map<number, ReturnType<typeof plain>>();
    const want = (s: number) => {
      if (!expected.has(s)) expected.set(s, plain(stateAt(buildIndex(trace), s)));
      return expected.get(s)!;
    };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 30 }),
        (steps) => {
          const index = buildIndex(trace);
          for (const s of steps) expect(plain(stateAt(index, s))).toEqual(want(s));
          // And walking back one event at a time from the last visited step.
          const last = steps[steps.length - 1];
          for (let s = last; s >= Math.max(0, last - 5); s--) {
            expect(plain(stateAt(index, s))).toEqual(want(s));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives the same state for any (step, since) pair whatever was visited before', () => {
    const trace = traces.cancel;
    const n = buildIndex(trace).eventCount;
    const step = fc.integer({ min: -2, max: n + 2 });
    fc.assert(
      fc.property(fc.array(fc.tuple(step, step), { minLength: 1, maxLength: 20 }), (pairs) => {
        const warm = buildIndex(trace);
        for (const [s, since] of pairs) {
          expect(plain(stateAt(warm, s, since))).toEqual(
            plain(stateAt(buildIndex(trace), s, since)),
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the futures list depends on the step alone', () => {
  // The engine's golden traces, read as golden.test.ts reads them.
  const DIR = fileURLToPath(new URL('../../tests/golden/', import.meta.url));
  const golden = readdirSync(DIR)
    .filter((f) => f.endsWith('.trace.json'))
    .map((f) => ({ file: f, text: readFileSync(`${DIR}${f}`, 'utf8') }));

  /** What the Futures panel reads at a state: the list (as plain data) and its counts. */
  const futuresOf = (st: TraceState) => ({
    list: JSON.parse(JSON.stringify(st.futures)) as unknown,
    counts: st.futureCounts,
  });

  it('has golden traces to check', () => {
    expect(golden.length).toBeGreaterThanOrEqual(4);
  });

  for (const { file, text } of golden) {
    it(`${file}: gives the same futures at a step whatever step the viewer came from`, () => {
      const index = buildIndex(traceFromJson(text));
      const n = index.eventCount;
      for (let s = 0; s < n; s++) {
        const want = futuresOf(stateAt(index, s, s - 1));
        // Back from the next event or stop, forward from the previous stop, jumps from either end.
        const from = [s + 1, prevStop(index, 'step', s), nextStop(index, 'step', s), -1, 0, n - 1];
        for (const since of from) {
          expect(futuresOf(stateAt(index, s, since)), `step ${s} from ${since}`).toEqual(want);
        }
      }
    });

    it(`${file}: task steps from Home to End and from End back show the same futures`, () => {
      // QA's walk: Home, step forward by task step to the end, then End and step back.
      const index = buildIndex(traceFromJson(text));
      const forward = new Map<number, ReturnType<typeof futuresOf>>();
      let at = 0;
      forward.set(at, futuresOf(stateAt(index, at, at)));
      for (let s = nextStop(index, 'step', at); s !== -1; s = nextStop(index, 'step', s)) {
        forward.set(s, futuresOf(stateAt(index, s, at)));
        at = s;
      }
      at = index.eventCount - 1;
      stateAt(index, at, at);
      let compared = 0;
      for (let s = prevStop(index, 'step', at); s !== -1; s = prevStop(index, 'step', s)) {
        const back = futuresOf(stateAt(index, s, at));
        at = s;
        if (!forward.has(s)) continue;
        expect(back, `task step at event ${s}`).toEqual(forward.get(s));
        compared++;
      }
      expect(compared).toBe(index.steps.step.length);
    });
  }

  it('lists the futures pending at the step or completed in its last RECENT_DONE_WINDOW events', () => {
    const index = buildIndex(syntheticTrace({ tasks: 60, sleeps: 4, seed: 9 }));
    const { fCreated, fDone } = index.nz;
    const n = index.eventCount;
    expect(n).toBeGreaterThan(2 * RECENT_DONE_WINDOW);
    const expected = (s: number) =>
      Array.from(fCreated.keys()).filter(
        (f) => fCreated[f] <= s && fDone[f] > s - RECENT_DONE_WINDOW,
      );
    // A future that completed mid-run: listed up to RECENT_DONE_WINDOW - 1 events after, not at.
    const f = Array.from(fDone.keys()).find(
      (k) => fDone[k] > RECENT_DONE_WINDOW && fDone[k] + RECENT_DONE_WINDOW < n,
    )!;
    const edge = fDone[f] + RECENT_DONE_WINDOW;
    const steps = [0, 1, RECENT_DONE_WINDOW, edge - 1, edge, Math.floor(n / 2), n - 1];
    for (const s of steps) {
      for (const since of [s - 1, s + 1, 0]) {
        const st = stateAt(index, s, since);
        expect(
          st.futures.map((v) => v.id),
          `step ${s} from ${since}`,
        ).toEqual(expected(s));
        expect(st.futureCounts!.listed).toBe(expected(s).length);
      }
    }
    expect(stateAt(index, edge - 1, 0).futures.map((v) => v.id)).toContain(f);
    expect(stateAt(index, edge, 0).futures.map((v) => v.id)).not.toContain(f);
  });
});
