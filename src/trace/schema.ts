/**
 * The trace schema, TypeScript side. It mirrors src/python/loopscope/schema.py number for
 * number; schema.test.ts parses the Python file and fails if the two drift.
 * docs/trace-format.md explains every field.
 */

export const SCHEMA_VERSION = 1;

/** Event kinds. Arguments (a, b, c) per kind are documented in schema.py and the format doc. */
export const EventKind = {
  LOOP_ITER: 1,
  CLOCK_ADVANCE: 2,
  HANDLE_SCHEDULED: 3,
  HANDLE_READY: 4,
  HANDLE_START: 5,
  HANDLE_END: 6,
  HANDLE_CANCELLED: 7,
  LOOP_BLOCKED: 8,
  HANDLE_DROPPED: 9,
  TASK_CREATED: 10,
  TASK_STEP_START: 11,
  TASK_STEP_END: 12,
  AWAIT_CHAIN: 13,
  FUTURE_CREATED: 20,
  FUTURE_DONE: 21,
  FUTURE_CALLBACK_ADDED: 22,
  FUTURE_CALLBACK_REMOVED: 23,
  AWAIT_EDGE: 24,
  CANCEL_REQUESTED: 30,
  CANCEL_DELIVERED: 31,
  UNCANCEL: 32,
  RESOURCE_CREATED: 40,
  RESOURCE_ACQUIRED: 41,
  RESOURCE_RELEASED: 42,
  RESOURCE_WAIT: 43,
  RESOURCE_WAKE: 44,
  RESOURCE_VALUE: 45,
  LINE: 50,
  STDOUT: 60,
  STDERR: 61,
  EXCEPTION: 62,
  WARNING: 63,
  NET_LISTEN: 70,
  NET_CONNECT: 71,
  NET_ACCEPT: 72,
  NET_SEND: 73,
  NET_RECV: 74,
  NET_CLOSE: 75,
  WORKER_START: 80,
  WORKER_END: 81,
  RUN_END: 90,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** TASK_STEP_START.b: why a task step started. */
export const Wake = { FIRST: 0, FUTURE: 1, CANCEL: 2, YIELD: 3 } as const;
/** TASK_STEP_END.b: how a task step ended. */
export const Step = { SUSPENDED: 0, RETURNED: 1, RAISED: 2, CANCELLED: 3 } as const;
/** FUTURE_DONE.b */
export const Done = { RESULT: 0, EXCEPTION: 1, CANCELLED: 2 } as const;
/** AWAIT_EDGE.c */
export const Edge = { AWAIT: 0, GATHER: 1, TASKGROUP: 2, SHIELD: 3, WAIT: 4 } as const;
/** HANDLE_DROPPED.b: where the handle was waiting when loop.close() discarded it. */
export const Dropped = { TIMER: 0, READY: 1 } as const;
/** handles.kind */
export const HandleKind = { SOON: 0, LATER: 1, AT: 2, THREADSAFE: 3 } as const;
/** futures.kind */
export const FutureKind = {
  PLAIN: 0,
  TASK: 1,
  GATHER: 2,
  SHIELD: 3,
  SLEEP: 4,
  EXECUTOR: 5,
  /** What the task owning a TaskGroup awaits at the end of `async with`: the group's tasks. */
  TASKGROUP: 6,
  /**
   * What a task parks on inside a method of a queue, a connection or a server (join, readline,
   * drain, wait_closed, serve_forever...): the label is the method, RESOURCE_WAIT the resource.
   */
  CALL: 7,
} as const;
/** resources.kind */
export const ResourceKind = {
  LOCK: 0,
  EVENT: 1,
  CONDITION: 2,
  SEMAPHORE: 3,
  BOUNDED_SEMAPHORE: 4,
  BARRIER: 5,
  QUEUE: 6,
  SERVER: 7,
  CONNECTION: 8,
  WORKER: 9,
} as const;
/** WARNING.a */
export const Warn = {
  NEVER_AWAITED: 0,
  EXCEPTION_NOT_RETRIEVED: 1,
  TASK_DESTROYED_PENDING: 2,
  BLOCKING_CALL: 3,
  DEADLOCK: 4,
  LEGACY: 5,
  OUTPUT_TRUNCATED: 6,
  /** Any other Python warning (warnings module, asyncio's exception handler). */
  PYTHON: 7,
} as const;
/** RUN_END.a */
export const Outcome = {
  OK: 0,
  EXCEPTION: 1,
  DEADLOCK: 2,
  LIMIT_EVENTS: 3,
  LIMIT_VIRTUAL_TIME: 4,
  LIMIT_WALL_TIME: 5,
  INTERRUPTED: 6,
  SYNTAX_ERROR: 7,
} as const;

/**
 * A trace as it crosses from the worker to the page: columns in typed arrays (transferred, not
 * cloned) and a string table. Every `*Str` / name / label / descr field is an index into
 * `strings`, -1 meaning none.
 */
export interface TraceColumns {
  version: number;
  /** Run facts: outcome, budgets used, Python version, options. */
  meta: TraceMeta;
  strings: string[];
  events: {
    kind: Uint8Array;
    /** Virtual clock in seconds. */
    time: Float64Array;
    /** Task running when the event happened, -1 for none. */
    task: Int32Array;
    /** User-code line, 0 for none. */
    line: Int32Array;
    a: Int32Array;
    b: Int32Array;
    c: Int32Array;
  };
  handles: {
    kind: Uint8Array;
    when: Float64Array;
    descr: Int32Array;
    /** The task whose step this handle runs, -1 when it is not a task step. */
    task: Int32Array;
    line: Int32Array;
  };
  futures: {
    kind: Uint8Array;
    label: Int32Array;
    /** Task that created it, -1 for none. */
    owner: Int32Array;
    line: Int32Array;
    /** For task futures, the task id; else -1. */
    task: Int32Array;
  };
  tasks: {
    future: Int32Array;
    name: Int32Array;
    coro: Int32Array;
    parent: Int32Array;
    line: Int32Array;
  };
  resources: {
    kind: Uint8Array;
    name: Int32Array;
    line: Int32Array;
    capacity: Int32Array;
  };
}

export interface TraceMeta {
  /** Name of the user's file as shown in tracebacks (default "main.py"). */
  filename: string;
  source: string;
  pythonVersion: string;
  outcome: number;
  outcomeDetail: string;
  wallMs: number;
  /** Options the run was made with (budgets, latency, seed). */
  options: Record<string, unknown>;
}
