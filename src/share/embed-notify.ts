/**
 * What an embed tells its host about the playground: a `run-finished` per run that ends and a
 * `step-changed` per actual move of the debugger's cursor (embed-messaging.ts posts them).
 * Pure of React so the counting is unit-tested.
 *
 * It compares with what it last reported, not with each update's previous state: the store moves
 * the cursor to the end of a new trace from inside the update that brings the trace (a nested
 * update, create-store.ts), so the listener hears the two out of order, and comparing each with
 * its own previous state reported the same step twice, around `run-finished`.
 */
import type { PlaygroundStore } from '../store/create-store';
import { OUTCOME_NAMES } from '../trace/decode';
import type { TraceColumns } from '../trace/schema';
import type { EmbedMessage } from './embed-messaging';

export interface EmbedNotifications {
  runFinished(payload: Extract<EmbedMessage, { type: 'run-finished' }>['payload']): void;
  stepChanged(step: number, time: number): void;
  /** A run the host did not ask for started: the person pressed the embed's own Run. */
  userRun(): void;
}

/**
 * Reports the store's runs and cursor moves from now on; returns the unsubscribe function.
 * `takeHostRun` answers whether a run that just started was the host's (and counts it off).
 */
export function watchForHost(
  store: PlaygroundStore,
  notify: EmbedNotifications,
  takeHostRun: () => boolean,
): () => void {
  const start = store.getState();
  let runSeq = start.runSeq;
  let lastRun = start.lastRun;
  let trace = start.trace;
  let step = start.step;
  return store.subscribe(() => {
    // The latest state, whichever update this call is about.
    const state = store.getState();
    for (; runSeq < state.runSeq; runSeq++) if (!takeHostRun()) notify.userRun();
    if (state.lastRun !== lastRun) {
      lastRun = state.lastRun;
      if (lastRun) {
        const stats = lastRun.stats;
        const events = state.trace?.events.kind.length ?? stats?.events ?? 0;
        notify.runFinished({
          outcome:
            lastRun.kind === 'done'
              ? (OUTCOME_NAMES[lastRun.outcome] ?? String(lastRun.outcome))
              : lastRun.kind,
          events,
          // A recorded run (trace=) has no live stats: its clock ends where its last event is.
          virtualTime: stats?.virtualTime ?? endTime(state.trace),
          lastStep: events - 1,
        });
      }
    }
    if (state.trace !== trace || state.step !== step) {
      trace = state.trace;
      step = state.step;
      if (trace !== null) notify.stepChanged(step, stepTime(trace, step));
    }
  });
}

/** Virtual time at the end of a run: its last event's (the run's end), 0 without events. */
function endTime(trace: TraceColumns | null): number {
  return trace === null ? 0 : stepTime(trace, trace.events.time.length - 1);
}

/** Virtual time at a step, read straight from the trace's time column. */
function stepTime(trace: TraceColumns, step: number): number {
  const times = trace.events.time;
  return step >= 0 && step < times.length ? times[step] : 0;
}
