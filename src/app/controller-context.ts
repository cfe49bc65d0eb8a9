import { createContext, useContext } from 'react';
import type { PlaygroundController } from './controller';

/** The nearest playground's controller (Run, Stop, Retry), for panels that need to act. */
export const PlaygroundControllerContext = createContext<PlaygroundController | null>(null);

export function usePlaygroundController(): PlaygroundController {
  const controller = useContext(PlaygroundControllerContext);
  if (!controller) throw new Error('usePlaygroundController must be used inside <Playground>');
  return controller;
}
