/**
 * Registers public/sw.js, which keeps the Python runtime and the app shell in Cache Storage so
 * later visits boot without the network and the app opens offline. Production builds only: in
 * dev the worker would serve stale modules under hot reload.
 *
 * It waits until the runtime is ready (or the page has been idle for a while) before registering,
 * because the worker's install downloads the runtime files once more into its cache, and on the
 * first visit that download must not compete with the one Pyodide is doing.
 *
 * Importing this module registers the worker (main.tsx: `import './register-sw';`).
 */

/** Longest wait for the runtime before registering anyway (a boot that failed, say). */
const REGISTER_FALLBACK_MS = 15_000;

const STATE_ATTR = 'data-runtime-state';

/** Whether a runtime-state value means the boot is over ('ready', 'running', 'error', ...). */
export function isSettled(state: string | null): boolean {
  return state !== null && state !== 'booting';
}

/**
 * Calls `done` once a playground's runtime has left 'booting', or after REGISTER_FALLBACK_MS.
 *
 * The playground publishes its boot state as data-runtime-state (the e2e readiness signal).
 * Watching for it must cost nothing per DOM change: a page opened from a `?trace=` link never
 * boots Python, so this waits the whole fallback while the debugger re-renders on every step.
 * So it watches the attribute alone (no childList records), and looks for a playground already
 * mounted with a settled state only when the page has finished loading (the element is created
 * with its first value, which an attribute observer does not report). The one thing that can
 * slip past both, a playground mounted after load with its runtime already settled, is left to
 * the fallback.
 */
export function whenRuntimeSettled(
  done: () => void,
  root: Document = document,
  fallbackMs = REGISTER_FALLBACK_MS,
): void {
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    observer.disconnect();
    clearTimeout(timer);
    root.defaultView?.removeEventListener('load', check);
    done();
  };
  // Anything past 'booting' counts: an autorun may move 'ready' on to 'running' at once.
  const check = () => {
    for (const el of root.querySelectorAll(`[${STATE_ATTR}]`)) {
      if (isSettled(el.getAttribute(STATE_ATTR))) return finish();
    }
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (isSettled((r.target as Element).getAttribute(STATE_ATTR))) return finish();
    }
  });
  observer.observe(root.documentElement, {
    subtree: true,
    attributes: true,
    attributeFilter: [STATE_ATTR],
  });
  const timer = setTimeout(finish, fallbackMs);
  if (root.readyState === 'complete') check();
  else root.defaultView?.addEventListener('load', check);
}

/** This page and the same-origin files it loaded: the shell to keep offline. */
function shellUrls(): string[] {
  const urls = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.startsWith(location.origin));
  // The page itself too: its first visit was not served through the worker.
  return [...new Set([location.href, ...urls])];
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  whenRuntimeSettled(() => {
    navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}sw.js`)
      .then(async () => {
        const registration = await navigator.serviceWorker.ready;
        registration.active?.postMessage({ type: 'loopscope-cache-shell', urls: shellUrls() });
      })
      // Without a service worker the page works as before, only without the offline cache.
      .catch(() => undefined);
  });
}

registerServiceWorker();
