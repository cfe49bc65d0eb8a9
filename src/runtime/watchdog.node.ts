/**
 * The wall-time budget for code that gives the engine no chance to check it, in Node (the CLI).
 *
 * The engine checks its budgets from the loop and from each traced line. A `--no-trace` run
 * stuck in `while True: n += 1` passes neither, and Node cannot run a timer while Python holds
 * the thread. So a worker thread waits out the budget and then raises SIGINT through Pyodide's
 * interrupt buffer, which the interpreter checks between bytecodes; the engine's SIGINT handler
 * sees the wall-time budget spent and ends the run as `wall-time limit reached`, keeping its
 * output and trace. (The page does the same with its own Stop button and budget timer.)
 */
import { Worker } from 'node:worker_threads';
import type { PyodideAPI } from 'pyodide';

/** Seconds after the budget before the watchdog interrupts: the engine's own check goes first. */
export const GRACE_SECONDS = 1;

// The worker: wait for `done` (or the deadline), then store SIGINT (2) in the interrupt buffer.
const WAITER = `
const { workerData } = require('node:worker_threads');
const [interrupt, done, ms] = workerData;
if (Atomics.wait(done, 0, 0, ms) === 'timed-out') Atomics.store(interrupt, 0, 2);
`;

export interface Watchdog {
  /** The run ended: the worker stops waiting and the interpreter's interrupt buffer is reset. */
  stop(): Promise<void>;
}

export function startWatchdog(pyodide: PyodideAPI, budgetSeconds: number): Watchdog {
  const interrupt = new Int32Array(new SharedArrayBuffer(4));
  const done = new Int32Array(new SharedArrayBuffer(4));
  pyodide.setInterruptBuffer(interrupt);
  const ms = Math.max(0, (budgetSeconds + GRACE_SECONDS) * 1000);
  const worker = new Worker(WAITER, { eval: true, workerData: [interrupt, done, ms] });
  worker.unref();
  return {
    async stop() {
      Atomics.store(done, 0, 1);
      Atomics.notify(done, 0);
      await worker.terminate();
      Atomics.store(interrupt, 0, 0);
    },
  };
}
