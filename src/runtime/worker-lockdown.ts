/**
 * The worker's own wall around user code (docs/security.md). The Python sandbox
 * (loopscope/_sandbox.py) keeps programs away from Pyodide's bridge to JavaScript, but one
 * interpreter cannot be sealed completely. Once Python has booted, nothing in this worker needs
 * the network, storage or code generation, so they are taken away before any program runs:
 *
 * - the Function constructors reachable as `fn.constructor` (plain, async, generator, async
 *   generator) throw, so a JsProxy of any JS function cannot be turned into `eval`. The app's CSP
 *   (no 'unsafe-eval') blocks this too, but only where the host sends the CSP header: a
 *   `<meta>` policy does not reach a worker;
 * - `fetch`, XMLHttpRequest, WebSocket, EventSource, WebTransport, Cache Storage, IndexedDB,
 *   BroadcastChannel and nested workers are deleted from the global scope and its prototypes
 *   (Cache Storage matters most: the service worker serves the app shell from it);
 * - `postMessage` and `close` are deleted too; the worker keeps a private bound copy of
 *   postMessage, so only its own code can talk to the page.
 */

/** Names removed from the worker's global scope (own properties and prototypes). */
export const REMOVED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'WebTransport',
  'caches',
  'indexedDB',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'importScripts',
  'postMessage',
  'close',
] as const;

const CONSTRUCTOR_SOURCES: (() => unknown)[] = [
  () => function () {},
  () => async function () {},
  () =>
    function* () {
      /* a generator */
    },
  () =>
    async function* () {
      /* an async generator */
    },
];

function deleteEverywhere(scope: object, name: string): boolean {
  let removed = false;
  for (let obj: object | null = scope; obj; obj = Object.getPrototypeOf(obj) as object | null) {
    const desc = Object.getOwnPropertyDescriptor(obj, name);
    if (!desc) continue;
    if (desc.configurable) {
      delete (obj as Record<string, unknown>)[name];
      removed = true;
    } else if (desc.writable) {
      (obj as Record<string, unknown>)[name] = undefined;
      removed = true;
    }
  }
  return removed;
}

/**
 * Applies the lockdown to `scope` (the worker's global object) and returns a postMessage that
 * still works, plus the names it removed. Call it once, after Pyodide has loaded and before the
 * first program runs.
 */
export function lockDownWorker(scope: DedicatedWorkerGlobalScope): {
  post: (message: unknown, transfer?: Transferable[]) => void;
  removed: string[];
} {
  const realPost = scope.postMessage.bind(scope) as (m: unknown, t?: Transferable[]) => void;
  for (const make of CONSTRUCTOR_SOURCES) {
    const proto = Object.getPrototypeOf(make()) as { constructor: { name: string } };
    const name = proto.constructor.name;
    // Same name, so code that tells functions apart by constructor.name keeps working.
    const blocked = {
      [name]: function () {
        throw new EvalError(`${name}() is disabled in the Loopscope worker (sandbox)`);
      },
    }[name];
    Object.defineProperty(proto, 'constructor', {
      value: blocked,
      writable: false,
      configurable: false,
    });
  }
  const removed = REMOVED_GLOBALS.filter((name) => deleteEverywhere(scope, name));
  return { post: (message, transfer = []) => realPost(message, transfer), removed };
}
