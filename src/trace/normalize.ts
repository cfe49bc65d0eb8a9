/**
 * The "normalize once" pass: one linear walk over a validated trace that turns the raw event
 * stream into entity lifecycles, so that the state of any entity at any step is a binary search
 * away. Each entity's change events act as its keyframes, and the value stored with each change
 * (its state code, a count, a value) is what the reducer would have computed there: stateAt never
 * replays events, in either direction.
 *
 * Memory: a few Int32 entries per event (see `normalizedBytes`), far under the 64 bytes per event
 * the page may hold next to the 29 bytes of the columns themselves.
 */
import { CsrBuilder, IntColumn, NEVER, lastAtOrBefore, narrowValues } from './csr';
import type { Csr } from './csr';
import { str } from './decode';
import { Done, EventKind as K, FutureKind, HandleKind, ResourceKind, Step } from './schema';
import type { TraceColumns } from './schema';

/** Task state codes stored in the task state log (index into TASK_STATE_NAMES). */
export const TS_PENDING = 0;
export const TS_READY = 1;
export const TS_RUNNING = 2;
export const TS_SUSPENDED = 3;
export const TS_DONE = 4;
export const TS_FAILED = 5;
export const TS_CANCELLED = 6;
export const TASK_STATE_NAMES = [
  'pending',
  'ready',
  'running',
  'suspended',
  'done',
  'failed',
  'cancelled',
] as const;

export interface Normalized {
  trace: TraceColumns;
  eventCount: number;

  // Handles: the event index of each lifecycle point, NEVER if it does not happen. (When each
  // was scheduled and queued only matters while building; the timer and ready arrays keep it.)
  hStart: Int32Array;
  hEnd: Int32Array;
  /**
   * Handles taken out without running, ascending, and when: cancelled (HANDLE_CANCELLED) or
   * dropped by loop.close() (HANDLE_DROPPED), which leave the ready queue alike. Few handles are,
   * so this is kept sparse (see `cancelledAt`) rather than one entry per handle.
   */
  cancelIds: Int32Array;
  cancelAt: Int32Array;
  /** For a sleep's timer handle, the sleep future it completes, else -1. */
  hSleep: Int32Array;
  /** The FIFO sequence: event index of each ready-queue entry, in order (its `a` is the handle). */
  readyEv: Int32Array;
  /** Every HANDLE_START, in order (its `a` is the handle), and the queue head after the pop. */
  startEv: Int32Array;
  startHead: Int32Array;
  /** Timer handles sorted by (due time, scheduling order), with their heap interval. */
  timerIds: Int32Array;
  timerIn: Int32Array;
  timerOut: Int32Array;

  // Futures.
  fCreated: Int32Array;
  fDone: Int32Array;
  /** For sleep futures, the timer handle that completes them, else -1. */
  fTimer: Int32Array;
  /** For futures a task waits on inside a lock/queue/..., that resource, else -1. */
  fResource: Int32Array;
  /** Futures completed by a worker-thread job: future id -> string index of the job. */
  fJob: Map<number, number>;
  /** Number of AWAIT_EDGE children (a gather's awaited futures). */
  fChildren: Int32Array;
  /** FUTURE_CALLBACK_ADDED events per future; val = the event that removed it (or NEVER). */
  fCallbacks: Csr;
  /** AWAIT_EDGE events per awaited future; val = when the edge ends (either side done). */
  fEdgesIn: Csr;

  // Tasks.
  tCreated: Int32Array;
  /** State changes per task; val = TS_* code after the event. */
  tState: Csr;
  /** AWAIT_CHAIN events per task. */
  tChain: Csr;
  /** CANCEL_REQUESTED / UNCANCEL per task; val = cancelling count after. */
  tCancel: Csr;

  // Resources.
  rCreated: Int32Array;
  /** RESOURCE_ACQUIRED per resource (holder = events.b); val = the releasing event or NEVER. */
  rHold: Csr;
  /** RESOURCE_WAIT per resource (waiter = events.b, future = events.c); val = end of the wait. */
  rWait: Csr;
  /** Value changes per resource; val = the value after. */
  rValue: Csr;

  // Step indexes and marks (sorted event indexes).
  lines: Int32Array;
  steps: Int32Array;
  iterations: Int32Array;
  timerFires: Int32Array;
  cancels: Int32Array;
  exceptions: Int32Array;
  taskDone: Int32Array;
  warningEv: Int32Array;
  errorEv: Int32Array;
  /** How many LINE events each line number has (`lines` holds them in event order). */
  lineCounts: Int32Array;
  /**
   * The virtual clock, run-length encoded: the first event of each run of equal times, and that
   * time (see `timeAt`). Time changes only when the loop advances its clock.
   */
  clockEv: Int32Array;
  clockTime: Float64Array;
  /** Output entries: first event of each (writes continuing a line are merged into it). */
  outputEv: Int32Array;
  /** Text of each output entry, stream 0 = stdout, 1 = stderr. */
  outputText: string[];
  outputStream: Uint8Array;
}

function filled(n: number, v: number): Int32Array {
  const a = new Int32Array(n);
  if (v !== 0) a.fill(v);
  return a;
}

function isTimerKind(kind: number): boolean {
  return kind === HandleKind.LATER || kind === HandleKind.AT;
}

/** Derives lifecycles and indexes from a trace that `validateTrace` accepted. */
export function normalizeTrace(trace: TraceColumns): Normalized {
  const e = trace.events;
  const n = e.kind.length;
  const nh = trace.handles.kind.length;
  const nf = trace.futures.kind.length;
  const nt = trace.tasks.future.length;
  const nr = trace.resources.kind.length;
  const hKind = trace.handles.kind;
  const hTask = trace.handles.task;
  const fTask = trace.futures.task;
  const fKind = trace.futures.kind;

  const hSched = filled(nh, NEVER);
  const hReady = filled(nh, NEVER);
  const hStart = filled(nh, NEVER);
  const hEnd = filled(nh, NEVER);
  const hCancel = filled(nh, NEVER);
  /** When loop.close() dropped each handle (HANDLE_DROPPED), NEVER if it did not. */
  const hDrop = filled(nh, NEVER);
  const hSleep = filled(nh, -1);
  const hPos = filled(nh, -1);
  const readyEv = new IntColumn();
  const startEv = new IntColumn();
  const startHead = new IntColumn();
  let head = 0;

  const fCreated = filled(nf, NEVER);
  const fDone = filled(nf, NEVER);
  const fTimer = filled(nf, -1);
  const fResource = filled(nf, -1);
  const fChildren = new Int32Array(nf);
  const fJob = new Map<number, number>();
  const callbacks = new CsrBuilder(true);
  /**
   * Open callback rows per future as a linked list in typed arrays (closed all at once when the
   * future completes), and, only for futures that ever remove a callback, rows by callback text.
   */
  const cbHead = filled(nf, -1);
  const cbNext = new IntColumn(1024);
  const cbByText = new Map<number, Map<number, number[]>>();
  const edges = new CsrBuilder(true);

  const tCreated = filled(nt, NEVER);
  const tState = new CsrBuilder(true);
  const tChain = new CsrBuilder(false);
  const tCancel = new CsrBuilder(true);
  const tLast = filled(nt, -1);
  /** Scheduled but not yet started step handles per task: a pending wakeup means "ready". */
  const tPendingWake = new Int32Array(nt);
  /** Whether each task has started a step (a task whose wakeup is dropped is then suspended). */
  const tStarted = new Uint8Array(nt);

  const rCreated = filled(nr, NEVER);
  const holds = new CsrBuilder(true);
  /** Open holds per (resource, task), LIFO, and per resource, FIFO for releases by others. */
  const holdOpen = new Map<string, number[]>();
  const holdQueue = new Map<number, { rows: number[]; head: number }>();
  const waits = new CsrBuilder(true);
  /** The open wait per (resource, task): a task waits on one thing at a time. */
  const waitOpen = new Map<string, number>();
  const waitByFuture = new Map<number, number>();
  const values = new CsrBuilder(true);

  const lines = new IntColumn(1024);
  const steps = new IntColumn(1024);
  const iterations = new IntColumn();
  const timerFires = new IntColumn();
  const cancels = new IntColumn();
  const exceptions = new IntColumn();
  const taskDone = new IntColumn();
  const warningEv = new IntColumn();
  const errorEv = new IntColumn();
  let maxLine = 0;
  const outputEv = new IntColumn();
  const outputText: string[] = [];
  const outputStreamCol = new IntColumn();
  let lastOutputTask = -2;
  let lastOutputLineCount = -1;

  // A sleep future is bound to the next timer its task schedules (asyncio.sleep creates the
  // future, then call_later on it, with nothing of the user's in between).
  let pendingSleep = -1;
  let pendingSleepTask = -2;

  const setState = (t: number, i: number, code: number) => {
    tState.add(t, i, code);
    tLast[t] = code;
  };
  const terminal = (t: number) => tLast[t] >= TS_DONE;
  const touchFuture = (f: number, i: number) => {
    if (f >= 0 && fCreated[f] === NEVER) fCreated[f] = i;
  };
  const touchResource = (r: number, i: number) => {
    if (r >= 0 && rCreated[r] === NEVER) rCreated[r] = i;
  };
  // Rows remember their start event through this side table (CsrBuilder rows are opaque).
  // Every open/close below is O(1) amortized, so a hostile trace cannot make this pass quadratic.
  const rowEvent = new Map<CsrBuilder, IntColumn>([
    [callbacks, new IntColumn(1024)],
    [holds, new IntColumn()],
    [waits, new IntColumn()],
  ]);
  const cbRowEv = rowEvent.get(callbacks)!;
  const openRow = (builder: CsrBuilder, key: number, i: number) => {
    const row = builder.add(key, i, NEVER);
    rowEvent.get(builder)!.push(i);
    return row;
  };
  const rowEv = (builder: CsrBuilder, row: number) => rowEvent.get(builder)!.data[row];
  /** Rows of future f by callback text, built on the first removal from f. */
  const textIndex = (f: number): Map<number, number[]> => {
    let byText = cbByText.get(f);
    if (!byText) {
      byText = new Map();
      cbByText.set(f, byText);
      const rows: number[] = [];
      for (let row = cbHead[f]; row !== -1; row = cbNext.data[row]) rows.push(row);
      for (let k = rows.length - 1; k >= 0; k--)
        pushTo(byText, e.b[cbRowEv.data[rows[k]]], rows[k]);
    }
    return byText;
  };
  const isOpen = (builder: CsrBuilder, row: number) => builder.getValue(row) === NEVER;
  const pushTo = <K>(map: Map<K, number[]>, key: K, row: number) => {
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  };
  const closeWait = (r: number, t: number, i: number) => {
    const key = `${r}|${t}`;
    const row = waitOpen.get(key);
    if (row === undefined) return;
    waitOpen.delete(key);
    if (isOpen(waits, row)) waits.setValue(row, i);
    waitByFuture.delete(e.c[rowEv(waits, row)]);
  };
  let lineCount = 0;

  for (let i = 0; i < n; i++) {
    const kind = e.kind[i];
    const a = e.a[i];
    const b = e.b[i];
    const c = e.c[i];
    switch (kind) {
      case K.LOOP_ITER:
        iterations.push(i);
        break;
      case K.HANDLE_SCHEDULED: {
        if (hSched[a] === NEVER) hSched[a] = i;
        const hk = hKind[a];
        if (!isTimerKind(hk) && hReady[a] === NEVER) {
          hReady[a] = i;
          hPos[a] = readyEv.push(i);
        }
        if (isTimerKind(hk) && pendingSleep >= 0 && pendingSleepTask === e.task[i]) {
          fTimer[pendingSleep] = a;
          hSleep[a] = pendingSleep;
          pendingSleep = -1;
        }
        const t = hTask[a];
        if (t >= 0 && !terminal(t)) {
          tPendingWake[t]++;
          if (tLast[t] !== TS_RUNNING) setState(t, i, TS_READY);
        }
        break;
      }
      case K.HANDLE_READY:
        if (hReady[a] === NEVER) {
          hReady[a] = i;
          hPos[a] = readyEv.push(i);
        }
        break;
      case K.HANDLE_START: {
        if (hStart[a] === NEVER) hStart[a] = i;
        if (hPos[a] >= head) head = hPos[a] + 1;
        startEv.push(i);
        startHead.push(head);
        if (isTimerKind(hKind[a])) timerFires.push(i);
        const t = hTask[a];
        if (t >= 0 && tPendingWake[t] > 0) tPendingWake[t]--;
        else if (t < 0) steps.push(i);
        break;
      }
      case K.HANDLE_END:
        if (hEnd[a] === NEVER) hEnd[a] = i;
        break;
      case K.HANDLE_CANCELLED: {
        if (hCancel[a] === NEVER) hCancel[a] = i;
        const t = hTask[a];
        if (t >= 0 && hStart[a] === NEVER && tPendingWake[t] > 0) tPendingWake[t]--;
        break;
      }
      case K.HANDLE_DROPPED: {
        // loop.close() emptied the queue or heap it waited in: it leaves without running, as a
        // cancelled one does. A task whose step it was is no longer ready: it stays pending (or
        // suspended on what it awaited) and will never run on.
        if (hDrop[a] === NEVER) hDrop[a] = i;
        // A stop at the "step" granularity, as each callback the loop runs is: stepping on from
        // the last callback lands here, where the sentence says what became of the handle.
        steps.push(i);
        const t = hTask[a];
        if (t >= 0 && hStart[a] === NEVER && tPendingWake[t] > 0) {
          tPendingWake[t]--;
          if (tPendingWake[t] === 0 && tLast[t] === TS_READY) {
            setState(t, i, tStarted[t] ? TS_SUSPENDED : TS_PENDING);
          }
        }
        break;
      }
      case K.TASK_CREATED:
        if (tCreated[a] === NEVER) tCreated[a] = i;
        touchFuture(trace.tasks.future[a], i);
        if (tLast[a] < 0) setState(a, i, TS_PENDING);
        break;
      case K.TASK_STEP_START:
        steps.push(i);
        tStarted[a] = 1;
        if (tCreated[a] === NEVER) tCreated[a] = i;
        setState(a, i, TS_RUNNING);
        break;
      case K.TASK_STEP_END:
        if (pendingSleepTask === a) pendingSleep = -1;
        if (b === Step.SUSPENDED) {
          touchFuture(c, i);
          setState(a, i, tPendingWake[a] > 0 ? TS_READY : TS_SUSPENDED);
        } else {
          taskDone.push(i);
          if (b === Step.RAISED) exceptions.push(i);
          setState(
            a,
            i,
            b === Step.RETURNED ? TS_DONE : b === Step.RAISED ? TS_FAILED : TS_CANCELLED,
          );
        }
        break;
      case K.AWAIT_CHAIN:
        tChain.add(a, i);
        break;
      case K.FUTURE_CREATED:
        touchFuture(a, i);
        if (fKind[a] === FutureKind.SLEEP) {
          pendingSleep = a;
          pendingSleepTask = e.task[i];
        }
        break;
      case K.FUTURE_DONE: {
        touchFuture(a, i);
        if (fDone[a] === NEVER) fDone[a] = i;
        for (let row = cbHead[a]; row !== -1; row = cbNext.data[row]) {
          if (isOpen(callbacks, row)) callbacks.setValue(row, i);
        }
        cbHead[a] = -1;
        cbByText.delete(a);
        const w = waitByFuture.get(a);
        if (w !== undefined) {
          const we = rowEv(waits, w);
          closeWait(e.a[we], e.b[we], i);
        }
        const t = fTask[a];
        if (t >= 0 && !terminal(t)) {
          if (tLast[t] < 0 && tCreated[t] === NEVER) tCreated[t] = i;
          setState(
            t,
            i,
            b === Done.RESULT ? TS_DONE : b === Done.EXCEPTION ? TS_FAILED : TS_CANCELLED,
          );
        }
        break;
      }
      case K.FUTURE_CALLBACK_ADDED:
        touchFuture(a, i);
        {
          const row = openRow(callbacks, a, i);
          cbNext.push(cbHead[a]);
          cbHead[a] = row;
          const byText = cbByText.get(a);
          if (byText) pushTo(byText, b, row);
        }
        break;
      case K.FUTURE_CALLBACK_REMOVED:
        {
          const list = textIndex(a).get(b);
          while (list && list.length) {
            const row = list.pop()!;
            if (isOpen(callbacks, row)) {
              callbacks.setValue(row, i);
              break;
            }
          }
        }
        break;
      case K.AWAIT_EDGE:
        touchFuture(a, i);
        touchFuture(b, i);
        edges.add(b, i, NEVER);
        fChildren[a]++;
        break;
      case K.CANCEL_REQUESTED: {
        cancels.push(i);
        const t = fTask[a];
        if (t >= 0) tCancel.add(t, i, c);
        break;
      }
      case K.CANCEL_DELIVERED:
        cancels.push(i);
        break;
      case K.UNCANCEL:
        tCancel.add(a, i, b);
        break;
      case K.RESOURCE_CREATED:
        touchResource(a, i);
        break;
      case K.RESOURCE_ACQUIRED: {
        touchResource(a, i);
        closeWait(a, b, i);
        const row = openRow(holds, a, i);
        pushTo(holdOpen, `${a}|${b}`, row);
        let q = holdQueue.get(a);
        if (!q) holdQueue.set(a, (q = { rows: [], head: 0 }));
        q.rows.push(row);
        values.add(a, i, c);
        break;
      }
      case K.RESOURCE_RELEASED: {
        touchResource(a, i);
        // The releasing task's latest hold; else (asyncio locks may be released by another
        // task) the resource's oldest open hold.
        let closed = false;
        const mine = holdOpen.get(`${a}|${b}`);
        while (mine && mine.length && !closed) {
          const row = mine.pop()!;
          if (isOpen(holds, row)) {
            holds.setValue(row, i);
            closed = true;
          }
        }
        const q = holdQueue.get(a);
        while (q && q.head < q.rows.length && !closed) {
          const row = q.rows[q.head++];
          if (isOpen(holds, row)) {
            holds.setValue(row, i);
            closed = true;
          }
        }
        values.add(a, i, c);
        break;
      }
      case K.RESOURCE_WAIT: {
        touchResource(a, i);
        // A second wait by the same task replaces its first (it was woken without an event).
        closeWait(a, b, i);
        const row = openRow(waits, a, i);
        waitOpen.set(`${a}|${b}`, row);
        if (c >= 0) {
          touchFuture(c, i);
          fResource[c] = a;
          waitByFuture.set(c, row);
        }
        break;
      }
      case K.RESOURCE_WAKE: {
        closeWait(a, b, i);
        break;
      }
      case K.RESOURCE_VALUE:
        touchResource(a, i);
        values.add(a, i, b);
        break;
      case K.LINE: {
        lines.push(i);
        lineCount++;
        const ln = e.line[i];
        if (ln > maxLine) maxLine = ln;
        break;
      }
      case K.STDOUT:
      case K.STDERR: {
        const stream = kind === K.STDOUT ? 0 : 1;
        const text = trace.strings[a];
        const last = outputText.length - 1;
        // print() writes its text and its newline separately; keep them one console entry.
        if (
          last >= 0 &&
          outputStreamCol.data[last] === stream &&
          lastOutputTask === e.task[i] &&
          lastOutputLineCount === lineCount &&
          !outputText[last].endsWith('\n')
        ) {
          outputText[last] += text;
        } else {
          outputEv.push(i);
          outputText.push(text);
          outputStreamCol.push(stream);
        }
        lastOutputTask = e.task[i];
        lastOutputLineCount = lineCount;
        break;
      }
      case K.EXCEPTION:
        exceptions.push(i);
        errorEv.push(i);
        break;
      case K.WARNING:
        warningEv.push(i);
        break;
      case K.NET_LISTEN:
      case K.NET_CONNECT:
      case K.NET_CLOSE:
      case K.NET_SEND:
      case K.NET_RECV:
        touchResource(a, i);
        break;
      case K.NET_ACCEPT:
        touchResource(a, i);
        touchResource(b, i);
        break;
      case K.WORKER_START:
        touchResource(a, i);
        touchFuture(c, i);
        if (c >= 0 && b >= 0) fJob.set(c, b);
        break;
    }
  }

  // Line executions by line number, now that the largest line is known.
  const lineArr = lines.finish();
  const lineCounts = new Int32Array(maxLine + 1);
  for (let k = 0; k < lineArr.length; k++) lineCounts[e.line[lineArr[k]]]++;

  const cancelList: number[] = [];
  for (let h = 0; h < nh; h++) if (hCancel[h] !== NEVER || hDrop[h] !== NEVER) cancelList.push(h);
  const cancelIds = Int32Array.from(cancelList);
  const cancelAt = Int32Array.from(cancelList, (h) => Math.min(hCancel[h], hDrop[h]));

  const clockEvCol = new IntColumn(64);
  const clockTimes: number[] = [];
  const time = e.time;
  for (let i = 0; i < n; i++) {
    if (i === 0 || time[i] !== time[i - 1]) {
      clockEvCol.push(i);
      clockTimes.push(time[i]);
    }
  }

  // Timers sorted by due time; ties keep scheduling order, as a stable heap display should.
  const timerList: number[] = [];
  for (let h = 0; h < nh; h++) if (isTimerKind(hKind[h]) && hSched[h] !== NEVER) timerList.push(h);
  const when = trace.handles.when;
  timerList.sort((x, y) => when[x] - when[y] || hSched[x] - hSched[y]);
  const timerIds = Int32Array.from(timerList);
  const timerIn = new Int32Array(timerIds.length);
  const timerOut = new Int32Array(timerIds.length);
  for (let k = 0; k < timerIds.length; k++) {
    const h = timerIds[k];
    timerIn[k] = hSched[h];
    timerOut[k] = Math.min(hReady[h], hCancel[h], hStart[h], hDrop[h]);
  }

  // An await edge lasts until either side is done.
  const fEdgesIn = edges.finish(nf);
  for (let k = 0; k < fEdgesIn.ev.length; k++) {
    const ev = fEdgesIn.ev[k];
    fEdgesIn.val![k] = Math.min(fDone[e.a[ev]], fDone[e.b[ev]]);
  }

  // The merged step list: task steps, plain callbacks and handles dropped by loop.close(), in
  // event order.
  const stepArr = steps.finish().sort();

  const outputStream = new Uint8Array(outputStreamCol.length);
  for (let k = 0; k < outputStream.length; k++) outputStream[k] = outputStreamCol.data[k];

  return {
    trace,
    eventCount: n,
    hStart,
    hEnd,
    cancelIds,
    cancelAt,
    hSleep,
    readyEv: readyEv.finish(),
    startEv: startEv.finish(),
    startHead: startHead.finish(),
    timerIds,
    timerIn,
    timerOut,
    fCreated,
    fDone,
    fTimer,
    fResource,
    fChildren,
    fJob,
    fCallbacks: callbacks.finish(nf),
    fEdgesIn,
    tCreated,
    tState: narrowValues(tState.finish(nt)),
    tChain: tChain.finish(nt),
    tCancel: narrowValues(tCancel.finish(nt)),
    rCreated,
    rHold: holds.finish(nr),
    rWait: waits.finish(nr),
    rValue: values.finish(nr),
    lines: lineArr,
    steps: stepArr,
    iterations: iterations.finish(),
    timerFires: timerFires.finish(),
    cancels: cancels.finish(),
    exceptions: exceptions.finish(),
    taskDone: taskDone.finish(),
    warningEv: warningEv.finish(),
    errorEv: errorEv.finish(),
    lineCounts,
    clockEv: clockEvCol.finish(),
    clockTime: Float64Array.from(clockTimes),
    outputEv: outputEv.finish(),
    outputText,
    outputStream,
  };
}

/** When handle h was cancelled, or NEVER. */
export function cancelledAt(nz: Normalized, h: number): number {
  const k = lastAtOrBefore(nz.cancelIds, h);
  return k >= 0 && nz.cancelIds[k] === h ? nz.cancelAt[k] : NEVER;
}

/** The virtual clock after event `step` (clamped to the trace), as `events.time[step]`. */
export function timeAt(nz: Normalized, step: number): number {
  const k = lastAtOrBefore(nz.clockEv, step);
  return k >= 0 ? nz.clockTime[k] : nz.clockTime.length ? nz.clockTime[0] : 0;
}

/** Bytes held by the typed arrays of a normalized trace (not counting the columns). */
export function normalizedBytes(nz: Normalized): number {
  let total = 0;
  for (const v of Object.values(nz)) {
    if (ArrayBuffer.isView(v)) total += v.byteLength;
    else if (v && typeof v === 'object' && 'off' in v && 'ev' in v) {
      const c = v as Csr;
      total += c.off.byteLength + c.ev.byteLength + (c.val ? c.val.byteLength : 0);
    }
  }
  return total;
}

/** Bytes held by the trace columns themselves. */
export function columnBytes(trace: TraceColumns): number {
  let total = 0;
  for (const table of [trace.events, trace.handles, trace.futures, trace.tasks, trace.resources]) {
    for (const col of Object.values(table)) total += (col as ArrayBufferView).byteLength;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Names and descriptions shared by stateAt and the explanations.

export function taskName(trace: TraceColumns, t: number): string {
  if (t < 0) return 'the loop';
  return str(trace, trace.tasks.name[t]) ?? `Task-${t}`;
}

export function resourceName(trace: TraceColumns, r: number): string {
  return str(trace, trace.resources.name[r]) ?? `#${r}`;
}

const RESOURCE_TITLES: Record<number, string> = {
  [ResourceKind.LOCK]: 'Lock',
  [ResourceKind.EVENT]: 'Event',
  [ResourceKind.CONDITION]: 'Condition',
  [ResourceKind.SEMAPHORE]: 'Semaphore',
  [ResourceKind.BOUNDED_SEMAPHORE]: 'BoundedSemaphore',
  [ResourceKind.BARRIER]: 'Barrier',
  [ResourceKind.QUEUE]: 'Queue',
  [ResourceKind.SERVER]: 'server',
  [ResourceKind.CONNECTION]: 'connection',
  [ResourceKind.WORKER]: 'worker',
};

/** "Lock `db`" */
export function resourceTitle(trace: TraceColumns, r: number): string {
  return `${RESOURCE_TITLES[trace.resources.kind[r]] ?? 'resource'} \`${resourceName(trace, r)}\``;
}

/** NET_ACCEPT's c for a connection to a server of asyncio.start_server (world/net.py). */
const ACCEPT_START_SERVER = 1;

/**
 * The NET_ACCEPT event of the connection task t serves, when start_server created t for it, else
 * -1. asyncio's streams run the server's client_connected_cb as a new task for each accepted
 * connection, from asyncio's own code inside the accept (so the task has no parent and no user
 * line): its card and its creation say so instead of "created by the program". The accept is
 * looked for in the callback that created the task, after that callback started.
 */
export function acceptOf(nz: Normalized, t: number): number {
  const trace = nz.trace;
  const created = nz.tCreated[t];
  if (trace.tasks.parent[t] >= 0 || trace.tasks.line[t] > 0 || created === NEVER) return -1;
  const e = trace.events;
  const k = lastAtOrBefore(nz.startEv, created);
  if (k < 0) return -1;
  const start = nz.startEv[k];
  if (nz.hEnd[e.a[start]] < created) return -1; // created between callbacks, by the loop itself
  for (let i = created - 1; i > start; i--) {
    if (e.kind[i] === K.NET_ACCEPT) return e.c[i] === ACCEPT_START_SERVER ? i : -1;
  }
  return -1;
}

/**
 * The line of the start_server call whose server created task t for a new connection (see
 * acceptOf), 0 when that call is not on a line of the program, -1 when t is not such a task.
 */
export function startServerLine(nz: Normalized, t: number): number {
  const accept = acceptOf(nz, t);
  return accept < 0 ? -1 : nz.trace.resources.line[nz.trace.events.b[accept]];
}

/** Virtual time with at least `min` decimals and as many more (up to 6) as the value needs. */
export function formatTime(t: number, min = 3): string {
  // Find the decimals arithmetically and call toFixed once: this runs for every sleeping task
  // of a seek.
  let d = min;
  let scaled = t * 10 ** d;
  while (d < 6 && Math.abs(scaled - Math.round(scaled)) > 1e-6 * Math.max(1, Math.abs(scaled))) {
    d++;
    scaled *= 10;
  }
  return t.toFixed(d);
}

/** Card label of a handle: "alpha step", "sleep(0.1) timer of beta", or the tracer's words. */
export function handleLabel(nz: Normalized, h: number): string {
  const trace = nz.trace;
  const t = trace.handles.task[h];
  if (t >= 0) return `${taskName(trace, t)} step`;
  const f = nz.hSleep[h];
  if (f >= 0) {
    const owner = trace.futures.owner[f];
    const sleep = str(trace, trace.futures.label[f]) ?? 'sleep';
    return owner >= 0 ? `${sleep} timer of ${taskName(trace, owner)}` : `${sleep} timer`;
  }
  return str(trace, trace.handles.descr[h]) ?? `callback #${h}`;
}

/**
 * A future in words: "sleep(0.1) timer", "task `beta`", "asyncio.wait()", "a Future created at
 * line 7".
 */
export function futureLabel(nz: Normalized, f: number): string {
  const trace = nz.trace;
  const label = str(trace, trace.futures.label[f]);
  const job = nz.fJob.get(f);
  if (job !== undefined) return `${trace.strings[job]} in a worker thread`;
  switch (trace.futures.kind[f]) {
    case FutureKind.TASK:
      return `task \`${taskName(trace, trace.futures.task[f])}\``;
    case FutureKind.SLEEP:
      return label ?? 'sleep';
    case FutureKind.GATHER:
      return label ?? `gather of ${nz.fChildren[f]}`;
    case FutureKind.SHIELD:
      return label ?? 'shield';
    case FutureKind.EXECUTOR:
      return label ? `executor job ${label}` : 'executor job';
    case FutureKind.CALL:
      return callText(nz, f, label);
    default:
      return plainFutureText(nz, f, label);
  }
}

/** The tracer's label of every plain asyncio.Future (its class name, no variable name). */
const PLAIN_FUTURE = 'Future';

/**
 * A plain future in words. The tracer labels each one "Future", and "future `Future`" says no
 * more than that; where it was made tells it apart: "a Future created at line 7" (the user line
 * running then: a loop.create_future() in the program, or the call that made one inside asyncio).
 */
function plainFutureText(nz: Normalized, f: number, label: string | null): string {
  if (label !== null && label !== PLAIN_FUTURE) return `future \`${label}\``;
  const line = nz.trace.futures.line[f];
  return label !== null && line > 0 ? `a Future created at line ${line}` : `future #${f}`;
}

/** What the task owning a TaskGroup waits for at the end of its `async with`. */
export const TASKGROUP_TASKS = 'the tasks of its TaskGroup';

/**
 * A FUTURE_CALL future in words: the method of its resource that waits on it, as the program
 * called it ("queue `q`.join()", "readline() on connection `a -> b`"), or the call alone when
 * the trace names no resource ("as_completed()", "asyncio.wait()").
 */
function callText(nz: Normalized, f: number, label: string | null): string {
  const trace = nz.trace;
  if (label === null) return `future #${f}`;
  // asyncio.wait's label adds what ends the wait ("asyncio.wait FIRST_COMPLETED timeout").
  const call = label.split(' ', 1)[0];
  const r = nz.fResource[f];
  if (r < 0) return `${call}()`;
  if (trace.resources.kind[r] === ResourceKind.QUEUE)
    return `queue \`${resourceName(trace, r)}\`.${call}()`;
  return `${call}() on ${resourceTitle(trace, r)}`;
}

/** The FUTURE_CALL label of asyncio.wait's waiter, before what ends the wait (_futures.py). */
const WAIT_CALL = 'asyncio.wait';

/**
 * What ends an asyncio.wait, by the words its label adds after "asyncio.wait" (_futures.py
 * wait_label): return_when (none for ALL_COMPLETED), then "timeout" when one was given.
 */
const WAIT_ENDS: Record<string, string> = {
  '': 'all complete',
  ' timeout': 'all complete or it times out',
  ' FIRST_COMPLETED': 'the first completes',
  ' FIRST_COMPLETED timeout': 'the first completes or it times out',
  ' FIRST_EXCEPTION': 'one raises or all complete',
  ' FIRST_EXCEPTION timeout': 'one raises, all complete or it times out',
};

/**
 * A future as the Futures list titles it, for a FUTURE_CALL: the call in words (callText), and
 * for asyncio.wait also what ends the wait, which the task card and the explanation say in their
 * own sentences ("asyncio.wait FIRST_COMPLETED timeout" → "asyncio.wait() until the first
 * completes or it times out"). Other kinds: null, the list shows their short label.
 */
export function callFutureTitle(nz: Normalized, f: number): string | null {
  if (nz.trace.futures.kind[f] !== FutureKind.CALL) return null;
  const label = str(nz.trace, nz.trace.futures.label[f]);
  const text = callText(nz, f, label);
  if (label === null || !label.startsWith(WAIT_CALL) || nz.fResource[f] >= 0) return text;
  const ends = WAIT_ENDS[label.slice(WAIT_CALL.length)];
  return ends === undefined ? text : `${text} until ${ends}`;
}

/** What a task suspended on future f waits for, in words ("sleep until t=0.30 s"). */
export function awaitingText(nz: Normalized, f: number): string {
  if (f < 0) return 'the next loop iteration';
  const trace = nz.trace;
  const r = nz.fResource[f];
  const fk = trace.futures.kind[f];
  if (fk === FutureKind.CALL) return futureLabel(nz, f);
  if (fk === FutureKind.TASKGROUP) return TASKGROUP_TASKS;
  if (r >= 0) {
    const kind = trace.resources.kind[r];
    if (kind === ResourceKind.QUEUE) {
      return `queue \`${resourceName(trace, r)}\`.${queueWaitIsGet(nz, r, f) ? 'get' : 'put'}()`;
    }
    return resourceTitle(trace, r);
  }
  if (fk === FutureKind.SLEEP && nz.fTimer[f] >= 0) {
    return sleepUntil(trace.handles.when[nz.fTimer[f]]);
  }
  return futureLabel(nz, f);
}

/** Whether a wait on queue r through future f is a get (the queue was empty) or a put (full). */
function queueWaitIsGet(nz: Normalized, r: number, f: number): boolean {
  const e = nz.trace.events;
  const { off, ev } = nz.rWait;
  for (let k = off[r]; k < off[r + 1]; k++) {
    if (e.c[ev[k]] !== f) continue;
    const v = nz.rValue;
    let value = 0;
    for (let j = off[r] >= 0 ? v.off[r] : 0; j < v.off[r + 1] && v.ev[j] <= ev[k]; j++)
      value = v.val![j];
    return value === 0;
  }
  return true;
}

// Many sleeps share a due time, and this text is built for every sleeping task of a seek.
const sleepTexts = new Map<number, string>();
function sleepUntil(when: number): string {
  let text = sleepTexts.get(when);
  if (text === undefined) {
    text = `sleep until t=${formatTime(when, 2)} s`;
    if (sleepTexts.size >= 4096) sleepTexts.clear();
    sleepTexts.set(when, text);
  }
  return text;
}
