/**
 * Connects one embedded playground to its host page through the postMessage API
 * (embed-messaging.ts). Renders nothing. Mounted only in embeds that have a parent window.
 */
import { useEffect } from 'react';
import { usePlaygroundController } from '../app/controller-context';
import { usePlaygroundStoreApi } from '../store/context';
import { OUTCOME_NAMES } from '../trace/decode';
import type { TraceColumns } from '../trace/schema';
import { EmbedMessenger, detectParentOrigin } from './embed-messaging';
import type { EmbedErrorCode } from './embed-messaging';

/**
 * Origins trusted besides the parent's, set at build time where Loopscope is deployed
 * (comma-separated), never from the URL.
 */
function configuredOrigins(): string[] {
  const raw = (import.meta.env.VITE_LOOPSCOPE_EMBED_ORIGINS as string | undefined) ?? '';
  return raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

export function EmbedBridge({
  autorun,
  readonly,
  embedId,
}: {
  autorun: boolean;
  readonly: boolean;
  embedId?: string;
}) {
  const store = usePlaygroundStoreApi();
  const controller = usePlaygroundController();

  useEffect(() => {
    if (window.parent === window) return;
    // Runs the host asked for, so that the run-count subscription below can tell them from the
    // person's own Run clicks.
    let hostRuns = 0;
    const messenger = new EmbedMessenger({
      self: window,
      parent: window.parent,
      parentOrigin: detectParentOrigin(window),
      allowedOrigins: configuredOrigins(),
      autorun,
      readonly,
      embedId,
      handlers: {
        setCode: (code) => store.getState().setCode(code),
        run: () => {
          hostRuns++;
          void controller.run();
        },
        seek: (step): EmbedErrorCode | void => {
          const { trace } = store.getState();
          if (trace === null) return 'no-trace';
          if (step >= trace.events.kind.length) return 'step-out-of-range';
          store.getState().seek(step);
        },
      },
    });
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.runSeq !== prev.runSeq) {
        if (hostRuns > 0) hostRuns--;
        // Run pressed in the embed itself (button or shortcut): from now on the host may run.
        else messenger.markUserRun();
      }
      if (state.lastRun !== prev.lastRun && state.lastRun) {
        const stats = state.lastRun.stats;
        const events = state.trace?.events.kind.length ?? stats?.events ?? 0;
        messenger.notifyRunFinished({
          outcome:
            state.lastRun.kind === 'done'
              ? (OUTCOME_NAMES[state.lastRun.outcome] ?? String(state.lastRun.outcome))
              : state.lastRun.kind,
          events,
          virtualTime: stats?.virtualTime ?? 0,
          lastStep: events - 1,
        });
      }
      if (state.trace !== null && (state.step !== prev.step || state.trace !== prev.trace)) {
        messenger.notifyStepChanged(state.step, stepTime(state.trace, state.step));
      }
    });
    messenger.start();
    return () => {
      unsubscribe();
      messenger.stop();
    };
  }, [store, controller, autorun, readonly, embedId]);

  return null;
}

/** Virtual time at a step, read straight from the trace's time column. */
function stepTime(trace: TraceColumns, step: number): number {
  const times = trace.events.time;
  return step >= 0 && step < times.length ? times[step] : 0;
}
