import { describe, expect, it } from 'vitest';
import { createPlaygroundStore } from '../create-store';
import { syntheticTrace } from '../../trace/synthetic';

describe('cursor and a new trace', () => {
  it('moves to the end of a new trace in the same update, and a seek after it wins', () => {
    const store = createPlaygroundStore({ code: '', filename: 'main.py' });
    const seen: number[] = [];
    store.subscribe((s, prev) => {
      if (s.trace !== prev.trace) seen.push(s.step);
    });
    const trace = syntheticTrace({ tasks: 3, sleeps: 2 });
    const last = trace.events.kind.length - 1;
    store.getState().selectTask(2);
    store.getState().endRun({ kind: 'done', outcome: 0, detail: '', stats: null }, trace);
    expect(store.getState().step).toBe(last);
    expect(store.getState().selectedTask).toBe(-1);
    store.getState().seek(3);
    expect(store.getState().step).toBe(3);
    // Every listener that saw the new trace already saw the cursor at its end.
    expect(seen).toEqual([last]);
  });

  it('drops the last run’s line mapping with its trace', () => {
    const store = createPlaygroundStore({ code: '', filename: 'main.py' });
    const lines = { version: 1, lineOf: (line: number) => line + 2 };
    store.getState().setRunLines(lines);
    expect(store.getState().runLines).toBe(lines);
    const seen: unknown[] = [];
    store.subscribe((s, prev) => {
      if (s.trace !== prev.trace) seen.push(s.runLines);
    });
    const trace = syntheticTrace({ tasks: 1, sleeps: 1 });
    store.getState().endRun({ kind: 'done', outcome: 0, detail: '', stats: null }, trace);
    expect(store.getState().runLines).toBeNull();
    // In the same update: no listener saw the new trace with the old mapping.
    expect(seen).toEqual([null]);
  });
});
