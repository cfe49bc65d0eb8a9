/**
 * The recorder's wire rows → the trace's events. The Python recorder folds the most frequent runs
 * of back-to-back events (one time, one task, one line) into one row each (the WIRE_* kinds in
 * _recorder.py, which says why): fewer rows to append, read from the heap and free. This writes
 * each folded row out as its documented events again, so no trace, export or test ever sees a
 * wire kind. `expand_wire` in _recorder.py is the same in Python.
 */
import { EventKind as K, Step } from '../trace/schema';

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

export interface EventRows {
  kind: Uint8Array;
  time: Float64Array;
  task: Int32Array;
  line: Int32Array;
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;
}

/**
 * The events of wire rows `w`. TASK_STEP_START's cause (c), which the recorder wrote as a wire
 * row index, becomes the index of that event. Returns `w` itself when nothing was folded.
 */
export function expandWire(w: EventRows): EventRows {
  const rows = w.kind.length;
  const wk = w.kind;
  let n = rows;
  for (let i = 0; i < rows; i++) {
    const extra = EXTRA[wk[i]];
    if (extra < 0) throw new Error(`unknown wire row kind ${wk[i]} at row ${i}`);
    n += extra;
  }
  if (n === rows) return w;
  const kind = new Uint8Array(n);
  const time = new Float64Array(n);
  const task = new Int32Array(n);
  const line = new Int32Array(n);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const c = new Int32Array(n);
  // Wire row -> event index, for the causes (which always point back).
  const at = new Int32Array(rows);
  const { time: wt, task: wtask, line: wl, a: wa, b: wb, c: wc } = w;
  // Each event gets the row's time, task and line; a, b and c are 0 unless set (new arrays).
  let j = 0;
  for (let i = 0; i < rows; i++) {
    at[i] = j;
    const k = wk[i];
    const extra = EXTRA[k];
    const t = wt[i];
    const tid = wtask[i];
    const ln = wl[i];
    for (let m = j + extra; m >= j; m--) {
      time[m] = t;
      task[m] = tid;
      line[m] = ln;
    }
    switch (k) {
      case WIRE_HANDLE_NEXT:
        kind[j] = K.HANDLE_END;
        a[j] = wb[i];
        kind[j + 1] = K.HANDLE_START;
        a[j + 1] = wa[i];
        break;
      case WIRE_STEP_PARKED_CB:
      case WIRE_STEP_PARKED: {
        let m = j;
        if (k === WIRE_STEP_PARKED_CB) {
          kind[m] = K.FUTURE_CALLBACK_ADDED;
          a[m] = wa[i];
          b[m] = wc[i];
          c[m] = tid;
          m++;
        }
        kind[m] = K.TASK_STEP_END;
        a[m] = tid;
        b[m] = Step.SUSPENDED;
        c[m] = wa[i];
        kind[m + 1] = K.AWAIT_CHAIN;
        a[m + 1] = tid;
        b[m + 1] = wb[i];
        break;
      }
      case WIRE_LINE_PAIR:
        kind[j] = K.LINE;
        kind[j + 1] = K.LINE;
        line[j + 1] = wa[i];
        break;
      case WIRE_SLEEP_ARMED:
        kind[j] = K.FUTURE_CREATED;
        a[j] = wa[i];
        kind[j + 1] = K.HANDLE_SCHEDULED;
        a[j + 1] = wb[i];
        break;
      case WIRE_READY3:
      case WIRE_READY2:
        kind[j] = K.HANDLE_READY;
        a[j] = wa[i];
        kind[j + 1] = K.HANDLE_READY;
        a[j + 1] = wb[i];
        if (k === WIRE_READY3) {
          kind[j + 2] = K.HANDLE_READY;
          a[j + 2] = wc[i];
        }
        break;
      default: {
        // A kind of the trace itself, as it is.
        kind[j] = k;
        a[j] = wa[i];
        b[j] = wb[i];
        const cause = wc[i];
        c[j] = k === K.TASK_STEP_START && cause >= 0 ? at[cause] : cause;
      }
    }
    j += extra + 1;
  }
  return { kind, time, task, line, a, b, c };
}
