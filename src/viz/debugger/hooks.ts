import { useMemo } from 'react';
import { usePlaygroundStore } from '../../store/context';
import { indexFor, stateFor } from '../../store/slices/cursor-source';
import type { TraceIndex } from '../../trace/index';
import type { TraceState } from '../../trace/types';

export interface DebugView {
  index: TraceIndex | null;
  /** The state at the cursor step; null before a run or when the trace is empty. */
  state: TraceState | null;
  /** Why the trace could not be shown, if it could not. */
  error: string | null;
}

/**
 * The view of the run at the cursor: (trace, step) → state. Every panel calls this; the index is
 * cached per trace and the state per step, so they all share one stateAt call per step.
 */
export function useDebugView(): DebugView {
  const trace = usePlaygroundStore((s) => s.trace);
  const step = usePlaygroundStore((s) => s.step);
  const prevStep = usePlaygroundStore((s) => s.prevStep);
  const built = useMemo(() => (trace ? indexFor(trace) : null), [trace]);
  return useMemo(() => {
    if (!built) return { index: null, state: null, error: null };
    if (built instanceof Error) return { index: null, state: null, error: built.message };
    if (built.eventCount === 0) return { index: built, state: null, error: null };
    return { index: built, state: stateFor(built, step, prevStep), error: null };
  }, [built, step, prevStep]);
}

/** Steps in the current trace, 0 before a run. */
export function useStepCount(): number {
  const { index } = useDebugView();
  return index?.eventCount ?? 0;
}
