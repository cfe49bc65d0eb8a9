import { describe, expect, it } from 'vitest';
import { debugDecorations } from '../../editor/debug-decorations';
import { cancelState } from '../fixtures';
import type { FrameView, TaskView, TraceState } from '../../trace/types';
import { editorState, marksKey, sameKey } from './editor-view';

/** A task view that counts reads of its chain, as stateAt's lazy views parse on each read. */
function counted(task: TaskView): { view: TaskView; reads: () => number } {
  let reads = 0;
  const view = Object.create(task, {
    chain: {
      get(): FrameView[] {
        reads++;
        return task.chain.map((f) => ({ ...f }));
      },
    },
  }) as TaskView;
  return { view, reads: () => reads };
}

describe('editorState', () => {
  it('reads no task’s chain, and keeps every task view as it is', () => {
    const index = {};
    const tasks = cancelState.tasks.map(counted);
    const state: TraceState = { ...cancelState, tasks: tasks.map((t) => t.view) };
    const out = editorState(state, index)!;
    expect(out.tasks.every((t, i) => t === tasks[i].view)).toBe(true);
    expect(editorState(state, index)).toBe(out);
    // The marks read lines through `awaitLine` (the index's table), not through the chains.
    const opts = { selectedTask: -1, lineCount: 40, awaitLine: () => 4 };
    expect(debugDecorations(out, opts).length).toBeGreaterThan(0);
    expect(tasks.map((t) => t.reads())).toEqual(tasks.map(() => 0));
  });

  it('computes none of the state’s lazy parts, such as its futures', () => {
    const index = {};
    let reads = 0;
    const lazy = (step: number): TraceState => {
      const state = { ...cancelState, step };
      Object.defineProperty(state, 'futures', {
        enumerable: true,
        get: () => (reads++, cancelState.futures),
      });
      return state;
    };
    const a = editorState(lazy(5), index)!;
    const b = editorState(lazy(6), index)!;
    expect(b.tasks).toBe(a.tasks);
    expect(b.step).toBe(6);
    expect(reads).toBe(0);
    // Still there, when something reads them.
    expect(b.futures).toBe(cancelState.futures);
    expect(reads).toBe(1);
  });

  it('hands back the same task list while no task changed, so the marks can be skipped', () => {
    const index = {};
    const a = editorState({ ...cancelState, step: 5 }, index)!;
    const b = editorState({ ...cancelState, step: 6, explanation: 'another event' }, index)!;
    expect(b.tasks).toBe(a.tasks);
    const errors = [{ step: 9, line: 3, type: 'ValueError', traceback: '' }];
    expect(sameKey(marksKey(a, -1, errors), marksKey(b, -1, errors))).toBe(true);
    const opts = { selectedTask: -1, lineCount: 40, errors };
    expect(debugDecorations(b, opts)).toEqual(debugDecorations(a, opts));

    // Whatever the marks read makes the keys differ: a task, the line, the selection, errors.
    const moved = { ...cancelState.tasks[1], state: 'running' as const };
    const c = editorState(
      { ...cancelState, step: 7, tasks: cancelState.tasks.map((t, i) => (i === 1 ? moved : t)) },
      index,
    )!;
    expect(c.tasks).not.toBe(a.tasks);
    expect(sameKey(marksKey(a, -1, errors), marksKey(c, -1, errors))).toBe(false);
    const other = { ...b, currentLine: b.currentLine + 1 };
    expect(sameKey(marksKey(b, -1, errors), marksKey(other, -1, errors))).toBe(false);
    expect(sameKey(marksKey(b, -1, errors), marksKey(b, 1, errors))).toBe(false);
    const late = { ...b, step: 9 };
    expect(sameKey(marksKey(b, -1, errors), marksKey(late, -1, errors))).toBe(false);
    expect(sameKey(null, marksKey(b, -1, errors))).toBe(false);
  });

  it('passes null through', () => {
    expect(editorState(null, {})).toBeNull();
  });
});
