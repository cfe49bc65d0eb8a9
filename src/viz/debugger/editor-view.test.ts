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
  it('reads each task view’s chain once, however many steps show it', () => {
    const index = {};
    const tasks = cancelState.tasks.map(counted);
    const at = (step: number): TraceState => ({
      ...cancelState,
      step,
      tasks: tasks.map((t) => t.view),
    });
    const first = editorState(at(1), index)!;
    const second = editorState(at(2), index)!;
    for (let i = 0; i < tasks.length; i++) {
      expect(second.tasks[i].chain).toBe(first.tasks[i].chain);
      expect(second.tasks[i].chain).toHaveLength(cancelState.tasks[i].chain.length);
      expect(tasks[i].reads()).toBe(1);
    }
    // A task that changed has a new view: its chain is read again.
    const changed = counted(cancelState.tasks[0]);
    const third = editorState(
      { ...at(3), tasks: [changed.view, ...tasks.slice(1).map((t) => t.view)] },
      index,
    )!;
    expect(third.tasks[0].chain).not.toBe(first.tasks[0].chain);
    expect(third.tasks[1].chain).toBe(first.tasks[1].chain);
    expect(changed.reads()).toBe(1);
  });

  it('keeps every field the editor marks read, so the marks are the same', () => {
    const opts = { selectedTask: 1, lineCount: 40 };
    expect(debugDecorations(editorState(cancelState, {}), opts)).toEqual(
      debugDecorations(cancelState, opts),
    );
    expect(editorState(cancelState, {})!.tasks.map((t) => [t.id, t.name, t.state])).toEqual(
      cancelState.tasks.map((t) => [t.id, t.name, t.state]),
    );
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
