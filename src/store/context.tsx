import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { PlaygroundStore } from './create-store';
import type { PlaygroundState } from './types';

/** The store of the nearest <Playground>. */
export const PlaygroundStoreContext = createContext<PlaygroundStore | null>(null);

export function usePlaygroundStoreApi(): PlaygroundStore {
  const store = useContext(PlaygroundStoreContext);
  if (!store) throw new Error('usePlaygroundStore must be used inside <Playground>');
  return store;
}

/** Reads a piece of the nearest playground's state; re-renders only when that piece changes. */
export function usePlaygroundStore<T>(selector: (state: PlaygroundState) => T): T {
  return useStore(usePlaygroundStoreApi(), selector);
}
