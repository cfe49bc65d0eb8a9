import type { PlaygroundState } from './types';

/** Selectors shared by several components; a component's one-off reads can stay inline. */
export const selectCanRun = (s: PlaygroundState) =>
  s.runtimeStatus === 'ready' || s.runtimeStatus === 'running' || s.runtimeStatus === 'stopping';
export const selectIsBusy = (s: PlaygroundState) =>
  s.runtimeStatus === 'running' || s.runtimeStatus === 'stopping';
export const selectBootFraction = (s: PlaygroundState) =>
  s.bootTotal > 0 ? Math.min(1, s.bootLoaded / s.bootTotal) : null;
