import type { StateCreator } from 'zustand';
import type { ConsoleSlice } from './slices/console';
import type { CursorSlice } from './slices/cursor';
import type { EditorSlice } from './slices/editor';
import type { RunSlice } from './slices/run';
import type { RuntimeSlice } from './slices/runtime';

/**
 * The whole state of one playground. To add a slice: write `slices/<name>.ts` exporting its
 * interface and a `create<Name>Slice(init)`, add the interface here and one line in
 * createPlaygroundStore.
 */
export type PlaygroundState = EditorSlice & RuntimeSlice & RunSlice & ConsoleSlice & CursorSlice;

/** What a store starts from; fixed for the life of the playground. */
export interface PlaygroundInit {
  /** The program the editor opens with (already resolved from config, storage or the default). */
  code: string;
  /** The file name Python reports in tracebacks. */
  filename: string;
}

/** A slice sees (and may set) the whole state, but only declares its own part. */
export type SliceCreator<T> = (init: PlaygroundInit) => StateCreator<PlaygroundState, [], [], T>;
