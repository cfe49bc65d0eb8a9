import { describe, expect, it } from 'vitest';
import { EventKind as K, Step } from '../trace/schema';
import {
  expandWire,
  WIRE_HANDLE_NEXT,
  WIRE_LINE_PAIR,
  WIRE_READY2,
  WIRE_READY3,
  WIRE_SLEEP_ARMED,
  WIRE_STEP_PARKED,
  WIRE_STEP_PARKED_CB,
  type EventRows,
} from './wire';

type Row = [
  kind: number,
  time: number,
  task: number,
  line: number,
  a: number,
  b: number,
  c: number,
];

function rowsOf(rows: Row[]): EventRows {
  const col = <T extends Int32Array | Float64Array | Uint8Array>(
    Ctor: new (n: number) => T,
    k: number,
  ): T => {
    const out = new Ctor(rows.length);
    rows.forEach((r, i) => (out[i] = r[k]));
    return out;
  };
  return {
    kind: col(Uint8Array, 0),
    time: col(Float64Array, 1),
    task: col(Int32Array, 2),
    line: col(Int32Array, 3),
    a: col(Int32Array, 4),
    b: col(Int32Array, 5),
    c: col(Int32Array, 6),
  };
}

function rowList(e: EventRows): Row[] {
  return Array.from(e.kind, (k, i) => [k, e.time[i], e.task[i], e.line[i], e.a[i], e.b[i], e.c[i]]);
}

describe('expandWire', () => {
  it('returns the rows themselves when none is folded', () => {
    const w = rowsOf([
      [K.LINE, 0, -1, 3, 0, 0, 0],
      [K.RUN_END, 0, -1, 0, 0, 1, 0],
    ]);
    expect(expandWire(w)).toBe(w);
  });

  it('writes each wire kind out as its documented events, with the row’s time, task and line', () => {
    const out = rowList(
      expandWire(
        rowsOf([
          [WIRE_HANDLE_NEXT, 0.5, -1, 0, 8, 7, 0],
          [WIRE_LINE_PAIR, 0.5, 2, 4, 5, 0, 0],
          [WIRE_SLEEP_ARMED, 0.5, 2, 5, 30, 9, 0],
          [WIRE_STEP_PARKED_CB, 0.5, 2, 5, 30, 44, 17],
          [WIRE_STEP_PARKED, 0.5, 3, 6, -1, 45, 0],
          [WIRE_READY3, 0.75, -1, 0, 9, 10, 11],
          [WIRE_READY2, 0.75, -1, 0, 12, 13, 0],
        ]),
      ),
    );
    expect(out).toEqual([
      [K.HANDLE_END, 0.5, -1, 0, 7, 0, 0],
      [K.HANDLE_START, 0.5, -1, 0, 8, 0, 0],
      [K.LINE, 0.5, 2, 4, 0, 0, 0],
      [K.LINE, 0.5, 2, 5, 0, 0, 0],
      [K.FUTURE_CREATED, 0.5, 2, 5, 30, 0, 0],
      [K.HANDLE_SCHEDULED, 0.5, 2, 5, 9, 0, 0],
      [K.FUTURE_CALLBACK_ADDED, 0.5, 2, 5, 30, 17, 2],
      [K.TASK_STEP_END, 0.5, 2, 5, 2, Step.SUSPENDED, 30],
      [K.AWAIT_CHAIN, 0.5, 2, 5, 2, 44, 0],
      [K.TASK_STEP_END, 0.5, 3, 6, 3, Step.SUSPENDED, -1],
      [K.AWAIT_CHAIN, 0.5, 3, 6, 3, 45, 0],
      [K.HANDLE_READY, 0.75, -1, 0, 9, 0, 0],
      [K.HANDLE_READY, 0.75, -1, 0, 10, 0, 0],
      [K.HANDLE_READY, 0.75, -1, 0, 11, 0, 0],
      [K.HANDLE_READY, 0.75, -1, 0, 12, 0, 0],
      [K.HANDLE_READY, 0.75, -1, 0, 13, 0, 0],
    ]);
  });

  it('points a step’s cause at the event, not the wire row', () => {
    const out = rowList(
      expandWire(
        rowsOf([
          [WIRE_READY2, 0.1, -1, 0, 1, 2, 0],
          [K.FUTURE_DONE, 0.1, -1, 0, 4, 0, 9],
          [WIRE_HANDLE_NEXT, 0.1, -1, 0, 3, 1, 0],
          [K.TASK_STEP_START, 0.1, 0, 5, 0, 1, 1],
          [K.TASK_STEP_START, 0.1, 1, 5, 1, 0, -1],
        ]),
      ),
    );
    // The FUTURE_DONE row (wire row 1) is event 2, after the two HANDLE_READY events.
    expect(out[2][0]).toBe(K.FUTURE_DONE);
    expect(out[5]).toEqual([K.TASK_STEP_START, 0.1, 0, 5, 0, 1, 2]);
    // No cause stays -1; other kinds' c is left as it is (FUTURE_DONE's string 9).
    expect(out[6][6]).toBe(-1);
    expect(out[2][6]).toBe(9);
  });

  it('refuses a kind it does not know rather than guess', () => {
    const w = rowsOf([
      [250, 0, -1, 0, 0, 0, 0],
      [WIRE_READY2, 0, -1, 0, 1, 2, 0],
    ]);
    expect(() => expandWire(w)).toThrow(/unknown wire row kind 250 at row 0/);
  });
});
