/**
 * Synthetic traces of any size, for the seek and memory benchmarks (issue 9) and for property
 * tests. A tiny simulation of asyncio's loop runs this program and records what the real tracer
 * would record for it, in the same order (ready queue FIFO, timers popped by due time, gather
 * callbacks, wakeups with cause links):
 *
 *   async def worker(i):
 *       for k in range(N):
 *           await asyncio.sleep(delay)
 *       return i
 *
 *   async def main():
 *       tasks = [asyncio.create_task(worker(i)) for i in range(T)]
 *       await asyncio.gather(*tasks)
 *       print("done")
 *
 *   asyncio.run(main())
 *
 * It is deterministic for a given seed. Each sleep costs about 15 events, so
 * `syntheticTrace({ events: 1_000_000 })` picks T to land near a million events.
 */
import { TraceBuilder } from './builder';
import { Done, Edge, EventKind as K, FutureKind, HandleKind, Outcome, Step, Wake } from './schema';
import type { TraceColumns } from './schema';

export const SYNTHETIC_SOURCE = `import asyncio

async def worker(i):
    for k in range(N):
        await asyncio.sleep(delay)
    return i

async def main():
    tasks = [asyncio.create_task(worker(i)) for i in range(T)]
    await asyncio.gather(*tasks)
    print("done")

asyncio.run(main())
`;

export interface SyntheticOptions {
  /** Number of worker tasks (T). */
  tasks?: number;
  /** Sleeps per worker (N). */
  sleeps?: number;
  /** Aim for about this many events instead of giving `tasks` (overrides it). */
  events?: number;
  /** PRNG seed for the sleep delays. */
  seed?: number;
  /** Delays are multiples of this many seconds, 1 to 9 of them. */
  delayUnit?: number;
}

const ACT_STEP = 0;
const ACT_TIMER = 1;
const ACT_GATHER = 2;

/** A binary min-heap of timer handles keyed by (when, handle id). */
class TimerHeap {
  ids: number[] = [];
  constructor(private readonly when: (h: number) => number) {}
  get size(): number {
    return this.ids.length;
  }
  private less(x: number, y: number): boolean {
    const a = this.when(x);
    const b = this.when(y);
    return a < b || (a === b && x < y);
  }
  push(h: number): void {
    const ids = this.ids;
    ids.push(h);
    let i = ids.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(ids[i], ids[p])) break;
      [ids[i], ids[p]] = [ids[p], ids[i]];
      i = p;
    }
  }
  peek(): number {
    return this.ids[0];
  }
  pop(): number {
    const ids = this.ids;
    const top = ids[0];
    const last = ids.pop()!;
    if (ids.length > 0) {
      ids[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < ids.length && this.less(ids[l], ids[m])) m = l;
        if (r < ids.length && this.less(ids[r], ids[m])) m = r;
        if (m === i) break;
        [ids[i], ids[m]] = [ids[m], ids[i]];
        i = m;
      }
    }
    return top;
  }
}

/** Events one worker task costs, used to size a trace by event count. */
const EVENTS_PER_SLEEP = 15;
const EVENTS_PER_TASK_EXTRA = 14;

export function syntheticTrace(options: SyntheticOptions = {}): TraceColumns {
  const sleeps = options.sleeps ?? 10;
  const T =
    options.events !== undefined
      ? Math.max(
          1,
          Math.round(options.events / (sleeps * EVENTS_PER_SLEEP + EVENTS_PER_TASK_EXTRA)),
        )
      : (options.tasks ?? 100);
  const unit = options.delayUnit ?? 0.01;
  let seed = (options.seed ?? 1) >>> 0 || 1;
  const rand = () => {
    // xorshift32: small, fast and reproducible across engines.
    seed ^= seed << 13;
    seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    return seed;
  };

  const b = new TraceBuilder({ source: SYNTHETIC_SOURCE, options: { tasks: T, sleeps } });
  const whens: number[] = [];
  const act: number[] = [];
  const arg: number[] = [];
  const newHandle = (
    kind: number,
    when: number,
    descr: string | null,
    task: number,
    line: number,
    a: number,
    x: number,
  ) => {
    const h = b.handle(kind, when, descr, task, line);
    whens[h] = when;
    act[h] = a;
    arg[h] = x;
    return h;
  };
  const ready: number[] = [];
  let readyHead = 0;
  const heap = new TimerHeap((h) => whens[h]);

  const schedule = (h: number, line = 0) => {
    b.emit(K.HANDLE_SCHEDULED, h, 0, 0, line);
    ready.push(h);
  };
  const scheduleStep = (t: number, line = 0) =>
    schedule(newHandle(HandleKind.SOON, b.ctx.time, null, t, line, ACT_STEP, t), line);

  // Per-task simulation state.
  const main = b.task('main', 'main()', -1, 13);
  const stepsDone: number[] = [0];
  const wake: number[] = [Wake.FIRST];
  const cause: number[] = [-1];
  const sleepFuture: number[] = [-1];
  /** Task that awaits each sleep future. */
  const sleepOwner: number[] = [];
  let gather = -1;
  let gatherLeft = T;
  const wakeupStr = b.str('Task.task_wakeup');
  const gatherCbStr = b.str('gather._done_callback');
  const noneStr = b.str('None');

  b.at(0, -1, 13);
  b.emit(K.TASK_CREATED, main, 0, 0, 13);
  scheduleStep(main, 13);

  const runStep = (t: number) => {
    b.at(undefined, t, 0);
    b.emit(K.TASK_STEP_START, t, wake[t], cause[t]);
    if (t === main) {
      if (stepsDone[t] === 0) {
        b.at(undefined, t, 9);
        b.emit(K.LINE);
        for (let i = 0; i < T; i++) {
          const w = b.task(`Task-${i + 2}`, 'worker()', main, 9);
          stepsDone[w] = 0;
          wake[w] = Wake.FIRST;
          cause[w] = -1;
          sleepFuture[w] = -1;
          b.emit(K.TASK_CREATED, w, 0, 0, 9);
          scheduleStep(w, 9);
        }
        b.at(undefined, t, 10);
        b.emit(K.LINE);
        gather = b.future(FutureKind.GATHER, null, main, 10);
        b.emit(K.FUTURE_CREATED, gather);
        for (let i = 1; i <= T; i++) {
          b.emit(K.AWAIT_EDGE, gather, b.taskFuture(i), Edge.GATHER);
          b.emit(K.FUTURE_CALLBACK_ADDED, b.taskFuture(i), gatherCbStr, -1);
        }
        b.emit(K.FUTURE_CALLBACK_ADDED, gather, wakeupStr, t);
        b.emit(K.AWAIT_CHAIN, t, b.str(`[["main",10,{"tasks":"[<Task>, ...${T}]"}]]`));
        b.emit(K.TASK_STEP_END, t, Step.SUSPENDED, gather);
      } else {
        b.at(undefined, t, 11);
        b.emit(K.LINE);
        b.emit(K.STDOUT, b.str('done'));
        b.emit(K.STDOUT, b.str('\n'));
        b.emit(K.TASK_STEP_END, t, Step.RETURNED, noneStr);
        b.emit(K.FUTURE_DONE, b.taskFuture(t), Done.RESULT, noneStr);
      }
      stepsDone[t]++;
      return;
    }
    const k = stepsDone[t]++;
    b.at(undefined, t, 4);
    b.emit(K.LINE);
    if (k < sleeps) {
      b.at(undefined, t, 5);
      b.emit(K.LINE);
      const delay = (1 + (rand() % 9)) * unit;
      const f = b.future(FutureKind.SLEEP, `sleep(${+delay.toFixed(6)})`, t, 5);
      b.emit(K.FUTURE_CREATED, f);
      const when = b.ctx.time + delay;
      const h = newHandle(HandleKind.LATER, when, 'sleep timer', -1, 5, ACT_TIMER, f);
      b.emit(K.HANDLE_SCHEDULED, h);
      heap.push(h);
      sleepFuture[t] = f;
      sleepOwner[f] = t;
      b.emit(K.FUTURE_CALLBACK_ADDED, f, wakeupStr, t);
      b.emit(K.AWAIT_CHAIN, t, b.str(`[["worker",5,{"i":"${t - 1}","k":"${k}"}]]`));
      b.emit(K.TASK_STEP_END, t, Step.SUSPENDED, f);
    } else {
      b.at(undefined, t, 6);
      b.emit(K.LINE);
      const value = b.str(String(t - 1));
      b.emit(K.TASK_STEP_END, t, Step.RETURNED, value);
      b.emit(K.FUTURE_DONE, b.taskFuture(t), Done.RESULT, value);
      schedule(
        newHandle(HandleKind.SOON, b.ctx.time, 'gather._done_callback', -1, 0, ACT_GATHER, t),
      );
    }
  };

  let iteration = 0;
  while (readyHead < ready.length || heap.size > 0) {
    b.at(undefined, -1, 0);
    b.emit(K.LOOP_ITER, ++iteration, ready.length - readyHead, heap.size);
    if (readyHead === ready.length) {
      b.at(whens[heap.peek()], -1, 0);
      b.emit(K.CLOCK_ADVANCE);
    }
    while (heap.size > 0 && whens[heap.peek()] <= b.ctx.time) {
      const h = heap.pop();
      b.emit(K.HANDLE_READY, h);
      ready.push(h);
    }
    const todo = ready.length - readyHead;
    for (let j = 0; j < todo; j++) {
      const h = ready[readyHead++];
      b.at(undefined, -1, 0);
      b.emit(K.HANDLE_START, h);
      if (act[h] === ACT_STEP) {
        runStep(arg[h]);
      } else if (act[h] === ACT_TIMER) {
        const f = arg[h];
        const done = b.emit(K.FUTURE_DONE, f, Done.RESULT, noneStr);
        const t = sleepOwner[f];
        wake[t] = Wake.FUTURE;
        cause[t] = done;
        scheduleStep(t);
      } else {
        gatherLeft--;
        if (gatherLeft === 0) {
          const done = b.emit(K.FUTURE_DONE, gather, Done.RESULT, b.str(`[0, 1, ..., ${T - 1}]`));
          wake[main] = Wake.FUTURE;
          cause[main] = done;
          scheduleStep(main);
        }
      }
      b.at(undefined, -1, 0);
      b.emit(K.HANDLE_END, h);
    }
    // Drop consumed entries now and then so the queue array does not grow without bound.
    if (readyHead > 65536) {
      ready.splice(0, readyHead);
      readyHead = 0;
    }
  }
  b.emit(K.RUN_END, Outcome.OK, -1);
  return b.build();
}

/** Latency figures of a seek benchmark, in milliseconds. */
export interface SeekStats {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

/**
 * Random-access seeks over an index: `seek(step)` is called at `samples` pseudo-random steps
 * (after a few warm-up calls) and timed with `now`. The benchmark passes
 * `(s) => stateAt(index, s)`; taking the function keeps this file free of the index module.
 */
export function measureSeeks(
  seek: (step: number) => unknown,
  eventCount: number,
  samples = 200,
  seed = 1,
  now: () => number = () => performance.now(),
): SeekStats {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % Math.max(1, eventCount);
  };
  for (let k = 0; k < 10; k++) seek(next());
  const times = new Float64Array(samples);
  for (let k = 0; k < samples; k++) {
    const step = next();
    const t0 = now();
    seek(step);
    times[k] = now() - t0;
  }
  times.sort();
  const at = (q: number) => times[Math.min(samples - 1, Math.floor(samples * q))];
  return { samples, p50: at(0.5), p95: at(0.95), max: times[samples - 1] };
}
