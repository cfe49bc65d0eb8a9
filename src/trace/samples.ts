/**
 * Small hand-written traces of three classic programs, event for event in the order CPython's
 * asyncio does things: a gather of sleeps, a cancellation, and two tasks sharing a Lock. Unit
 * tests check stateAt against them, and panels can use them before a real run exists.
 */
import { TraceBuilder } from './builder';
import {
  Done,
  Edge,
  EventKind as K,
  FutureKind,
  HandleKind,
  Outcome,
  ResourceKind,
  Step,
  Wake,
} from './schema';
import type { TraceColumns } from './schema';

/** A TraceBuilder with the moves of a loop spelled out, so samples read like the program. */
export class LoopScript {
  readonly b: TraceBuilder;
  private iteration = 0;
  /** Event index of each marked moment, for tests to look up. */
  readonly marks: Record<string, number> = {};

  constructor(source: string) {
    this.b = new TraceBuilder({ source });
  }
  mark(name: string): void {
    this.marks[name] = this.b.eventCount - 1;
  }
  iter(ready: number, timers: number): number {
    this.b.at(undefined, -1, 0);
    return this.b.emit(K.LOOP_ITER, ++this.iteration, ready, timers);
  }
  clock(time: number): void {
    this.b.at(time, -1, 0);
    this.b.emit(K.CLOCK_ADVANCE);
  }
  /** Creates a task from the current context and schedules its first step. */
  createTask(name: string, coro: string, line: number): number {
    const parent = this.b.ctx.task;
    const t = this.b.task(name, coro, parent, line);
    this.b.emit(K.TASK_CREATED, t, 0, 0, line);
    this.scheduleStep(t, line);
    return t;
  }
  scheduleStep(t: number, line = 0): number {
    const h = this.b.handle(HandleKind.SOON, this.b.ctx.time, null, t, line);
    this.b.emit(K.HANDLE_SCHEDULED, h, 0, 0, line);
    return h;
  }
  soon(descr: string, line = 0): number {
    const h = this.b.handle(HandleKind.SOON, this.b.ctx.time, descr, -1, line);
    this.b.emit(K.HANDLE_SCHEDULED, h, 0, 0, line);
    return h;
  }
  start(h: number): void {
    this.b.at(undefined, -1, 0);
    this.b.emit(K.HANDLE_START, h);
  }
  end(h: number): void {
    this.b.at(undefined, -1, 0);
    this.b.emit(K.HANDLE_END, h);
  }
  ready(h: number): void {
    this.b.at(undefined, -1, 0);
    this.b.emit(K.HANDLE_READY, h);
  }
  stepStart(t: number, wake: number, cause = -1): number {
    this.b.at(undefined, t, 0);
    return this.b.emit(K.TASK_STEP_START, t, wake, cause);
  }
  line(n: number): void {
    this.b.at(undefined, undefined, n);
    this.b.emit(K.LINE);
  }
  print(text: string): void {
    this.b.emit(K.STDOUT, this.b.str(text));
    this.b.emit(K.STDOUT, this.b.str('\n'));
  }
  chain(t: number, frames: [string, number, Record<string, string>][]): void {
    this.b.emit(K.AWAIT_CHAIN, t, this.b.str(JSON.stringify(frames)));
  }
  /** The running task suspends on future f at `line`. */
  suspend(t: number, f: number, line: number, frames: [string, number, Record<string, string>][]) {
    this.b.emit(K.FUTURE_CALLBACK_ADDED, f, this.b.str('Task.task_wakeup'), t, line);
    this.chain(t, frames);
    this.b.emit(K.TASK_STEP_END, t, Step.SUSPENDED, f, line);
  }
  /** asyncio.sleep(delay) in task t: the future, its timer, and the suspension. */
  sleep(
    t: number,
    delay: number,
    line: number,
    frames: [string, number, Record<string, string>][],
  ) {
    const f = this.b.future(FutureKind.SLEEP, `sleep(${delay})`, t, line);
    this.b.emit(K.FUTURE_CREATED, f, 0, 0, line);
    const when = this.b.ctx.time + delay;
    const h = this.b.handle(HandleKind.LATER, when, 'sleep timer', -1, line);
    this.b.emit(K.HANDLE_SCHEDULED, h, 0, 0, line);
    this.suspend(t, f, line, frames);
    return { future: f, timer: h };
  }
  finish(t: number, value: string, line: number): void {
    this.b.at(undefined, t, line);
    this.b.emit(K.TASK_STEP_END, t, Step.RETURNED, this.b.str(value), line);
    this.b.emit(K.FUTURE_DONE, this.b.taskFuture(t), Done.RESULT, this.b.str(value), line);
  }
  done(f: number, outcome: number, repr: string | null): number {
    return this.b.emit(K.FUTURE_DONE, f, outcome, this.b.str(repr));
  }
  runEnd(): TraceColumns {
    this.b.at(undefined, -1, 0);
    this.b.emit(K.RUN_END, Outcome.OK, -1);
    return this.b.build();
  }
}

export const GATHER_SOURCE = `import asyncio

async def sleeper(name, delay):
    await asyncio.sleep(delay)
    print(name)
    return name

async def main():
    r = await asyncio.gather(sleeper("a", 0.2), sleeper("b", 0.1))
    print(r)

asyncio.run(main())
`;

/** `gather(sleeper("a", 0.2), sleeper("b", 0.1))`: b's timer fires first. */
export function gatherTrace(): { trace: TraceColumns; marks: Record<string, number> } {
  const s = new LoopScript(GATHER_SOURCE);
  const b = s.b;
  const main = s.createTask('main', 'main()', 12);
  s.iter(1, 0);
  const h0 = 0;
  s.start(h0);
  s.stepStart(main, Wake.FIRST);
  s.line(9);
  const ta = s.createTask('Task-2', 'sleeper()', 9);
  const tb = s.createTask('Task-3', 'sleeper()', 9);
  const g = b.future(FutureKind.GATHER, null, main, 9);
  b.emit(K.FUTURE_CREATED, g);
  for (const t of [ta, tb]) {
    b.emit(K.AWAIT_EDGE, g, b.taskFuture(t), Edge.GATHER);
    b.emit(K.FUTURE_CALLBACK_ADDED, b.taskFuture(t), b.str('gather._done_callback'), -1);
  }
  s.suspend(main, g, 9, [['main', 9, {}]]);
  s.end(h0);
  s.mark('mainSuspended');

  s.iter(2, 0);
  s.start(1);
  s.stepStart(ta, Wake.FIRST);
  s.line(4);
  const sa = s.sleep(ta, 0.2, 4, [['sleeper', 4, { name: "'a'", delay: '0.2' }]]);
  s.end(1);
  s.start(2);
  s.stepStart(tb, Wake.FIRST);
  s.line(4);
  const sb = s.sleep(tb, 0.1, 4, [['sleeper', 4, { name: "'b'", delay: '0.1' }]]);
  s.end(2);
  s.mark('bothSleeping');

  s.iter(0, 2);
  s.clock(0.1);
  s.ready(sb.timer);
  s.mark('bTimerDue');
  s.start(sb.timer);
  s.mark('bTimerFires');
  const doneB = s.done(sb.future, Done.RESULT, 'None');
  const wakeB = s.scheduleStep(tb);
  s.end(sb.timer);

  s.iter(1, 1);
  s.start(wakeB);
  s.stepStart(tb, Wake.FUTURE, doneB);
  s.mark('bResumes');
  s.line(5);
  s.print('b');
  s.line(6);
  s.finish(tb, "'b'", 6);
  const cbB = s.soon('gather._done_callback');
  s.end(wakeB);

  s.iter(1, 1);
  s.start(cbB);
  s.end(cbB);

  s.iter(0, 1);
  s.clock(0.2);
  s.ready(sa.timer);
  s.start(sa.timer);
  const doneA = s.done(sa.future, Done.RESULT, 'None');
  const wakeA = s.scheduleStep(ta);
  s.end(sa.timer);

  s.iter(1, 0);
  s.start(wakeA);
  s.stepStart(ta, Wake.FUTURE, doneA);
  s.line(5);
  s.print('a');
  s.line(6);
  s.finish(ta, "'a'", 6);
  const cbA = s.soon('gather._done_callback');
  s.end(wakeA);

  s.iter(1, 0);
  s.start(cbA);
  const doneG = s.done(g, Done.RESULT, "['a', 'b']");
  const wakeMain = s.scheduleStep(main);
  s.end(cbA);

  s.iter(1, 0);
  s.start(wakeMain);
  s.stepStart(main, Wake.FUTURE, doneG);
  s.mark('mainResumes');
  s.line(10);
  s.print("['a', 'b']");
  s.finish(main, 'None', 10);
  s.end(wakeMain);
  return { trace: s.runEnd(), marks: s.marks };
}

export const CANCEL_SOURCE = `import asyncio

async def worker(name, delay):
    print(f"{name} start")
    await asyncio.sleep(delay)
    print(f"{name} done")
    return name

async def main():
    alpha = asyncio.create_task(worker("alpha", 0.3), name="alpha")
    beta = asyncio.create_task(worker("beta", 0.1), name="beta")
    await asyncio.sleep(0.2)
    alpha.cancel()
    try:
        await alpha
    except asyncio.CancelledError:
        print("alpha was cancelled")
    print(await beta)

asyncio.run(main())
`;

/** main starts alpha (0.3 s) and beta (0.1 s), sleeps 0.2 s, then cancels alpha. */
export function cancelTrace(): { trace: TraceColumns; marks: Record<string, number> } {
  const s = new LoopScript(CANCEL_SOURCE);
  const b = s.b;
  const main = s.createTask('main', 'main()', 20);
  s.iter(1, 0);
  s.start(0);
  s.stepStart(main, Wake.FIRST);
  s.line(10);
  const alpha = s.createTask('alpha', 'worker()', 10);
  s.line(11);
  const beta = s.createTask('beta', 'worker()', 11);
  s.line(12);
  const locals = { alpha: '<Task alpha>', beta: '<Task beta>' };
  const sm = s.sleep(main, 0.2, 12, [['main', 12, locals]]);
  s.end(0);

  s.iter(2, 1);
  const sleeps = (
    [
      [alpha, 1, 'alpha', 0.3],
      [beta, 2, 'beta', 0.1],
    ] as const
  ).map(([t, h, name, delay]) => {
    s.start(h);
    s.stepStart(t, Wake.FIRST);
    s.line(4);
    s.print(`${name} start`);
    s.line(5);
    const sl = s.sleep(t, delay, 5, [['worker', 5, { name: `'${name}'`, delay: String(delay) }]]);
    s.end(h);
    return sl;
  });
  s.mark('allSleeping');
  const { timer: alphaTimer, future: alphaSleep } = sleeps[0];
  const { timer: betaTimer, future: betaSleep } = sleeps[1];

  s.iter(0, 3);
  s.clock(0.1);
  s.ready(betaTimer);
  s.start(betaTimer);
  const doneBeta = s.done(betaSleep, Done.RESULT, 'None');
  const wakeBeta = s.scheduleStep(beta);
  s.end(betaTimer);

  s.iter(1, 2);
  s.start(wakeBeta);
  s.stepStart(beta, Wake.FUTURE, doneBeta);
  s.mark('betaResumes');
  s.line(6);
  s.print('beta done');
  s.line(7);
  s.finish(beta, "'beta'", 7);
  s.end(wakeBeta);

  s.iter(0, 2);
  s.clock(0.2);
  s.ready(sm.timer);
  s.start(sm.timer);
  const doneMainSleep = s.done(sm.future, Done.RESULT, 'None');
  const wakeMain = s.scheduleStep(main);
  s.end(sm.timer);

  s.iter(1, 1);
  s.start(wakeMain);
  s.stepStart(main, Wake.FUTURE, doneMainSleep);
  s.line(13);
  const cancelEv = b.emit(K.CANCEL_REQUESTED, b.taskFuture(alpha), -1, 1, 13);
  s.mark('cancel');
  b.emit(K.FUTURE_DONE, alphaSleep, Done.CANCELLED, -1, 13);
  const wakeAlpha = s.scheduleStep(alpha, 13);
  s.line(15);
  s.suspend(main, b.taskFuture(alpha), 15, [['main', 15, locals]]);
  s.end(wakeMain);
  s.mark('mainAwaitsAlpha');

  s.iter(1, 1);
  s.start(wakeAlpha);
  s.stepStart(alpha, Wake.CANCEL, cancelEv);
  s.mark('alphaCancelStep');
  b.at(undefined, alpha, 5);
  b.emit(K.CANCEL_DELIVERED, alpha, 0, 0, 5);
  b.emit(K.HANDLE_CANCELLED, alphaTimer, 0, 0, 5);
  b.emit(K.TASK_STEP_END, alpha, Step.CANCELLED, -1, 5);
  s.mark('alphaCancelled');
  const doneAlpha = b.emit(K.FUTURE_DONE, b.taskFuture(alpha), Done.CANCELLED, -1, 5);
  const wakeMain2 = s.scheduleStep(main);
  s.end(wakeAlpha);

  s.iter(1, 0);
  s.start(wakeMain2);
  s.stepStart(main, Wake.FUTURE, doneAlpha);
  s.line(16);
  s.line(17);
  s.print('alpha was cancelled');
  s.line(18);
  s.print('beta');
  s.finish(main, 'None', 18);
  s.end(wakeMain2);
  return { trace: s.runEnd(), marks: s.marks };
}

export const LOCK_SOURCE = `import asyncio

async def use(lock, name):
    async with lock:
        await asyncio.sleep(0.1)
    return name

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(use(lock, "x"), use(lock, "y"))

asyncio.run(main())
`;

/** Two tasks take turns holding one Lock. */
export function lockTrace(): { trace: TraceColumns; marks: Record<string, number> } {
  const s = new LoopScript(LOCK_SOURCE);
  const b = s.b;
  const main = s.createTask('main', 'main()', 12);
  s.iter(1, 0);
  s.start(0);
  s.stepStart(main, Wake.FIRST);
  s.line(9);
  const lock = b.resource(ResourceKind.LOCK, 'lock', 9);
  b.emit(K.RESOURCE_CREATED, lock, 0, 0, 9);
  s.line(10);
  const x = s.createTask('x', 'use()', 10);
  const y = s.createTask('y', 'use()', 10);
  const g = b.future(FutureKind.GATHER, null, main, 10);
  b.emit(K.FUTURE_CREATED, g);
  for (const t of [x, y]) {
    b.emit(K.AWAIT_EDGE, g, b.taskFuture(t), Edge.GATHER);
    b.emit(K.FUTURE_CALLBACK_ADDED, b.taskFuture(t), b.str('gather._done_callback'), -1);
  }
  s.suspend(main, g, 10, [['main', 10, { lock: '<Lock unlocked>' }]]);
  s.end(0);

  s.iter(2, 0);
  s.start(1);
  s.stepStart(x, Wake.FIRST);
  s.line(4);
  b.emit(K.RESOURCE_ACQUIRED, lock, x, 1);
  s.line(5);
  const sx = s.sleep(x, 0.1, 5, [['use', 5, { name: "'x'" }]]);
  s.end(1);
  s.start(2);
  s.stepStart(y, Wake.FIRST);
  s.line(4);
  const w = b.future(FutureKind.PLAIN, 'Lock waiter', y, 4);
  b.emit(K.FUTURE_CREATED, w);
  b.emit(K.RESOURCE_WAIT, lock, y, w);
  s.suspend(y, w, 4, [['use', 4, { name: "'y'" }]]);
  s.end(2);
  s.mark('yWaits');

  s.iter(0, 1);
  s.clock(0.1);
  s.ready(sx.timer);
  s.start(sx.timer);
  const doneX = s.done(sx.future, Done.RESULT, 'None');
  const wakeX = s.scheduleStep(x);
  s.end(sx.timer);

  s.iter(1, 0);
  s.start(wakeX);
  s.stepStart(x, Wake.FUTURE, doneX);
  s.line(4);
  b.emit(K.RESOURCE_RELEASED, lock, x, 0);
  s.mark('xReleases');
  const doneW = b.emit(K.FUTURE_DONE, w, Done.RESULT, b.str('True'));
  b.emit(K.RESOURCE_WAKE, lock, y);
  const wakeY = s.scheduleStep(y);
  s.line(6);
  s.finish(x, "'x'", 6);
  const cbX = s.soon('gather._done_callback');
  s.end(wakeX);

  s.iter(2, 0);
  s.start(wakeY);
  s.stepStart(y, Wake.FUTURE, doneW);
  s.mark('yResumes');
  b.emit(K.RESOURCE_ACQUIRED, lock, y, 1);
  s.mark('yAcquires');
  s.line(5);
  const sy = s.sleep(y, 0.1, 5, [['use', 5, { name: "'y'" }]]);
  s.end(wakeY);
  s.start(cbX);
  s.end(cbX);

  s.iter(0, 1);
  s.clock(0.2);
  s.ready(sy.timer);
  s.start(sy.timer);
  const doneY = s.done(sy.future, Done.RESULT, 'None');
  const wakeY2 = s.scheduleStep(y);
  s.end(sy.timer);

  s.iter(1, 0);
  s.start(wakeY2);
  s.stepStart(y, Wake.FUTURE, doneY);
  s.line(4);
  b.emit(K.RESOURCE_RELEASED, lock, y, 0);
  s.line(6);
  s.finish(y, "'y'", 6);
  const cbY = s.soon('gather._done_callback');
  s.end(wakeY2);

  s.iter(1, 0);
  s.start(cbY);
  const doneG = s.done(g, Done.RESULT, "['x', 'y']");
  const wakeMain = s.scheduleStep(main);
  s.end(cbY);

  s.iter(1, 0);
  s.start(wakeMain);
  s.stepStart(main, Wake.FUTURE, doneG);
  s.finish(main, 'None', 10);
  s.end(wakeMain);
  return { trace: s.runEnd(), marks: s.marks };
}
