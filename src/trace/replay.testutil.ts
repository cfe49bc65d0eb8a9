/**
 * Test helper: the obvious way to compute the state, a forward replay that mutates as it goes,
 * written independently of normalize.ts. Tests compare stateAt against it at every step, visiting
 * the steps in a shuffled order, which checks both the index machinery and that a state does not
 * depend on where the viewer came from.
 */
import { expect } from 'vitest';
import { HandleKind, EventKind as K, Step, Done } from './schema';
import { stateAt } from './index';
import type { TraceIndex } from './index';

interface Snapshot {
  ready: number[];
  timers: number[];
  running: number | null;
  tasks: { id: number; state: string; awaiting: number | null; cancelling: number }[];
  resources: { holders: number[]; waiters: number[] }[];
  outputCount: number;
}

const TERMINAL = new Set(['done', 'failed', 'cancelled']);

/** Snapshots after every step (or only the steps `keep` accepts; the others are left empty). */
export function replay(
  index: TraceIndex,
  keep: (step: number) => boolean = () => true,
): Snapshot[] {
  const trace = index.trace;
  const e = trace.events;
  const hd = trace.handles;
  const nt = trace.tasks.future.length;
  const ready: number[] = [];
  const entered = new Set<number>();
  const timers = new Set<number>();
  const schedOrder = new Map<number, number>();
  let running = -1;
  const created = new Array<boolean>(nt).fill(false);
  const state = new Array<string>(nt).fill('pending');
  const awaiting = new Array<number | null>(nt).fill(null);
  const wakes = new Array<number>(nt).fill(0);
  const taskStarted = new Array<boolean>(nt).fill(false);
  const cancelling = new Array<number>(nt).fill(0);
  const nr = trace.resources.kind.length;
  const resCreated = new Array<boolean>(nr).fill(false);
  const holders: number[][] = Array.from({ length: nr }, () => []);
  const waiters: [number, number][][] = Array.from({ length: nr }, () => []);
  const started = new Set<number>();
  const cancelled = new Set<number>();
  let output = 0;
  let open: { stream: number; task: number; lines: number } | null = null;
  let lines = 0;
  const out: Snapshot[] = [];

  const setState = (t: number, s: string) => {
    created[t] = true;
    state[t] = s;
    if (s !== 'suspended') awaiting[t] = null;
  };

  for (let i = 0; i < e.kind.length; i++) {
    const [a, b, c] = [e.a[i], e.b[i], e.c[i]];
    switch (e.kind[i]) {
      case K.HANDLE_SCHEDULED: {
        if (!schedOrder.has(a)) schedOrder.set(a, i);
        const timer = hd.kind[a] === HandleKind.LATER || hd.kind[a] === HandleKind.AT;
        if (timer) timers.add(a);
        else if (!entered.has(a)) {
          entered.add(a);
          ready.push(a);
        }
        const t = hd.task[a];
        if (t >= 0 && !TERMINAL.has(state[t])) {
          wakes[t]++;
          if (state[t] !== 'running') setState(t, 'ready');
        }
        break;
      }
      case K.HANDLE_READY:
        timers.delete(a);
        // asyncio moves a due timer to the ready deque even when it was cancelled and skips it
        // there; a cancelled handle is shown nowhere.
        if (!entered.has(a) && !cancelled.has(a)) {
          entered.add(a);
          ready.push(a);
        }
        break;
      case K.HANDLE_START: {
        const at = ready.indexOf(a);
        if (at >= 0) ready.splice(0, at + 1);
        timers.delete(a);
        started.add(a);
        running = a;
        const t = hd.task[a];
        if (t >= 0 && wakes[t] > 0) wakes[t]--;
        break;
      }
      case K.HANDLE_END:
        if (running === a) running = -1;
        break;
      case K.HANDLE_CANCELLED: {
        cancelled.add(a);
        timers.delete(a);
        const at = ready.indexOf(a);
        if (at >= 0) ready.splice(at, 1);
        const t = hd.task[a];
        if (t >= 0 && !started.has(a) && wakes[t] > 0) wakes[t]--;
        break;
      }
      case K.HANDLE_DROPPED: {
        // loop.close() emptied the heap and the queue: the handle is shown nowhere, and a task
        // whose step it was waits forever (pending if it never ran, else suspended).
        timers.delete(a);
        const at = ready.indexOf(a);
        if (at >= 0) ready.splice(at, 1);
        const t = hd.task[a];
        if (t >= 0 && !started.has(a) && wakes[t] > 0) {
          wakes[t]--;
          if (wakes[t] === 0 && state[t] === 'ready') {
            setState(t, taskStarted[t] ? 'suspended' : 'pending');
          }
        }
        break;
      }
      case K.TASK_CREATED:
        if (!created[a]) setState(a, 'pending');
        break;
      case K.TASK_STEP_START:
        taskStarted[a] = true;
        setState(a, 'running');
        break;
      case K.TASK_STEP_END:
        if (b === Step.SUSPENDED) {
          setState(a, wakes[a] > 0 ? 'ready' : 'suspended');
          if (wakes[a] === 0) awaiting[a] = c;
        } else {
          setState(a, b === Step.RETURNED ? 'done' : b === Step.RAISED ? 'failed' : 'cancelled');
        }
        break;
      case K.FUTURE_DONE: {
        const t = trace.futures.task[a];
        if (t >= 0 && !TERMINAL.has(state[t])) {
          setState(t, b === Done.RESULT ? 'done' : b === Done.EXCEPTION ? 'failed' : 'cancelled');
        }
        for (const list of waiters) {
          const at = list.findIndex(([, f]) => f === a);
          if (at >= 0) list.splice(at, 1);
        }
        break;
      }
      case K.CANCEL_REQUESTED: {
        const t = trace.futures.task[a];
        if (t >= 0) cancelling[t] = c;
        break;
      }
      case K.UNCANCEL:
        cancelling[a] = b;
        break;
      case K.RESOURCE_CREATED:
      case K.RESOURCE_VALUE:
        resCreated[a] = true;
        break;
      case K.RESOURCE_ACQUIRED: {
        resCreated[a] = true;
        const at = waiters[a].findIndex(([t]) => t === b);
        if (at >= 0) waiters[a].splice(at, 1);
        holders[a].push(b);
        break;
      }
      case K.RESOURCE_RELEASED: {
        resCreated[a] = true;
        let at = holders[a].indexOf(b);
        if (at < 0 && holders[a].length) at = 0;
        if (at >= 0) holders[a].splice(at, 1);
        break;
      }
      case K.RESOURCE_WAIT: {
        resCreated[a] = true;
        const at = waiters[a].findIndex(([t]) => t === b);
        if (at >= 0) waiters[a].splice(at, 1);
        waiters[a].push([b, c]);
        break;
      }
      case K.RESOURCE_WAKE: {
        const at = waiters[a].findIndex(([t]) => t === b);
        if (at >= 0) waiters[a].splice(at, 1);
        break;
      }
      case K.LINE:
        lines++;
        break;
      case K.STDOUT:
      case K.STDERR: {
        // A write that continues an unfinished line of the same stream, task and line is part
        // of the same console entry (print writes its text and its newline separately).
        const stream = e.kind[i];
        const continues =
          open !== null &&
          open.stream === stream &&
          open.task === e.task[i] &&
          open.lines === lines;
        if (!continues) output++;
        open = trace.strings[a].endsWith('\n') ? null : { stream, task: e.task[i], lines };
        break;
      }
    }
    if (
      e.kind[i] === K.NET_LISTEN ||
      e.kind[i] === K.NET_CONNECT ||
      e.kind[i] === K.NET_SEND ||
      e.kind[i] === K.NET_RECV ||
      e.kind[i] === K.NET_CLOSE ||
      e.kind[i] === K.WORKER_START
    ) {
      resCreated[a] = true;
    }
    if (e.kind[i] === K.NET_ACCEPT) {
      resCreated[a] = true;
      if (b >= 0) resCreated[b] = true;
    }
    const when = (h: number) => hd.when[h];
    if (!keep(i)) {
      out.length = i + 1;
      continue;
    }
    out[i] = {
      ready: ready.slice(),
      timers: [...timers].sort(
        (x, y) => when(x) - when(y) || schedOrder.get(x)! - schedOrder.get(y)!,
      ),
      running: running >= 0 ? running : null,
      tasks: state
        .map((s, t) => ({
          id: t,
          state: !TERMINAL.has(s) && s !== 'running' && cancelling[t] > 0 ? 'cancelling' : s,
          awaiting: s === 'suspended' ? awaiting[t] : null,
          cancelling: cancelling[t],
        }))
        .filter((t) => created[t.id]),
      resources: holders
        .map((h, r) => ({ holders: h.slice(), waiters: waiters[r].map(([t]) => t) }))
        .filter((_, r) => resCreated[r]),
      outputCount: output,
    };
  }
  return out;
}

/** Compares stateAt with the replay at every step, visiting steps in a seeded shuffled order. */
export function checkAgainstReplay(index: TraceIndex, seed: number): void {
  const expected = replay(index);
  const order = Array.from({ length: index.eventCount }, (_, i) => i);
  let x = seed >>> 0 || 1;
  for (let i = order.length - 1; i > 0; i--) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const j = x % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const s of order) {
    const st = stateAt(index, s);
    const got: Snapshot = {
      ready: st.ready.map((h) => h.id),
      timers: st.timers.map((h) => h.id),
      running: st.running ? st.running.id : null,
      tasks: st.tasks.map((t) => ({
        id: t.id,
        state: t.state,
        awaiting: t.awaiting ? t.awaiting.future : null,
        cancelling: t.cancelling,
      })),
      resources: st.resources.map((r) => ({ holders: r.holders, waiters: r.waiters })),
      outputCount: st.outputCount,
    };
    expect(got, `step ${s}`).toEqual(expected[s]);
  }
}
