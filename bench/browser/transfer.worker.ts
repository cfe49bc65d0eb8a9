/**
 * The worker half of the transfer benchmark: holds a million-event trace and posts it to the page
 * in a real `run-result` message (protocol.ts), either transferring the column buffers as
 * pyodide.worker.ts does, or cloning them (the baseline).
 */
import { transferables } from '../../src/runtime/engine';
import { make } from '../../src/runtime/protocol';
import type { Reply } from '../../src/runtime/protocol';
import { Outcome } from '../../src/trace/schema';
import type { TraceColumns } from '../../src/trace/schema';
import { syntheticTrace } from '../../src/trace/synthetic';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let master: TraceColumns | null = null;

/** A fresh copy of every column, so each round has buffers to give away. */
function copy(trace: TraceColumns): TraceColumns {
  const out = { ...trace } as unknown as Record<string, unknown>;
  for (const group of ['events', 'handles', 'futures', 'tasks', 'resources'] as const) {
    const cols: Record<string, ArrayBufferView> = {};
    for (const [name, col] of Object.entries(trace[group]) as [string, Uint8Array][]) {
      cols[name] = col.slice();
    }
    out[group] = cols;
  }
  return out as unknown as TraceColumns;
}

scope.onmessage = (event: MessageEvent<{ op: string; tasks?: number; sleeps?: number }>) => {
  const { op } = event.data;
  if (op === 'make') {
    master = syntheticTrace({ tasks: event.data.tasks, sleeps: event.data.sleeps });
    scope.postMessage({ op: 'made', events: master.events.kind.length });
    return;
  }
  if (!master) throw new Error('transfer worker: no trace yet');
  const trace = copy(master);
  const msg = make<Reply>({
    type: 'run-result',
    id: 1,
    result: {
      trace,
      stdout: 'done\n',
      stderr: '',
      outcome: Outcome.OK,
      outcomeDetail: '',
      exitCode: 0,
      stats: { events: trace.events.kind.length, tasks: 0, virtualTime: 0, wallMs: 0, outcome: 0 },
      outputTruncated: false,
    },
  });
  // An absolute clock: the worker's performance.now() counts from its own time origin.
  const sentAt = performance.timeOrigin + performance.now();
  if (op === 'transfer') scope.postMessage({ op, sentAt, msg }, transferables(trace));
  else scope.postMessage({ op, sentAt, msg });
};
