/**
 * Hand-built view states for unit tests and the static preview of the panels. They follow the
 * cancellation example: main starts alpha and beta, sleeps, then cancels alpha.
 */
import { emptyState as emptyStateOfTrace } from '../trace/index';
import { CANCEL_SOURCE } from '../trace/samples';
import type { TraceState } from '../trace/types';

/** The program these states describe: the trace model's cancellation sample. */
export const FIXTURE_SOURCE = CANCEL_SOURCE;

/** main is running line 13 (alpha.cancel()); alpha sleeps until 0.3; beta is done. */
export const cancelState: TraceState = {
  step: 57,
  time: 0.2,
  iteration: 6,
  ready: [
    { id: 14, kind: 'soon', label: 'future callback', when: 0.2, task: -1, line: 0 },
    { id: 15, kind: 'soon', label: 'user callback `stage2`', when: 0.2, task: -1, line: 0 },
  ],
  timers: [{ id: 9, kind: 'later', label: 'alpha step (sleep 0.3)', when: 0.3, task: 1, line: 5 }],
  running: { id: 13, kind: 'later', label: 'main step', when: 0.2, task: 0, line: 12 },
  changed: { ready: [15], timers: [], tasks: [0] },
  tasks: [
    {
      id: 0,
      future: 0,
      name: 'main',
      coro: 'main()',
      state: 'running',
      awaiting: null,
      chain: [{ func: 'main', line: 13, locals: { alpha: '<Task alpha>', beta: '<Task beta>' } }],
      createdLine: 20,
      parent: -1,
      cancelling: 0,
      outcome: null,
    },
    {
      id: 1,
      future: 1,
      name: 'alpha',
      coro: 'worker()',
      state: 'suspended',
      awaiting: { text: 'sleep until t=0.30 s', future: 5, resource: -1 },
      chain: [
        { func: 'worker', line: 5, locals: { name: "'alpha'", delay: '0.3' } },
        { func: 'sleep', line: 0, locals: {} },
      ],
      createdLine: 10,
      parent: 0,
      cancelling: 0,
      outcome: null,
    },
    {
      id: 2,
      future: 2,
      name: 'beta',
      coro: 'worker()',
      state: 'done',
      awaiting: null,
      chain: [],
      createdLine: 11,
      parent: 0,
      cancelling: 0,
      outcome: "'beta'",
    },
    {
      id: 3,
      future: 7,
      name: 'reader',
      coro: 'reader()',
      state: 'suspended',
      awaiting: { text: 'Lock `db`', future: 8, resource: 0 },
      chain: [{ func: 'reader', line: 15, locals: { rows: '[]' } }],
      createdLine: 11,
      parent: 0,
      cancelling: 0,
      outcome: null,
    },
  ],
  futures: [
    {
      id: 5,
      kind: 'sleep',
      label: 'sleep(0.3)',
      state: 'pending',
      callbacks: ['task wakeup'],
      awaiters: [1],
      outcome: null,
      owner: 1,
      line: 5,
    },
    {
      id: 2,
      kind: 'task',
      label: 'task beta',
      state: 'done',
      callbacks: [],
      awaiters: [],
      outcome: "'beta'",
      owner: 0,
      line: 11,
    },
  ],
  resources: [
    { id: 0, kind: 'lock', name: 'db', holders: [0], waiters: [3], value: 0, capacity: 1, line: 2 },
    {
      id: 1,
      kind: 'queue',
      name: 'jobs',
      holders: [],
      waiters: [],
      value: 2,
      capacity: 5,
      line: 3,
    },
  ],
  outputCount: 3,
  currentTask: 0,
  currentLine: 13,
  warnings: [
    {
      kind: 'blocking-call',
      message: 'time.sleep(0.5) blocked the loop for 0.500 s',
      line: 7,
      step: 40,
    },
  ],
  explanation:
    'main called alpha.cancel() at line 13: CancelledError will be thrown into alpha at its await on line 5',
};

/** The empty state before anything ran: every panel must render it without special cases. */
export const emptyState: TraceState = emptyStateOfTrace();
