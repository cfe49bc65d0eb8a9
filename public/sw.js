/**
 * Loopscope's service worker: keeps the Python runtime (/pyodide/*, about 14 MB) and the app shell
 * in Cache Storage, so a second visit boots without the network and the app works offline.
 *
 * - /pyodide/* (names without hashes): served from the cache at once; in the background a
 *   conditional request (If-None-Match / If-Modified-Since) checks for a newer copy, which the
 *   next visit gets. A 304 costs a few hundred bytes.
 * - /assets/* (content-hashed names, so immutable): cache first, never revalidated.
 * - Page navigations: network first, so a deploy shows at once; the cached page when offline.
 *
 * Cached responses are the server's own, headers included: COOP/COEP (cross-origin isolation,
 * which Stop's SharedArrayBuffer needs) and the Content-Security-Policy survive a cache hit.
 * Only same-origin GETs are touched; anything else goes to the network as if there were no worker.
 */
const VERSION = 'v1';
const RUNTIME_CACHE = `loopscope-runtime-${VERSION}`;
const SHELL_CACHE = `loopscope-shell-${VERSION}`;
const SCOPE = new URL(self.registration.scope);
const PYODIDE = new URL('pyodide/', SCOPE).pathname;
const ASSETS = new URL('assets/', SCOPE).pathname;

/** What Pyodide fetches to boot (see scripts/copy-pyodide.mjs); precached so visit two is local. */
const RUNTIME_FILES = [
  'pyodide.mjs',
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(RUNTIME_CACHE);
      // One by one and tolerant: a missing optional file must not stop the worker installing.
      await Promise.all(
        RUNTIME_FILES.map(async (name) => {
          const url = new URL(name, new URL(PYODIDE, SCOPE)).href;
          if (await cache.match(url)) return;
          const response = await fetch(url).catch(() => null);
          if (response && response.ok) await cache.put(url, response);
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([RUNTIME_CACHE, SHELL_CACHE]);
      for (const name of await caches.keys()) {
        if (name.startsWith('loopscope-') && !keep.has(name)) await caches.delete(name);
      }
    })(),
  );
});

/**
 * The page sends its own address and the scripts, styles and workers it loaded (see
 * src/register-sw.ts): the shell to keep for offline visits.
 */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'loopscope-cache-shell' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      for (const raw of data.urls) {
        const url = new URL(String(raw), SCOPE);
        url.search = '';
        url.hash = '';
        const page = url.pathname === SCOPE.pathname || url.pathname.endsWith('.html');
        if (url.origin !== SCOPE.origin || !(page || url.pathname.startsWith(ASSETS))) continue;
        if (await cache.match(url.href)) continue;
        const response = await fetch(url.href).catch(() => null);
        if (response && response.ok) await cache.put(url.href, response);
      }
    })(),
  );
});

function validators(cached) {
  const headers = {};
  const etag = cached.headers.get('ETag');
  const modified = cached.headers.get('Last-Modified');
  if (etag) headers['If-None-Match'] = etag;
  if (modified) headers['If-Modified-Since'] = modified;
  return headers;
}

async function revalidate(cache, request, cached) {
  const headers = validators(cached);
  // Without a validator the check would download the whole file again on every visit.
  if (Object.keys(headers).length === 0) return;
  try {
    const response = await fetch(request.url, { headers, cache: 'no-store' });
    if (response.status === 200) await cache.put(request.url, response);
  } catch {
    // Offline: the cached copy stays.
  }
}

async function cacheFirst(event, cacheName, refresh) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(event.request.url);
  if (cached) {
    if (refresh) event.waitUntil(revalidate(cache, event.request, cached));
    return cached;
  }
  const response = await fetch(event.request);
  if (response.ok && response.status === 200) {
    event.waitUntil(cache.put(event.request.url, response.clone()));
  }
  return response;
}

async function networkFirst(event) {
  const cache = await caches.open(SHELL_CACHE);
  // Share links carry their program in the query; the page itself is the same file.
  const key = new URL(event.request.url);
  key.search = '';
  key.hash = '';
  try {
    const response = await fetch(event.request);
    if (response.ok && response.status === 200) {
      event.waitUntil(cache.put(key.href, response.clone()));
    }
    return response;
  } catch (error) {
    const cached = await cache.match(key.href);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return;
  // Range requests would put partial bodies in the cache.
  if (request.headers.has('range')) return;
  if (url.pathname.startsWith(PYODIDE)) {
    event.respondWith(cacheFirst(event, RUNTIME_CACHE, true));
  } else if (url.pathname.startsWith(ASSETS)) {
    event.respondWith(cacheFirst(event, SHELL_CACHE, false));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(event));
  }
});
