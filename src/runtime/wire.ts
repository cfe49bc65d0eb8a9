/**
 * The recorder's wire rows → the trace's events. The Python recorder folds the most frequent runs
 * of back-to-back events (one time, one task, one line) into one row each (the WIRE_* kinds in
 * _recorder.py, which says why): fewer rows to append, read from the heap and free. This writes
 * each folded row out as its documented events again, so no trace, export or test ever sees a
 * wire kind. `expand_wire` in _recorder.py is the same in Python.
 */
import { EventKind as K, Step, type TraceColumns } from '../trace/schema';

/** HANDLE_END of b, then HANDLE_START of a. */
export const WIRE_HANDLE_NEXT = 200;
/** The row task's TASK_STEP_END (suspended on future a), then its AWAIT_CHAIN b. */
export const WIRE_STEP_PARKED = 201;
/** FUTURE_CALLBACK_ADDED (future a, callback string c, the row's task), then WIRE_STEP_PARKED. */
export const WIRE_STEP_PARKED_CB = 202;
/** LINE of the row's line, then LINE of line a. */
export const WIRE_LINE_PAIR = 203;
/** FUTURE_CREATED of future a, then HANDLE_SCHEDULED of handle b. */
export const WIRE_SLEEP_ARMED = 204;
/** HANDLE_READY of a, then of b. */
export const WIRE_READY2 = 205;
/** HANDLE_READY of a, b, then c. */
export const WIRE_READY3 = 206;

/** Events each wire kind stands for, past its row's one (WIRE_EXTRA in _recorder.py). */
export const WIRE_EXTRA: Readonly<Record<number, number>> = {
  [WIRE_HANDLE_NEXT]: 1,
  [WIRE_STEP_PARKED]: 1,
  [WIRE_STEP_PARKED_CB]: 2,
  [WIRE_LINE_PAIR]: 1,
  [WIRE_SLEEP_ARMED]: 1,
  [WIRE_READY2]: 1,
  [WIRE_READY3]: 2,
};

const FIRST_WIRE = WIRE_HANDLE_NEXT;
/** WIRE_EXTRA by kind, -1 for a kind that is not a wire kind past FIRST_WIRE. */
const EXTRA = new Int8Array(256).fill(-1);
for (let k = 0; k < FIRST_WIRE; k++) EXTRA[k] = 0;
for (const [k, extra] of Object.entries(WIRE_EXTRA)) EXTRA[Number(k)] = extra;

/** Event columns: the trace's, or wire rows in the same columns. */
export type EventRows = TraceColumns['events'];

/** The rows' columns but the kind, read from index `r - base` for row r (a block of rows). */
export type RowValues = Omit<EventRows, 'kind'>;

/**
 * Where each wire row's first event goes (`at`, by row) and how many events there are (`events`).
 * Throws on a kind that is neither the trace's nor a wire kind.
 */
export function wirePlan(kind: Uint8Array): { at: Int32Array; events: number } {
  const rows = kind.length;
  const at = new Int32Array(rows);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    const extra = EXTRA[kind[i]];
    if (extra < 0) throw new Error(`unknown wire row kind ${kind[i]} at row ${i}`);
    at[i] = n;
    n += 1 + extra;
  }
  return { at, events: n };
}

/** Columns for `n` events, all 0. */
export function newEventRows(n: number): EventRows {
  return {
    kind: new Uint8Array(n),
    time: new Float64Array(n),
    task: new Int32Array(n),
    line: new Int32Array(n),
    a: new Int32Array(n),
    b: new Int32Array(n),
    c: new Int32Array(n),
  };
}

/**
 * Writes wire rows r0 to r1 (exclusive) into `out` as events, at the places `wirePlan` gave.
 * `kind` holds every row's kind; `v` holds the other columns of rows from `base` on. `out` must
 * be new (all 0): only the non-zero fields are written. TASK_STEP_START's cause (c), which the
 * recorder wrote as a wire row index, becomes the index of that event.
 */
export function expandRowsInto(
  out: EventRows,
  at: Int32Array,
  kind: Uint8Array,
  v: RowValues,
  base: number,
  r0: number,
  r1: number,
): void {
  const { kind: ok, time, task, line, a, b, c } = out;
  const { time: vt, task: vtask, line: vl, a: va, b: vb, c: vc } = v;
  for (let i = r0; i < r1; i++) {
    const j = at[i];
    const k = kind[i];
    const x = i - base;
    const t = vt[x];
    const tid = vtask[x];
    const ln = vl[x];
    const last = j + EXTRA[k];
    for (let m = j; m <= last; m++) {
      time[m] = t;
      task[m] = tid;
      line[m] = ln;
    }
    switch (k) {
      case WIRE_HANDLE_NEXT:
        ok[j] = K.HANDLE_END;
        a[j] = vb[x];
        ok[j + 1] = K.HANDLE_START;
        a[j + 1] = va[x];
        break;
      case WIRE_STEP_PARKED_CB:
      case WIRE_STEP_PARKED: {
        let m = j;
        if (k === WIRE_STEP_PARKED_CB) {
          ok[m] = K.FUTURE_CALLBACK_ADDED;
          a[m] = va[x];
          b[m] = vc[x];
          c[m] = tid;
          m++;
        }
        ok[m] = K.TASK_STEP_END;
        a[m] = tid;
        b[m] = Step.SUSPENDED;
        c[m] = va[x];
        ok[m + 1] = K.AWAIT_CHAIN;
        a[m + 1] = tid;
        b[m + 1] = vb[x];
        break;
      }
      case WIRE_LINE_PAIR:
        ok[j] = K.LINE;
        ok[j + 1] = K.LINE;
        line[j + 1] = va[x];
        break;
      case WIRE_SLEEP_ARMED:
        ok[j] = K.FUTURE_CREATED;
        a[j] = va[x];
        ok[j + 1] = K.HANDLE_SCHEDULED;
        a[j + 1] = vb[x];
        break;
      case WIRE_READY3:
      case WIRE_READY2:
        ok[j] = K.HANDLE_READY;
        a[j] = va[x];
        ok[j + 1] = K.HANDLE_READY;
        a[j + 1] = vb[x];
        if (k === WIRE_READY3) {
          ok[j + 2] = K.HANDLE_READY;
          a[j + 2] = vc[x];
        }
        break;
      default: {
        // A kind of the trace itself, as it is.
        ok[j] = k;
        a[j] = va[x];
        b[j] = vb[x];
        const cause = vc[x];
        c[j] = k === K.TASK_STEP_START && cause >= 0 ? at[cause] : cause;
      }
    }
  }
}

/**
 * The events of wire rows `w` (expandRowsInto over all of them). Returns `w` itself when nothing
 * was folded.
 */
export function expandWire(w: EventRows): EventRows {
  const { at, events } = wirePlan(w.kind);
  if (events === w.kind.length) return w;
  const out = newEventRows(events);
  expandRowsInto(out, at, w.kind, w, 0, 0, w.kind.length);
  return out;
}
