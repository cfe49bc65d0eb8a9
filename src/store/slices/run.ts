import type { RunStats } from '../../runtime/protocol';
import type { TraceColumns } from '../../trace/schema';
import type { SliceCreator } from '../types';

/** How the last run ended, in the page's terms (see RunEnd in runtime-client.ts). */
export type RunEndKind = 'done' | 'terminated' | 'crashed' | 'cancelled';

export interface LastRun {
  /** Increases with every run started in this playground. */
  seq: number;
  kind: RunEndKind;
  /** An `Outcome` from trace/schema.ts when kind is 'done', else -1. */
  outcome: number;
  detail: string;
  stats: RunStats | null;
}

export interface RunSlice {
  /** Number of runs started; the debugger panels key their cursor state on it. */
  runSeq: number;
  /** True from Run until the run ends (or is superseded by the next Run). */
  running: boolean;
  lastRun: LastRun | null;
  /** The trace of the last finished run, null before one or when it produced none. */
  trace: TraceColumns | null;
  beginRun(): number;
  endRun(run: Omit<LastRun, 'seq'>, trace: TraceColumns | null): void;
}

export const createRunSlice: SliceCreator<RunSlice> = () => (set, get) => ({
  runSeq: 0,
  running: false,
  lastRun: null,
  trace: null,
  beginRun: () => {
    const runSeq = get().runSeq + 1;
    set({ runSeq, running: true });
    return runSeq;
  },
  endRun: (run, trace) => set({ running: false, lastRun: { ...run, seq: get().runSeq }, trace }),
});
