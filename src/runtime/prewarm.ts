/**
 * Starting the Python worker early. Pyodide's boot takes seconds, and the app's own code (React,
 * Monaco, the panels) takes a good part of a second to fetch, parse and run. The entry modules
 * (main.tsx, embed.tsx) are tiny: they call `prewarmPyodideWorker()` before importing the app, so
 * the worker downloads the runtime while the page is still loading the rest. When the playground
 * mounts, its controller adopts that worker (`takePrewarmedWorker`) instead of spawning its own;
 * from then on the RuntimeClient owns it like any other (progress, crash replacement, Stop).
 *
 * The first half second belongs to the editor. On two cores, CPython's boot (compiling the
 * WebAssembly, unpacking the standard library) competes with the page for the CPU, so the worker is
 * created at once and its runtime files are fetched at once (`prefetchRuntime`), but its `init`,
 * which starts the CPU-heavy part, can wait for a signal: boot.ts passes "the editor accepts
 * typing", capped so that Python never waits long for a page that is slow to render.
 *
 * This module must stay small and must not import React, Monaco or the store: everything it
 * imports is fetched and parsed before the worker can start.
 */
import { make, type Request, type StopProbe } from './protocol';
import type { WorkerPort } from './runtime-client';

/**
 * A worker that has been sent its `init` (or has it queued behind a start signal, see
 * `startPyodideWorker`), waiting for a RuntimeClient to adopt it.
 */
export interface StartedWorker {
  port: WorkerPort;
  /** The interrupt buffer sent with `init`, or null when the page is not cross-origin isolated. */
  interruptBuffer: SharedArrayBuffer | null;
  /** The stop-poll probe sent with `init` when there is no interrupt buffer (see StopProbe). */
  stopProbe: StopProbe | null;
  /** The base URL sent with `init`; a client with another base URL must not adopt the worker. */
  baseUrl: string;
}

type Early = { kind: 'message'; data: unknown } | { kind: 'error'; message: string };

/**
 * The real worker, as a module worker so it can import Pyodide's ES module. Messages and errors
 * that arrive before `listen()` wait and are delivered in order by it: a worker started early
 * reports its first boot phases before the app that shows them has loaded.
 */
export function spawnPyodideWorker(): WorkerPort {
  const worker = new Worker(new URL('./pyodide.worker.ts', import.meta.url), {
    type: 'module',
    name: 'loopscope-python',
  });
  let early: Early[] | null = [];
  let deliver: ((data: unknown) => void) | null = null;
  let fail: ((message: string) => void) | null = null;
  const onMessage = (data: unknown) =>
    deliver ? deliver(data) : early?.push({ kind: 'message', data });
  const onError = (message: string) =>
    fail ? fail(message) : early?.push({ kind: 'error', message });
  worker.onmessage = (event) => onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    onError(event.message);
  };
  worker.onmessageerror = () => onError('a worker message could not be deserialized');
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    terminate: () => {
      early = null;
      worker.terminate();
    },
    listen(onMessage, onError) {
      const waiting = early ?? [];
      early = null;
      deliver = onMessage;
      fail = onError;
      for (const item of waiting) {
        if (item.kind === 'message') onMessage(item.data);
        else onError(item.message);
      }
    },
  };
}

/** Whether this page can hand the worker a SharedArrayBuffer for interrupts. */
export function pageIsIsolated(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer !== 'undefined';
}

/**
 * Stop without SharedArrayBuffer revokes a blob URL (protocol.ts, StopProbe; stop-poll.ts).
 * These make and drop them; null or a no-op where the page has no blob URLs.
 */
/** Makes and drops the blob URLs a Stop revokes (runtime-client.ts takes one as an option). */
export interface StopUrls {
  create(): string | null;
  revoke(url: string | null): void;
}

export const stopUrls: StopUrls = {
  create(): string | null {
    if (typeof URL.createObjectURL !== 'function' || typeof Blob === 'undefined') return null;
    try {
      return URL.createObjectURL(new Blob(['1'], { type: 'text/plain' }));
    } catch {
      return null;
    }
  },
  revoke(url: string | null): void {
    if (url !== null) URL.revokeObjectURL(url);
  },
};

/** A live and a revoked blob URL, for the worker to check at boot that it can poll for Stop. */
export function makeStopProbe(urls: StopUrls = stopUrls): StopProbe | null {
  const alive = urls.create();
  const revoked = urls.create();
  if (alive === null || revoked === null) {
    urls.revoke(alive);
    return null;
  }
  urls.revoke(revoked);
  return { alive, revoked };
}

/**
 * A port whose messages wait until `gate` settles, then go out in order. The worker itself exists
 * (its script loads) meanwhile; only what the messages start waits.
 */
export function gatePort(port: WorkerPort, gate: Promise<unknown>): WorkerPort {
  let queue: [Request, Transferable[]][] | null = [];
  const open = () => {
    const waiting = queue ?? [];
    queue = null;
    for (const [message, transfer] of waiting) port.post(message, transfer);
  };
  gate.then(open, open);
  return {
    post: (message, transfer = []) => {
      if (queue) queue.push([message, transfer]);
      else port.post(message, transfer);
    },
    terminate: () => {
      queue = null;
      port.terminate();
    },
    listen: (onMessage, onError) => port.listen(onMessage, onError),
  };
}

/**
 * Spawns a worker and sends it `init`: at once, or when `startAfter` settles. The id 0 cannot
 * collide with a client's requests, whose ids start at 1.
 */
export function startPyodideWorker(
  baseUrl: string,
  isolated: boolean,
  startAfter?: Promise<unknown>,
): StartedWorker {
  const spawned = spawnPyodideWorker();
  const port = startAfter ? gatePort(spawned, startAfter) : spawned;
  const interruptBuffer = isolated ? new SharedArrayBuffer(4) : null;
  const stopProbe = isolated ? null : makeStopProbe();
  port.post(make<Request>({ type: 'init', id: 0, baseUrl, interruptBuffer, stopProbe }));
  return { port, interruptBuffer, stopProbe, baseUrl };
}

/**
 * What Pyodide fetches to boot, relative to `pyodide/` (public/sw.js precaches the same), in the
 * order it asks for them: the module, its glue, the lock file, the wasm, the standard library.
 */
export const RUNTIME_FILES = [
  'pyodide.mjs',
  'pyodide.asm.mjs',
  'pyodide-lock.json',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
] as const;

/**
 * Downloads the runtime files into the HTTP cache now, so that when the worker boots its own
 * requests are answered by a revalidation (a 304) instead of megabytes. One file at a time, in
 * the order the worker asks for them: a browser opens only six connections to a host over
 * HTTP/1.1, and five parallel downloads of megabytes made the app's own small scripts queue
 * behind them. Skipped when a service worker controls the page: it already holds the files
 * (public/sw.js), and reading them through it would only copy them around. Failures stop the
 * prefetch quietly: the worker then fetches, and reports, for itself.
 */
export async function prefetchRuntime(baseUrl: string): Promise<void> {
  if (typeof fetch === 'undefined') return;
  if (typeof navigator !== 'undefined' && navigator.serviceWorker?.controller) return;
  try {
    for (const name of RUNTIME_FILES) {
      const response = await fetch(new URL(`pyodide/${name}`, baseUrl).href, {
        priority: 'low',
      } as RequestInit);
      // The body must be read to the end for the response to be kept; nothing holds on to it.
      await response.body?.pipeTo(new WritableStream());
    }
  } catch {
    // See above: the worker's own requests are the ones that count.
  }
}

let prewarmed: StartedWorker | null = null;

/**
 * Starts the page's Python worker now, for the first playground to adopt. Call it from an entry
 * module before importing the app. With `startAfter`, the worker and its downloads start now and
 * Python's boot when the promise settles. Does nothing where there is no Worker (tests, old
 * browsers) or when a worker is already waiting.
 */
export function prewarmPyodideWorker(baseUrl: string, startAfter?: Promise<unknown>): void {
  if (prewarmed || typeof Worker === 'undefined') return;
  try {
    prewarmed = startPyodideWorker(baseUrl, pageIsIsolated(), startAfter);
  } catch {
    // The playground spawns its own worker when it mounts, and reports a failure there.
    prewarmed = null;
  }
}

/**
 * Hands the prewarmed worker to one caller, once. Returns null when there is none, or when it was
 * started with a different base URL or isolation than the caller needs (that worker is
 * terminated, and the caller spawns its own).
 */
export function takePrewarmedWorker(baseUrl: string, isolated: boolean): StartedWorker | null {
  const worker = prewarmed;
  prewarmed = null;
  if (!worker) return null;
  if (worker.baseUrl !== baseUrl || (worker.interruptBuffer !== null) !== isolated) {
    worker.port.terminate();
    stopUrls.revoke(worker.stopProbe?.alive ?? null);
    return null;
  }
  return worker;
}
