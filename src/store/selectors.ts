import type { PlaygroundState } from './types';

/** Selectors shared by several components; a component's one-off reads can stay inline. */
export const selectCanRun = (s: PlaygroundState) =>
  s.runtimeStatus === 'ready' || s.runtimeStatus === 'running' || s.runtimeStatus === 'stopping';
/**
 * Whether there is a run to stop: the runtime running or stopping one, or a run started that still
 * waits for Python (Ctrl+Enter while it boots queues the run; Stop must be able to cancel it).
 */
export const selectIsBusy = (s: PlaygroundState) =>
  s.running || s.runtimeStatus === 'running' || s.runtimeStatus === 'stopping';
export const selectBootFraction = (s: PlaygroundState) =>
  s.bootTotal > 0 ? Math.min(1, s.bootLoaded / s.bootTotal) : null;
