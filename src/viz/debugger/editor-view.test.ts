import { describe, expect, it } from 'vitest';
import { debugDecorations } from '../../editor/debug-decorations';
import { cancelState } from '../fixtures';
import type { FrameView, TaskView, TraceState } from '../../trace/types';
import { editorState } from './editor-view';

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

  it('passes null through', () => {
    expect(editorState(null, {})).toBeNull();
  });
});
