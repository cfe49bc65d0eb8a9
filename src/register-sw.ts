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

function whenRuntimeSettled(done: () => void): void {
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    observer.disconnect();
    clearTimeout(timer);
    done();
  };
  // The playground publishes its boot state as data-runtime-state (the e2e readiness signal).
  // Anything past 'booting' counts: an autorun may move 'ready' on to 'running' at once.
  const settled = () =>
    document.querySelector('[data-runtime-state]:not([data-runtime-state="booting"])') !== null;
  const observer = new MutationObserver(() => {
    if (settled()) finish();
  });
  observer.observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-runtime-state'],
  });
  const timer = setTimeout(finish, REGISTER_FALLBACK_MS);
  if (settled()) finish();
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
