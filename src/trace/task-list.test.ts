/**
 * stateAt updates the last seek's task list for a short move (taskListNear: only the tasks with a
 * log row between the two steps are looked up again), and hands back the last timer heap when no
 * timer entered or left it, or else takes the timers that did out of it or puts them in
 * (timersNear). Whatever step it came from, the tasks, the timers and what changed
 * must be those a fresh index (which walks every task and timer) gives.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex, stateAt } from './index';
import type { TraceIndex } from './index';
import { traceFromJson } from './json';
import { cancelTrace } from './samples';
import type { TraceColumns } from './schema';
import { syntheticTrace } from './synthetic';

const DIR = fileURLToPath(new URL('../../tests/golden/', import.meta.url));
const GOLDEN = readdirSync(DIR)
  .filter((f) => f.endsWith('.trace.json'))
  .map((f) => [f, traceFromJson(readFileSync(`${DIR}${f}`, 'utf8'))] as const);

/** The tasks and timers of a state and what changed, as plain data (lazy fields included). */
function tasksOf(index: TraceIndex, step: number, since: number) {
  const st = stateAt(index, step, since);
  return {
    tasks: JSON.parse(JSON.stringify(st.tasks)) as unknown,
    changed: st.changed.tasks,
    timers: st.timers,
    changedTimers: st.changed.timers,
  };
}

/**
 * Random walks of short moves (a few events either way, sometimes a jump), each state after the
 * first checked against a fresh index at the same (step, since).
 */
function checkWalks(trace: TraceColumns, runs: number): void {
  const n = buildIndex(trace, { trusted: true }).eventCount;
  const move = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: -40, max: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: -n, max: n }) },
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: n - 1 }),
      fc.array(fc.tuple(move, fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 12 }),
      (start, moves) => {
        const warm = buildIndex(trace, { trusted: true });
        stateAt(warm, start);
        let at = start;
        for (const [d, off] of moves) {
          const s = Math.max(0, Math.min(n - 1, at + d));
          // Usually the step shown before; sometimes another one near it.
          const since = Math.max(-1, at + off);
          const got = tasksOf(warm, s, since);
          const cold = buildIndex(trace, { trusted: true });
          expect(got, `step ${s} after ${at}, since ${since}`).toEqual(tasksOf(cold, s, since));
          at = s;
        }
      },
    ),
    { numRuns: runs, seed: 5 },
  );
}

describe('task list and timer heap after a short move', () => {
  it('equals a full walk on the golden traces, for random moves', () => {
    expect(GOLDEN.length).toBeGreaterThan(0);
    for (const [, trace] of GOLDEN) checkWalks(trace, 40);
  });

  it('equals a full walk on synthetic traces, for random moves', () => {
    checkWalks(syntheticTrace({ tasks: 30, sleeps: 4, seed: 3 }), 60);
    checkWalks(cancelTrace().trace, 40);
  });

  it('counts the live tasks as a pass over the task views does, at every step', () => {
    const FINISHED = new Set(['done', 'failed', 'cancelled']);
    const traces = [
      ...GOLDEN.map(([, t]) => t),
      syntheticTrace({ tasks: 30, sleeps: 4, seed: 3 }),
      cancelTrace().trace,
    ];
    let checked = 0;
    let finished = 0;
    for (const trace of traces) {
      const index = buildIndex(trace, { trusted: true });
      for (let s = 0; s < index.eventCount; s++) {
        const st = stateAt(index, s);
        const live = st.tasks.filter((t) => !FINISHED.has(t.state)).length;
        expect(st.taskCounts, `step ${s}`).toEqual({ live });
        finished = Math.max(finished, st.tasks.length - live);
        checked++;
      }
    }
    // Tasks finish in these traces, so the count is tested on both sides.
    expect(finished).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(1000);
  });

  it('is taken for short moves: unchanged tasks keep their views, an idle move its list', () => {
    const index = buildIndex(syntheticTrace({ tasks: 300, sleeps: 3, seed: 2 }), {
      trusted: true,
    });
    const e = index.trace.events;
    const mid = index.eventCount >> 1;
    const a = stateAt(index, mid);
    // The rows index is built by the short move, not by the first seek.
    expect(index.cache.taskRows).toBeNull();
    const b = stateAt(index, mid + 1, mid);
    expect(index.cache.taskRows).not.toBeNull();
    const changed = new Set(b.changed.tasks);
    for (let i = 0; i < a.tasks.length; i++) {
      if (!changed.has(i)) expect(b.tasks[i]).toBe(a.tasks[i]);
    }
    // A move over events that change no task (e.g. a LINE) gives the very same list.
    let idle = -1;
    for (let i = mid + 2; i < index.eventCount && idle < 0; i++) {
      const s = stateAt(index, i, i - 1);
      if (s.changed.tasks.length === 0 && e.task[i] >= 0) idle = i;
    }
    expect(idle).toBeGreaterThan(0);
    const before = stateAt(index, idle - 1, idle - 2);
    const after = stateAt(index, idle, idle - 1);
    expect(after.tasks).toBe(before.tasks);
  });

  it('hands back the last timer heap when no timer entered or left it', () => {
    const index = buildIndex(syntheticTrace({ tasks: 300, sleeps: 3, seed: 2 }), {
      trusted: true,
    });
    const { timerIn, timerOut } = index.nz;
    const moves = new Set([...timerIn, ...timerOut]);
    const mid = index.eventCount >> 1;
    let quiet = -1;
    for (let i = mid; i < index.eventCount && quiet < 0; i++) if (!moves.has(i)) quiet = i;
    expect(quiet).toBeGreaterThan(0);
    const before = stateAt(index, quiet - 1, quiet - 2);
    const after = stateAt(index, quiet, quiet - 1);
    expect(before.timers.length).toBeGreaterThan(0);
    expect(after.timers).toBe(before.timers);
    expect(after.changed.timers).toEqual([]);
    // A step where one enters gives a new list with it marked changed.
    let busy = -1;
    for (let i = mid; i < index.eventCount && busy < 0; i++) if (timerIn.includes(i)) busy = i;
    const a = stateAt(index, busy - 1, busy - 2);
    const b = stateAt(index, busy, busy - 1);
    expect(b.timers).not.toBe(a.timers);
    expect(b.changed.timers.length).toBeGreaterThan(0);
    // The timers already there keep their views; the one that entered is the only new view.
    const had = new Set(a.timers);
    const fresh = b.timers.filter((h) => !had.has(h));
    expect(fresh.map((h) => h.id)).toEqual(b.changed.timers);
    expect(b.timers.length).toBe(a.timers.length + fresh.length);
  });
});
