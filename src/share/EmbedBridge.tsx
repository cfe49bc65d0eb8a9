/**
 * Connects one embedded playground to its host page through the postMessage API
 * (embed-messaging.ts). Renders nothing. Mounted only in embeds that have a parent window.
 */
import { useEffect } from 'react';
import { usePlaygroundController } from '../app/controller-context';
import { usePlaygroundStoreApi } from '../store/context';
import { EmbedMessenger, detectParentOrigin } from './embed-messaging';
import type { EmbedErrorCode } from './embed-messaging';
import { watchForHost } from './embed-notify';

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
    // Runs the host asked for, so that the watcher below can tell them from the person's own Run
    // clicks.
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
    const unsubscribe = watchForHost(
      store,
      {
        runFinished: (payload) => messenger.notifyRunFinished(payload),
        stepChanged: (step, time) => messenger.notifyStepChanged(step, time),
        // Run pressed in the embed itself (button or shortcut): from now on the host may run.
        userRun: () => messenger.markUserRun(),
      },
      () => {
        if (hostRuns === 0) return false;
        hostRuns--;
        return true;
      },
    );
    messenger.start();
    return () => {
      unsubscribe();
      messenger.stop();
    };
  }, [store, controller, autorun, readonly, embedId]);

  return null;
}
