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
  return createStore<PlaygroundState>()((...a) => ({
    ...createEditorSlice(init)(...a),
    ...createRuntimeSlice(init)(...a),
    ...createRunSlice(init)(...a),
    ...createConsoleSlice(init)(...a),
    ...createCursorSlice(a[0], a[1], () => navigatorForTrace(a[1]().trace)),
  }));
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;
