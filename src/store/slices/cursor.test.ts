import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Granularity } from '../../trace/types';
import type { CursorSlice, RunToKind, StepNavigator } from './cursor';
import { SPEEDS, createCursorSlice } from './cursor';

/**
 * A navigator over a hand-written list of steps: each step is a set of tags, and a query finds
 * the nearest step carrying the tag. Lines are tags "line:N".
 */
function fakeNavigator(steps: string[][]): StepNavigator {
  const find = (from: number, dir: 1 | -1, tag: string): number => {
    for (let i = from + dir; i >= 0 && i < steps.length; i += dir) {
      if (steps[i].includes(tag)) return i;
    }
    return -1;
  };
  return {
    length: steps.length,
    next: (from, g: Granularity) => find(from, 1, g),
    prev: (from, g: Granularity) => find(from, -1, g),
    nextOf: (from, k: RunToKind) => find(from, 1, k),
    prevOf: (from, k: RunToKind) => find(from, -1, k),
    nextLine: (from, line) => find(from, 1, `line:${line}`),
    prevLine: (from, line) => find(from, -1, `line:${line}`),
  };
}

// step:      0            1                   2                  3         4                  5         6
const STEPS = [
  ['iteration'],
  ['step'],
  ['line', 'line:3'],
  ['line', 'line:4', 'output'],
  ['timer'],
  ['iteration', 'step', 'line', 'line:3'],
  ['line', 'line:4', 'cancel'],
];

function makeStore(nav: StepNavigator | null = fakeNavigator(STEPS)) {
  return createStore<CursorSlice>()((set, get) => createCursorSlice(set, get, () => nav));
}

describe('cursor slice', () => {
  it('steps forward and back at each granularity, and says why when it cannot', () => {
    const s = makeStore();
    const a = () => s.getState();
    a().stepForward('line');
    expect(a().step).toBe(2);
    a().stepForward('line');
    expect(a().step).toBe(3);
    expect(a().prevStep).toBe(2);
    a().stepForward('iteration');
    expect(a().step).toBe(5);
    a().stepBack('step');
    expect(a().step).toBe(1);
    // No earlier task step: the last move back goes to the start of the run, then stops.
    a().stepBack('step');
    expect(a().step).toBe(0);
    a().stepBack('step');
    expect(a().step).toBe(0);
    expect(a().cursorNotice?.text).toBe('Already at the start of the run');
    a().stepForward();
    expect(a().step).toBe(2); // default granularity is line
    expect(a().cursorNotice).toBeNull();
    a().setGranularity('iteration');
    a().stepForward();
    expect(a().step).toBe(5);
    // Past the last iteration start, the next move reaches the last event.
    a().stepForward();
    expect(a().step).toBe(6);
    a().stepForward();
    expect(a().cursorNotice?.text).toBe('Already at the end of the run');
  });

  it('jumps, seeks with clamping, and runs to events and lines', () => {
    const s = makeStore();
    const a = () => s.getState();
    a().jumpEnd();
    expect(a().step).toBe(6);
    a().runToPrev('output');
    expect(a().step).toBe(3);
    a().runToNext('cancel');
    expect(a().step).toBe(6);
    a().runToNext('exception');
    expect(a().step).toBe(6);
    expect(a().cursorNotice?.text).toBe('No later exception');
    a().seek(-5);
    expect(a().step).toBe(0);
    a().seek(99);
    expect(a().step).toBe(6);
    a().seek(2.6);
    expect(a().step).toBe(3);
    a().jumpStart();
    a().runToLine(3);
    expect(a().step).toBe(2);
    a().runToLine(3);
    expect(a().step).toBe(5);
    a().runToLine(3);
    expect(a().step).toBe(5);
    expect(a().cursorNotice?.text).toMatch(/Line 3 does not run again/);
    a().runToLine(4, 'prev');
    expect(a().step).toBe(3);
    // After edits moved the run's line 3 to line 5, the notice names the line as the editor shows it.
    a().jumpEnd();
    a().runToLine(3, 'next', 5);
    expect(a().cursorNotice?.text).toMatch(/Line 5 does not run again/);
    a().jumpStart();
    a().runToLine(3, 'prev', 5);
    expect(a().cursorNotice?.text).toMatch(/Line 5 did not run before this step/);
  });

  it('plays by advancing at the granularity and stops at the end', () => {
    const s = makeStore();
    const a = () => s.getState();
    a().jumpEnd();
    a().play(); // from the end, playback starts over
    expect(a().playing).toBe(true);
    expect(a().step).toBe(0);
    a().advance(1);
    expect(a().step).toBe(2);
    a().advance(10);
    expect(a().step).toBe(6);
    expect(a().playing).toBe(false);
    a().togglePlay();
    expect(a().playing).toBe(true);
    a().togglePlay();
    expect(a().playing).toBe(false);
  });

  it('changes speed along the ladder and ignores nonsense', () => {
    const s = makeStore();
    const a = () => s.getState();
    const start = a().speed;
    a().changeSpeed(1);
    expect(a().speed).toBe(SPEEDS[SPEEDS.indexOf(start) + 1]);
    a().setSpeed(3); // between rungs
    a().changeSpeed(-1);
    expect(a().speed).toBe(2);
    a().setSpeed(3);
    a().changeSpeed(1);
    expect(a().speed).toBe(4);
    a().setSpeed(-1);
    expect(a().speed).toBe(4);
    for (let i = 0; i < 20; i++) a().changeSpeed(1);
    expect(a().speed).toBe(SPEEDS[SPEEDS.length - 1]);
  });

  it('toggles the selected task and resets on a new trace', () => {
    const s = makeStore();
    const a = () => s.getState();
    a().selectTask(2);
    expect(a().selectedTask).toBe(2);
    a().selectTask(2);
    expect(a().selectedTask).toBe(-1);
    a().selectTask(3);
    a().seek(3);
    a().resetCursor();
    expect(a().step).toBe(6);
    expect(a().prevStep).toBe(-1);
    expect(a().selectedTask).toBe(-1);
    a().resetCursor('start');
    expect(a().step).toBe(0);
  });

  it('does nothing without a trace', () => {
    const s = makeStore(null);
    const a = () => s.getState();
    a().stepForward();
    a().jumpEnd();
    a().play();
    a().runToNext('timer');
    expect(a().step).toBe(0);
    expect(a().playing).toBe(false);
  });
});
