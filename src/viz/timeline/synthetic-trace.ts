/**
 * A synthetic trace shaped like a real asyncio run (main spawns N tasks; each sleeps a few times,
 * prints now and then, and returns; some are cancelled; one blocking call; one worker thread),
 * event by event in the order the tracer writes them. It feeds the timeline's tests and its
 * 10,000-lane / 1,000,000-event benchmark without running Python.
 */
import type { TraceColumns } from '../../trace/schema';
import {
  Done,
  EventKind,
  FutureKind,
  HandleKind,
  ResourceKind,
  SCHEMA_VERSION,
  Step,
  Wake,
} from '../../trace/schema';

export interface SyntheticOptions {
  /** Tasks besides main. */
  tasks: number;
  /** Approximate number of events wanted; the number of awaits per task follows from it. */
  events: number;
  seed?: number;
  /** Every n-th task is cancelled by main (0: none). */
  cancelEvery?: number;
}

/** Small deterministic PRNG (mulberry32), so traces are reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticTrace(opts: SyntheticOptions): TraceColumns {
  const rand = rng(opts.seed ?? 1);
  const T = opts.tasks + 1; // task 0 is main
  const stepsPerTask = Math.max(1, Math.round(opts.events / (T * 12)));
  const cap = Math.ceil(opts.events * 1.3) + T * 40 + 1000;
  const kind = new Uint8Array(cap);
  const time = new Float64Array(cap);
  const task = new Int32Array(cap);
  const line = new Int32Array(cap);
  const a = new Int32Array(cap);
  const b = new Int32Array(cap);
  const c = new Int32Array(cap);
  let n = 0;
  let now = 0;
  let cur = -1;
  const emit = (k: number, ea = 0, eb = 0, ec = 0, ln = 0) => {
    kind[n] = k;
    time[n] = now;
    task[n] = cur;
    line[n] = ln;
    a[n] = ea;
    b[n] = eb;
    c[n] = ec;
    return n++;
  };

  const strings: string[] = [];
  const intern = new Map<string, number>();
  const s = (text: string) => {
    let i = intern.get(text);
    if (i === undefined) {
      i = strings.length;
      strings.push(text);
      intern.set(text, i);
    }
    return i;
  };

  const hKind: number[] = [];
  const hWhen: number[] = [];
  const hDescr: number[] = [];
  const hTask: number[] = [];
  const newHandle = (k: number, when: number, descr: string, t: number) => {
    hKind.push(k);
    hWhen.push(when);
    hDescr.push(s(descr));
    hTask.push(t);
    return hKind.length - 1;
  };
  const fKind: number[] = [];
  const fLabel: number[] = [];
  const fOwner: number[] = [];
  const fTask: number[] = [];
  const newFuture = (k: number, label: string, owner: number, t: number) => {
    fKind.push(k);
    fLabel.push(s(label));
    fOwner.push(owner);
    fTask.push(t);
    return fKind.length - 1;
  };
  const taskFuture = new Int32Array(T);
  const taskName = new Int32Array(T);
  const taskCoro = new Int32Array(T);
  const taskParent = new Int32Array(T).fill(-1);
  const taskLine = new Int32Array(T);

  // Resources: a worker thread and a connection.
  const resources = {
    kind: new Uint8Array([ResourceKind.WORKER, ResourceKind.CONNECTION]),
    name: new Int32Array([s('worker-0'), s('db:5432')]),
    line: new Int32Array([0, 0]),
    capacity: new Int32Array([0, 0]),
  };

  // Per task: remaining steps, the handle of its next step, the FUTURE_DONE that woke it.
  const remaining = new Int32Array(T);
  const stepHandle = new Int32Array(T).fill(-1);
  const wakeCause = new Int32Array(T).fill(-1);
  const cancelled = new Uint8Array(T);
  const sleepFuture = new Int32Array(T).fill(-1);
  // Ready queue (handle ids) and timers bucketed by round.
  let ready: number[] = [];
  const timers = new Map<number, number[]>();
  const timerTask = new Map<number, number>(); // timer handle -> task whose sleep it ends
  const ROUND = 0.001;
  let round = 0;
  let iter = 0;
  let workerDone = false;

  const createTask = (t: number, parent: number) => {
    taskFuture[t] = newFuture(FutureKind.TASK, t === 0 ? 'main' : `worker-${t}`, parent, t);
    taskName[t] = s(t === 0 ? 'main' : `worker-${t}`);
    taskCoro[t] = s(t === 0 ? 'main()' : `fetch(${t})`);
    taskParent[t] = parent;
    taskLine[t] = t === 0 ? 20 : 9;
    emit(EventKind.FUTURE_CREATED, taskFuture[t]);
    emit(EventKind.TASK_CREATED, t, 0, 0, taskLine[t]);
    const h = newHandle(HandleKind.SOON, now, `${t === 0 ? 'main' : `worker-${t}`} step`, t);
    stepHandle[t] = h;
    emit(EventKind.HANDLE_SCHEDULED, h);
    ready.push(h);
    remaining[t] = t === 0 ? 1 : stepsPerTask;
  };

  const runTaskStep = (t: number, h: number) => {
    emit(EventKind.HANDLE_START, h);
    cur = t;
    const wake = wakeCause[t] >= 0 ? (cancelled[t] ? Wake.CANCEL : Wake.FUTURE) : Wake.FIRST;
    emit(EventKind.TASK_STEP_START, t, wake, wakeCause[t]);
    wakeCause[t] = -1;
    emit(EventKind.LINE, 0, 0, 0, 10);
    if (t === 0) {
      // main spawns everyone, blocks the loop once, hands a job to the worker, then waits.
      for (let k = 1; k < T; k++) createTask(k, 0);
      emit(EventKind.LOOP_BLOCKED, 20000, s('time.sleep(0.02)'), 0, 14);
      now += 0.02;
      emit(EventKind.WORKER_START, 0, s('hash_file()'), -1, 15);
      emit(EventKind.NET_CONNECT, 1, s('db:5432'), 0, 16);
      emit(EventKind.STDOUT, s('spawned all workers\n'), 0, 0, 17);
      emit(EventKind.TASK_STEP_END, 0, Step.RETURNED, s('None'));
      emit(EventKind.FUTURE_DONE, taskFuture[0], Done.RESULT, s('None'));
      cur = -1;
      emit(EventKind.HANDLE_END, h);
      return;
    }
    if (cancelled[t]) {
      emit(EventKind.CANCEL_DELIVERED, t, 0, 0, 11);
      emit(EventKind.TASK_STEP_END, t, Step.CANCELLED, -1);
      emit(EventKind.FUTURE_DONE, taskFuture[t], Done.CANCELLED, -1);
      cur = -1;
      emit(EventKind.HANDLE_END, h);
      return;
    }
    if (rand() < 0.05) emit(EventKind.STDOUT, s(`worker-${t} step ${remaining[t]}\n`), 0, 0, 12);
    remaining[t]--;
    if (remaining[t] <= 0) {
      const r = s(`${t * 7}`);
      emit(EventKind.TASK_STEP_END, t, Step.RETURNED, r);
      emit(EventKind.FUTURE_DONE, taskFuture[t], Done.RESULT, r);
    } else {
      const f = newFuture(FutureKind.SLEEP, 'sleep', t, -1);
      sleepFuture[t] = f;
      emit(EventKind.FUTURE_CREATED, f, 0, 0, 13);
      const due = round + 1 + Math.floor(rand() * 8);
      const th = newHandle(HandleKind.LATER, due * ROUND, 'sleep timer', -1);
      emit(EventKind.HANDLE_SCHEDULED, th, 0, 0, 13);
      let list = timers.get(due);
      if (!list) timers.set(due, (list = []));
      list.push(th);
      timerTask.set(th, t);
      emit(EventKind.FUTURE_CALLBACK_ADDED, f, s('Task.__wakeup'), t);
      emit(EventKind.TASK_STEP_END, t, Step.SUSPENDED, f, 13);
      // main cancels some tasks while they sleep.
      if (opts.cancelEvery && t % opts.cancelEvery === 0 && remaining[t] === stepsPerTask - 1) {
        cur = -1;
        emit(EventKind.HANDLE_END, h);
        return void cancelLater.push(t);
      }
    }
    cur = -1;
    emit(EventKind.HANDLE_END, h);
  };
  const cancelLater: number[] = [];

  createTask(0, -1);
  const limit = cap - T * 30 - 200;
  while (n < limit) {
    emit(EventKind.LOOP_ITER, iter++, ready.length, timers.size);
    if (ready.length === 0) {
      if (timers.size === 0) break;
      // Jump the clock to the next timer round.
      let next = Infinity;
      for (const r of timers.keys()) if (r < next) next = r;
      round = next;
      // The blocking call moved the clock on; timers that fell due meanwhile fire late.
      now = Math.max(now, round * ROUND);
      emit(EventKind.CLOCK_ADVANCE);
      if (now > 0.05 && !workerDone) {
        workerDone = true;
        emit(EventKind.WORKER_END, 0, 0, -1);
        emit(EventKind.NET_SEND, 1, 42, s('SELECT 1'));
      }
    }
    const due = timers.get(round);
    if (due) {
      timers.delete(round);
      for (const th of due) {
        emit(EventKind.HANDLE_READY, th);
        ready.push(th);
      }
    }
    const batch = ready;
    ready = [];
    for (const h of batch) {
      if (n >= limit) break;
      const t = hTask[h];
      if (t >= 0) {
        runTaskStep(t, h);
        continue;
      }
      // A sleep timer: completes the sleep future, which schedules the task's wake-up.
      const owner = timerTask.get(h) ?? -1;
      emit(EventKind.HANDLE_START, h);
      const fd = emit(EventKind.FUTURE_DONE, sleepFuture[owner], Done.RESULT, -1);
      wakeCause[owner] = fd;
      const wh = newHandle(HandleKind.SOON, now, `worker-${owner} step`, owner);
      emit(EventKind.HANDLE_SCHEDULED, wh);
      ready.push(wh);
      emit(EventKind.HANDLE_END, h);
    }
    // Cancellations requested by main (outside any handle here, for simplicity of the fixture).
    for (const t of cancelLater.splice(0)) {
      cur = 0;
      emit(EventKind.CANCEL_REQUESTED, taskFuture[t], s('stop'), 1, 18);
      cur = -1;
      cancelled[t] = 1;
    }
  }
  emit(EventKind.NET_CLOSE, 1);
  emit(EventKind.RUN_END, 0, -1);

  return {
    version: SCHEMA_VERSION,
    meta: {
      filename: 'synthetic.py',
      source: '',
      pythonVersion: '3.14',
      outcome: 0,
      outcomeDetail: '',
      wallMs: 0,
      options: { synthetic: true },
    },
    strings,
    events: {
      kind: kind.slice(0, n),
      time: time.slice(0, n),
      task: task.slice(0, n),
      line: line.slice(0, n),
      a: a.slice(0, n),
      b: b.slice(0, n),
      c: c.slice(0, n),
    },
    handles: {
      kind: Uint8Array.from(hKind),
      when: Float64Array.from(hWhen),
      descr: Int32Array.from(hDescr),
      task: Int32Array.from(hTask),
      line: new Int32Array(hKind.length),
    },
    futures: {
      kind: Uint8Array.from(fKind),
      label: Int32Array.from(fLabel),
      owner: Int32Array.from(fOwner),
      line: new Int32Array(fKind.length),
      task: Int32Array.from(fTask),
    },
    tasks: {
      future: taskFuture,
      name: taskName,
      coro: taskCoro,
      parent: taskParent,
      line: taskLine,
    },
    resources,
  };
}
