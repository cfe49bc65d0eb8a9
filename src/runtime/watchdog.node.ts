/**
 * The wall-time budget for code that gives the engine no chance to check it, in Node (the CLI).
 *
 * The engine checks its budgets from the loop and from each traced line. A `--no-trace` run
 * stuck in `while True: n += 1` passes neither, and Node cannot run a timer while Python holds
 * the thread. So a worker thread waits out the budget, counted from the program's first line,
 * and then raises WATCHDOG_SIGNAL through Pyodide's interrupt buffer, which the interpreter checks
 * between bytecodes; the engine's handler ends the run as `wall-time limit reached`, keeping its
 * output and trace.
 *
 * It raises the signal again every RETRY_MS until the run ends: one raised inside code that
 * swallows exceptions (a weakref callback) is not the last chance. The engine ignores it outside
 * the program's part of the run. (The page's Stop button raises SIGINT, through its own buffer;
 * the page's watchdog is in runtime-client.ts.)
 */
import { Worker } from 'node:worker_threads';
import type { PyodideAPI } from 'pyodide';
import { WATCHDOG_GRACE_SECONDS, WATCHDOG_RETRY_MS, WATCHDOG_SIGNAL } from './protocol';

/** Seconds after the budget before the watchdog interrupts: the engine's own check goes first. */
export const GRACE_SECONDS = WATCHDOG_GRACE_SECONDS;

/** SIGXCPU, "CPU time limit exceeded": the engine's `_signals.WATCHDOG_SIGNAL`. */
export { WATCHDOG_SIGNAL };

/** Milliseconds between the watchdog's interrupts once the budget is spent. */
export const RETRY_MS = WATCHDOG_RETRY_MS;

// The worker. `state` is 0 until the run starts, 1 while it runs, 2 once it has ended: wait for
// the start, then for the end or the deadline, then store the signal until the end.
const WAITER = `
const { workerData } = require('node:worker_threads');
const [interrupt, state, ms, signal, retry] = workerData;
while (Atomics.load(state, 0) === 0) Atomics.wait(state, 0, 0);
let wait = ms;
while (Atomics.wait(state, 0, 1, wait) === 'timed-out') {
  Atomics.store(interrupt, 0, signal);
  wait = retry;
}
`;

export interface Watchdog {
  /**
   * The program starts (the engine's `onStart` hook): the budget counts from here, not from the
   * engine's set-up, which on a loaded machine can itself take seconds.
   */
  arm(): void;
  /** The run ended: the worker stops waiting and the interpreter's interrupt buffer is reset. */
  stop(): Promise<void>;
}

export function startWatchdog(
  pyodide: PyodideAPI,
  budgetSeconds: number,
  graceSeconds = GRACE_SECONDS,
  /** The interrupt buffer to share with another writer (the CLI's Ctrl-C); a new one if none. */
  interrupt = new Int32Array(new SharedArrayBuffer(4)),
): Watchdog {
  const state = new Int32Array(new SharedArrayBuffer(4));
  pyodide.setInterruptBuffer(interrupt);
  const ms = Math.max(0, (budgetSeconds + graceSeconds) * 1000);
  const worker = new Worker(WAITER, {
    eval: true,
    workerData: [interrupt, state, ms, WATCHDOG_SIGNAL, RETRY_MS],
  });
  worker.unref();
  const set = (value: number) => {
    Atomics.store(state, 0, value);
    Atomics.notify(state, 0);
  };
  return {
    arm() {
      if (Atomics.load(state, 0) === 0) set(1);
    },
    async stop() {
      set(2);
      await worker.terminate();
      Atomics.store(interrupt, 0, 0);
    },
  };
}
