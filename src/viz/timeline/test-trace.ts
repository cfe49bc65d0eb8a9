/**
 * A small hand-written trace for the timeline's unit tests: main starts `worker`, the worker
 * sleeps until t=0.5 s, blocks the loop for 0.1 s, returns 42, and main then raises. Every step
 * index below is asserted on by the tests, so keep them in sync with the comments.
 */
import type { TraceColumns } from '../../trace/schema';
import { Done, EventKind as K, HandleKind, SCHEMA_VERSION, Step, Wake } from '../../trace/schema';

type Row = [kind: number, time: number, task: number, a?: number, b?: number, c?: number];

export const STR = {
  hello: 0,
  ret: 1,
  err: 2,
  blocking: 3,
  tb: 4,
  type: 5,
  main: 6,
  worker: 7,
  mainCoro: 8,
  workerCoro: 9,
  sleep: 10,
};

export function tinyTrace(): TraceColumns {
  const rows: Row[] = [
    [K.TASK_CREATED, 0, -1, 0], // 0
    [K.HANDLE_SCHEDULED, 0, -1, 0], // 1 h0 = main step
    [K.LOOP_ITER, 0, -1, 0], // 2
    [K.HANDLE_START, 0, -1, 0], // 3
    [K.TASK_STEP_START, 0, 0, 0, Wake.FIRST, -1], // 4
    [K.TASK_CREATED, 0, 0, 1], // 5
    [K.HANDLE_SCHEDULED, 0, 0, 1], // 6 h1 = worker step
    [K.STDOUT, 0, 0, STR.hello], // 7
    [K.TASK_STEP_END, 0, 0, 0, Step.SUSPENDED, 1], // 8 main awaits worker (future 1)
    [K.HANDLE_END, 0, -1, 0], // 9
    [K.LOOP_ITER, 0, -1, 1], // 10
    [K.HANDLE_START, 0, -1, 1], // 11
    [K.TASK_STEP_START, 0, 1, 1, Wake.FIRST, -1], // 12
    [K.HANDLE_SCHEDULED, 0, 1, 2], // 13 h2 = sleep timer
    [K.TASK_STEP_END, 0, 1, 1, Step.SUSPENDED, 2], // 14 worker awaits sleep (future 2)
    [K.HANDLE_END, 0, -1, 1], // 15
    [K.LOOP_ITER, 0, -1, 2], // 16
    [K.CLOCK_ADVANCE, 0.5, -1], // 17
    [K.HANDLE_READY, 0.5, -1, 2], // 18
    [K.HANDLE_START, 0.5, -1, 2], // 19
    [K.FUTURE_DONE, 0.5, -1, 2, Done.RESULT, -1], // 20
    [K.HANDLE_SCHEDULED, 0.5, -1, 3], // 21 h3 = worker wake-up
    [K.HANDLE_END, 0.5, -1, 2], // 22
    [K.LOOP_ITER, 0.5, -1, 3], // 23
    [K.HANDLE_START, 0.5, -1, 3], // 24
    [K.TASK_STEP_START, 0.5, 1, 1, Wake.FUTURE, 20], // 25
    [K.LOOP_BLOCKED, 0.5, 1, 100000, STR.blocking], // 26
    [K.TASK_STEP_END, 0.6, 1, 1, Step.RETURNED, STR.ret], // 27
    [K.FUTURE_DONE, 0.6, 1, 1, Done.RESULT, STR.ret], // 28
    [K.HANDLE_SCHEDULED, 0.6, 1, 4], // 29 h4 = main wake-up
    [K.HANDLE_END, 0.6, -1, 3], // 30
    [K.LOOP_ITER, 0.6, -1, 4], // 31
    [K.HANDLE_START, 0.6, -1, 4], // 32
    [K.TASK_STEP_START, 0.6, 0, 0, Wake.FUTURE, 28], // 33
    [K.TASK_STEP_END, 0.6, 0, 0, Step.RAISED, STR.err], // 34
    [K.HANDLE_END, 0.6, -1, 4], // 35
    [K.EXCEPTION, 0.6, -1, STR.tb, STR.type], // 36
    [K.RUN_END, 0.6, -1, 1, -1], // 37
  ];
  const n = rows.length;
  const ev = {
    kind: new Uint8Array(n),
    time: new Float64Array(n),
    task: new Int32Array(n),
    line: new Int32Array(n),
    a: new Int32Array(n),
    b: new Int32Array(n),
    c: new Int32Array(n),
  };
  rows.forEach(([k, t, task, a = 0, b = 0, c = 0], i) => {
    ev.kind[i] = k;
    ev.time[i] = t;
    ev.task[i] = task;
    ev.a[i] = a;
    ev.b[i] = b;
    ev.c[i] = c;
  });
  return {
    version: SCHEMA_VERSION,
    meta: {
      filename: 'main.py',
      source: '',
      pythonVersion: '3.14',
      outcome: 1,
      outcomeDetail: 'ValueError',
      wallMs: 1,
      options: {},
    },
    strings: [
      'hello\n',
      '42',
      'ValueError: boom',
      'time.sleep(0.1)',
      'Traceback …',
      'ValueError',
      'main',
      'worker',
      'main()',
      'worker()',
      'sleep(0.5)',
    ],
    events: ev,
    handles: {
      kind: new Uint8Array([
        HandleKind.SOON,
        HandleKind.SOON,
        HandleKind.LATER,
        HandleKind.SOON,
        HandleKind.SOON,
      ]),
      when: new Float64Array([0, 0, 0.5, 0.5, 0.6]),
      descr: new Int32Array([-1, -1, -1, -1, -1]),
      task: new Int32Array([0, 1, -1, 1, 0]),
      line: new Int32Array(5),
    },
    futures: {
      kind: new Uint8Array([1, 1, 4]),
      label: new Int32Array([STR.main, STR.worker, STR.sleep]),
      owner: new Int32Array([-1, 0, 1]),
      line: new Int32Array(3),
      task: new Int32Array([0, 1, -1]),
    },
    tasks: {
      future: new Int32Array([0, 1]),
      name: new Int32Array([STR.main, STR.worker]),
      coro: new Int32Array([STR.mainCoro, STR.workerCoro]),
      parent: new Int32Array([-1, 0]),
      line: new Int32Array([0, 0]),
    },
    resources: {
      kind: new Uint8Array(0),
      name: new Int32Array(0),
      line: new Int32Array(0),
      capacity: new Int32Array(0),
    },
  };
}
