/**
 * stateAt reuses views from the previous seek (handles, futures, tasks). Whatever order the steps
 * are visited in, the state must be the one a fresh index (no previous seek) gives at that step.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  buildIndex,
  lineExecutionCount,
  nextLineExecution,
  prevLineExecution,
  stateAt,
  timeAt,
} from './index';
import type { TraceIndex } from './index';
import { LoopScript, cancelTrace, gatherTrace, lockTrace } from './samples';
import { EventKind as K, FutureKind, Wake } from './schema';
import type { TraceColumns } from './schema';
import { syntheticTrace } from './synthetic';

/** The state as plain data, lazy fields included (through the views' toJSON). */
function plain(index: TraceIndex, step: number, since?: number): unknown {
  return JSON.parse(JSON.stringify(stateAt(index, step, since)));
}

/** Forward, backward, then jumping around; each state checked against a fresh index. */
function visitOrder(n: number, seed: number): number[] {
  const order = [...Array(n).keys(), ...[...Array(n).keys()].reverse()];
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    order.push(x % n);
  }
  return order;
}

function checkReuse(trace: TraceColumns, every = 1): void {
  const warm = buildIndex(trace, { trusted: true });
  const n = warm.eventCount;
  let prev = -1;
  for (const [i, s] of visitOrder(n, 7).entries()) {
    const since = prev;
    const got = plain(warm, s, since);
    prev = s;
    if (i % every !== 0) continue;
    const cold = buildIndex(trace, { trusted: true });
    expect(got, `step ${s} after ${since}`).toEqual(plain(cold, s, since));
  }
}

describe('stateAt view reuse', () => {
  it('gives the same states as a fresh index on the sample traces, in any visiting order', () => {
    for (const make of [gatherTrace, cancelTrace, lockTrace]) checkReuse(make().trace);
  });

  it('gives the same states as a fresh index on a synthetic trace', () => {
    checkReuse(syntheticTrace({ tasks: 12, sleeps: 3, seed: 5 }), 3);
  });

  it('reuses unchanged handle and future views when stepping forward', () => {
    const index = buildIndex(syntheticTrace({ tasks: 200, sleeps: 3, seed: 2 }), {
      trusted: true,
    });
    const mid = Math.floor(index.eventCount / 2);
    const a = stateAt(index, mid);
    const b = stateAt(index, mid + 1);
    const futures = new Set(a.futures);
    const timers = new Set(a.timers);
    expect(a.futures.length).toBeGreaterThan(50);
    expect(a.timers.length).toBeGreaterThan(50);
    // One event changes at most a couple of futures and timers; the rest are the same objects.
    expect(b.futures.filter((f) => !futures.has(f)).length).toBeLessThan(5);
    expect(b.timers.filter((h) => !timers.has(h)).length).toBeLessThan(5);
  });
});

describe('index tables that replace columns', () => {
  const traces = () => [
    gatherTrace().trace,
    cancelTrace().trace,
    lockTrace().trace,
    syntheticTrace({ tasks: 30, sleeps: 4, seed: 3 }),
  ];

  it('timeAt(step) equals the time column at every step', () => {
    for (const trace of traces()) {
      const index = buildIndex(trace, { trusted: true });
      const got = Array.from({ length: index.eventCount }, (_, i) => timeAt(index, i));
      expect(got).toEqual(Array.from(trace.events.time));
      expect(index.nz.clockEv.length).toBeLessThan(index.eventCount);
      expect(timeAt(index, -5)).toBe(trace.events.time[0]);
      expect(timeAt(index, index.eventCount + 5)).toBe(trace.events.time[index.eventCount - 1]);
    }
  });

  it('line executions equal a scan of the LINE events', () => {
    for (const trace of traces()) {
      const index = buildIndex(trace, { trusted: true });
      const e = trace.events;
      const byLine = new Map<number, number[]>();
      for (let i = 0; i < e.kind.length; i++) {
        if (e.kind[i] !== K.LINE) continue;
        byLine.set(e.line[i], [...(byLine.get(e.line[i]) ?? []), i]);
      }
      for (let line = -1; line < 20; line++) {
        const all = byLine.get(line) ?? [];
        expect(lineExecutionCount(index, line)).toBe(all.length);
        for (const from of [-1, 0, 3, 17, Math.floor(e.kind.length / 2), e.kind.length]) {
          expect(nextLineExecution(index, line, from)).toBe(all.find((i) => i > from) ?? -1);
          expect(prevLineExecution(index, line, from)).toBe(
            [...all].reverse().find((i) => i < from) ?? -1,
          );
        }
      }
    }
  });
});

describe('the futures list, built when read', () => {
  /** What a panel showed from the whole list: pending futures first, then the others, by id. */
  function expectedPage(futures: readonly { id: number; state: string }[], limit: number) {
    const pending = futures.filter((f) => f.state === 'pending');
    const rest = futures.filter((f) => f.state !== 'pending');
    const shown = [
      ...pending.slice(0, limit),
      ...rest.slice(0, Math.max(0, limit - pending.length)),
    ];
    return {
      ids: shown.map((f) => f.id),
      hidden: futures.length - shown.length,
      pending: pending.length,
    };
  }

  it.each([
    ['a synthetic trace', () => syntheticTrace({ tasks: 30, sleeps: 3, seed: 4 })],
    ['the gather sample', () => gatherTrace().trace],
    ['the cancel sample', () => cancelTrace().trace],
    ['the lock sample', () => lockTrace().trace],
  ])(
    'gives counts and pages equal to the whole list at every step of %s, in any order',
    (_, make) => {
      const trace = make();
      const lazy = buildIndex(trace, { trusted: true });
      const whole = buildIndex(trace, { trusted: true });
      const n = lazy.eventCount;
      let prev = -1;
      for (const [i, s] of visitOrder(n, 11).entries()) {
        const limit = [1, 3, 40][i % 3];
        const got = stateAt(lazy, s, prev);
        const ref = stateAt(whole, s, prev);
        prev = s;
        const want = expectedPage(ref.futures, limit);
        // The page is asked for before the list is ever built (the panel's path)...
        const page = got.futurePage!(limit);
        expect(
          page.shown.map((f) => f.id),
          `step ${s}`,
        ).toEqual(want.ids);
        expect({ hidden: page.hidden, pending: page.pending }).toEqual({
          hidden: want.hidden,
          pending: want.pending,
        });
        expect(got.futureCounts).toEqual({ pending: want.pending, listed: ref.futures.length });
        // ...and its views read as the list's do.
        const byId = new Map(ref.futures.map((f) => [f.id, JSON.stringify(f)]));
        for (const f of page.shown) expect(JSON.stringify(f)).toBe(byId.get(f.id));
      }
    },
  );

  it('finds the awaiting tasks of a page without a lookup per task', () => {
    // Every step asks for a page, and mid-run on the bench trace 10,000 tasks are alive: a Map
    // lookup per task was most of the page's cost.
    const index = buildIndex(syntheticTrace({ tasks: 2000, sleeps: 2, seed: 3 }), {
      trusted: true,
    });
    const s = stateAt(index, Math.floor(index.eventCount / 2));
    expect(s.tasks.length).toBe(2001);
    const get = vi.spyOn(Map.prototype, 'get');
    try {
      expect(s.futurePage!(40).shown.length).toBe(40);
      expect(get.mock.calls.length).toBeLessThan(100);
    } finally {
      get.mockRestore();
    }
  });

  it('finds the awaiting tasks of a page without reading every task', () => {
    // The rows that suspended a task on each of the page's futures are looked at, not the
    // 2,001 tasks alive (10,000 mid-run on the bench trace, on every step).
    const index = buildIndex(syntheticTrace({ tasks: 2000, sleeps: 2, seed: 3 }), {
      trusted: true,
    });
    const s = stateAt(index, Math.floor(index.eventCount / 2));
    const proto = Object.getPrototypeOf(s.tasks[0]) as { waitsOnFuture(): number };
    const read = vi.spyOn(proto, 'waitsOnFuture');
    try {
      const page = s.futurePage!(40);
      expect(page.shown.length).toBe(40);
      expect(read.mock.calls.length).toBeLessThan(100);
      // The awaiting tasks are the ones the whole list gives.
      const whole = new Map(s.futures.map((f) => [f.id, f.awaiters]));
      for (const f of page.shown) expect(f.awaiters).toEqual(whole.get(f.id));
    } finally {
      read.mockRestore();
    }
  });

  it('finds the awaiting tasks of a future many tasks wait on, as the whole list does', () => {
    // 80 tasks and main wait on one future: too many rows to look at one by one, so the page
    // takes a pass over the tasks instead.
    const script = new LoopScript('');
    const b = script.b;
    const main = script.createTask('main', 'main()', 1);
    script.iter(1, 0);
    script.start(0);
    script.stepStart(main, Wake.FIRST);
    const ev = b.future(FutureKind.PLAIN, 'Event.wait', main, 2);
    b.emit(K.FUTURE_CREATED, ev);
    const waiters = Array.from({ length: 80 }, (_, i) => script.createTask(`w${i}`, 'w()', 3));
    script.suspend(main, ev, 4, [['main', 4, {}]]);
    script.end(0);
    script.iter(80, 0);
    waiters.forEach((t, i) => {
      script.start(i + 1);
      script.stepStart(t, Wake.FIRST);
      script.suspend(t, ev, 5, [['w', 5, {}]]);
      script.end(i + 1);
    });
    const index = buildIndex(b.build(), { trusted: true });
    for (const step of [index.eventCount >> 1, index.eventCount - 1]) {
      const state = stateAt(index, step);
      const page = state.futurePage!(40);
      const whole = new Map(state.futures.map((f) => [f.id, f.awaiters]));
      for (const f of page.shown) expect(f.awaiters).toEqual(whole.get(f.id));
      if (step === index.eventCount - 1) {
        expect(page.shown.find((f) => f.id === ev)?.awaiters).toHaveLength(81);
      }
    }
  });

  it('does not build the list for a state whose futures are never read', () => {
    const index = buildIndex(syntheticTrace({ tasks: 50, sleeps: 2, seed: 3 }), { trusted: true });
    const s = stateAt(index, Math.floor(index.eventCount / 2));
    const before = index.cache.prevFutures;
    s.futurePage!(5);
    expect(index.cache.prevFutures).toBe(before);
    expect(s.futures.length).toBe(s.futureCounts!.listed);
    expect(index.cache.prevFutures).toBe(s.futures);
  });

  it('gives every state the same getter and page function, with no closure of its own', () => {
    // A getter of its own per state lived in the state's hidden class, which V8 frees only in
    // a full collection: every minor one copied every state made since (docs/debugger.md).
    const index = buildIndex(syntheticTrace({ tasks: 50, sleeps: 2, seed: 3 }), { trusted: true });
    const a = stateAt(index, 10);
    const b = stateAt(index, Math.floor(index.eventCount / 2), 10);
    const own = (s: object, key: string) => Object.getOwnPropertyDescriptor(s, key)!;
    expect(own(a, 'futures').get).toBe(own(b, 'futures').get);
    expect(own(a, 'futurePage').value).toBe(own(b, 'futurePage').value);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    // A copy by descriptors (editorState's) shares the list with the state it copies.
    const copy = Object.create(
      Object.getPrototypeOf(b) as object,
      Object.getOwnPropertyDescriptors(b),
    ) as typeof b;
    expect(copy.futures).toBe(b.futures);
    expect(copy.futurePage!(3)).toEqual(b.futurePage!(3));
  });
});
