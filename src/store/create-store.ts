import { createStore } from 'zustand/vanilla';
import { createConsoleSlice } from './slices/console';
import { createCursorSlice } from './slices/cursor';
import { createEditorSlice } from './slices/editor';
import { createRunSlice } from './slices/run';
import { createRuntimeSlice } from './slices/runtime';
import { navigatorForTrace } from './slices/cursor-source';
import type { PlaygroundInit, PlaygroundState } from './types';

/** One store per playground instance: two embeds on one page never share state. */
export function createPlaygroundStore(init: PlaygroundInit) {
  const store = createStore<PlaygroundState>()((...a) => ({
    ...createEditorSlice(init)(...a),
    ...createRuntimeSlice(init)(...a),
    ...createRunSlice(init)(...a),
    ...createConsoleSlice(init)(...a),
    ...createCursorSlice(a[0], a[1], () => navigatorForTrace(a[1]().trace)),
  }));
  // A new trace puts the debugger's cursor at its end (and clears the selection) in the same
  // update, so nothing ever renders the new trace at the old trace's step; a seek right after
  // (a link's step) then simply wins. Its lines are the editor's as they are now: the old run's
  // line mapping goes with it, so no panel shows the new run's lines through it.
  store.subscribe((state, prev) => {
    if (state.trace === prev.trace) return;
    state.resetCursor('end');
    state.setRunLines(null);
  });
  return store;
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;
