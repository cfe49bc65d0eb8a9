/**
 * The Pyodide worker: boots CPython in named phases, installs the loopscope tracer, and runs
 * programs on request. It only speaks protocol.ts. Python runs synchronously here, so while a
 * program runs this worker reads no messages: Stop reaches it through the shared interrupt
 * buffer, through the run's stop URL that the worker polls (stop-poll.ts, when the page is not
 * cross-origin isolated), or by the page terminating it.
 */
import type { PyodideAPI, loadPyodide } from 'pyodide';
import { Outcome } from '../trace/schema';
import {
  make,
  parseRequest,
  type BootPhase,
  type FailurePhase,
  type Reply,
  type Request,
  type RunResultPayload,
  type SyntaxErrorInfo,
} from './protocol';
import { describeError } from './describe-error';
import { HASH_SEED, installEngine, runProgram, transferables } from './engine';
import { lockDownWorker } from './worker-lockdown';
import {
  canPoll,
  makeStopPoller,
  pyodideCountdown,
  xhrUrlCheck,
  type StopPoller,
} from './stop-poll';

// The lib set includes DOM for the page; inside this file `self` is the worker scope.
const scope = self as unknown as DedicatedWorkerGlobalScope;

// The tracer's Python files, bundled as text and written into Pyodide's file system at boot.
const pythonSources = import.meta.glob<string>('../python/**/*.py', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Stop forwarding live output past this many characters per run (a million prints must not
 * flood the page); the full text still comes back, capped by the engine, in the result. */
const LIVE_OUTPUT_LIMIT = 2_000_000;
/** Live output: the first OUTPUT_BURST writes of each OUTPUT_FLUSH_MS window go to the page at
 * once; past that, a program that prints fast has its writes batched until the window ends, so a
 * million prints do not flood the page with a million messages. */
const OUTPUT_FLUSH_MS = 50;
const OUTPUT_BURST = 16;

const CHECK_PY = `
def _loopscope_check(source, filename):
    try:
        from loopscope.world.legacy import for_compile
        # As a run compiles it: 2015-era asyncio.async(...) is rewritten, not a syntax error.
        source = for_compile(source)
    except ImportError:
        pass
    try:
        compile(source, filename, 'exec', dont_inherit=True)
        return None
    except SyntaxError as e:
        line = e.lineno or 1
        col = e.offset or 1
        end_line = e.end_lineno or line
        end_col = e.end_offset or col + 1
        if end_line == line and end_col <= col:
            end_col = col + 1
        return [type(e).__name__ + ': ' + str(e.msg), line, col, end_line, end_col]
    except ValueError as e:
        return ['ValueError: ' + str(e), 1, 1, 1, 2]
`;

let pyodide: PyodideAPI | null = null;
let interrupt: Int32Array | null = null;
/** Without an interrupt buffer: polls each run's stop URL (stop-poll.ts), when that works. */
let poller: StopPoller | null = null;
let booting: Promise<void> | null = null;
let dead = false;

/** Talks to the page; after boot, a private copy (user code finds no postMessage). */
let send = (msg: Reply, transfer: Transferable[]): void => scope.postMessage(msg, transfer);

function post(msg: Reply, transfer: Transferable[] = []): void {
  send(msg, transfer);
}

function fatal(id: number, phase: FailurePhase, error: unknown): void {
  dead = true;
  const message = describeError(error);
  post(make<Reply>({ type: 'fatal', id, phase, message }));
}

/**
 * Wraps fetch while Pyodide loads so the page can show real byte counts. Pyodide fetches the
 * wasm and the standard library itself; we count the bytes as they stream through. Downloads
 * that fail are listed in `failures`: Pyodide only logs a missing standard library and then
 * dies starting Python with "Program terminated with exit(1)", which names no cause.
 */
function trackDownloads(
  onProgress: (loaded: number, total: number) => void,
  onIdle: () => void,
  failures: string[],
): () => void {
  const realFetch = scope.fetch;
  let loaded = 0;
  let total = 0;
  let active = 0;
  let lastPost = 0;
  const report = (force: boolean) => {
    const now = performance.now();
    if (!force && now - lastPost < 100) return;
    lastPost = now;
    onProgress(loaded, total);
  };
  scope.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const name = url.split(/[?#]/)[0].split('/').pop() || url;
    let response: Response;
    try {
      response = await realFetch(input, init);
    } catch (error) {
      failures.push(`${name} (${describeError(error)})`);
      throw error;
    }
    if (!response.ok) failures.push(`${name} (HTTP ${response.status})`);
    if (!response.body || !response.ok) return response;
    active += 1;
    total += Number(response.headers.get('content-length')) || 0;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        report(false);
        controller.enqueue(chunk);
      },
      flush() {
        active -= 1;
        report(true);
        if (active === 0) onIdle();
      },
    });
    // Keep status and headers: WebAssembly.instantiateStreaming checks the wasm MIME type.
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return () => {
    scope.fetch = realFetch;
  };
}

// The DOM lib's worker scope type leaves it out; real dedicated workers have it.
const Xhr = (scope as unknown as { XMLHttpRequest?: typeof XMLHttpRequest }).XMLHttpRequest;

async function boot(req: Extract<Request, { type: 'init' }>): Promise<void> {
  const started = performance.now();
  let phase: BootPhase = 'fetch-runtime';
  const enter = (next: BootPhase) => {
    if (phase === next) return;
    phase = next;
    post(make<Reply>({ type: 'progress', id: req.id, phase, loaded: 0, total: 0 }));
  };
  post(make<Reply>({ type: 'progress', id: req.id, phase, loaded: 0, total: 0 }));
  // Pyodide fetches the lock file, the wasm and the standard library; between two of them the
  // download goes idle for a moment, so the phase follows what is happening now.
  const failedDownloads: string[] = [];
  const restoreFetch = trackDownloads(
    (loaded, total) => {
      phase = 'fetch-runtime';
      post(make<Reply>({ type: 'progress', id: req.id, phase, loaded, total }));
    },
    () => enter('start-python'),
    failedDownloads,
  );
  try {
    const indexURL = new URL('pyodide/', req.baseUrl).href;
    const mod = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as {
      loadPyodide: typeof loadPyodide;
    };
    pyodide = await mod.loadPyodide({ indexURL, env: { PYTHONHASHSEED: HASH_SEED } });
    restoreFetch();
    enter('start-python');
    if (req.interruptBuffer) {
      interrupt = new Int32Array(req.interruptBuffer);
      pyodide.setInterruptBuffer(interrupt);
    } else if (req.stopProbe && typeof Xhr === 'function') {
      // Checked now, while XMLHttpRequest is still in scope; the lockdown removes it, and this
      // private copy is only ever used to read the page's own blob URLs.
      const check = xhrUrlCheck(Xhr);
      if (canPoll(check, req.stopProbe)) {
        // `_module` (Emscripten's Module) is not in Pyodide's types; pyodideCountdown checks it.
        const module = (pyodide as unknown as { _module?: unknown })._module;
        poller = makeStopPoller(check, undefined, undefined, pyodideCountdown(module));
        // Pyodide reads `buffer[0]` at its periodic check; any object with a `0` will do.
        pyodide.setInterruptBuffer(poller.buffer as unknown as Int32Array);
      }
    }
    // A worker has no prompt(): Pyodide's default stdin then fails with "OSError: [Errno 29] I/O
    // error" and a stack dump in the browser console. An empty stdin instead gives what python
    // gives with nothing piped in: input() raises EOFError, sys.stdin.read() returns ''.
    pyodide.setStdin({ stdin: () => null });
    pyodide.runPython(CHECK_PY);
    const pythonVersion = String(pyodide.runPython('import sys; sys.version.split()[0]'));

    enter('install-engine');
    const files: Record<string, string> = {};
    for (const [path, text] of Object.entries(pythonSources)) {
      files[path.replace(/^\.\.\/python\//, '')] = text;
    }
    installEngine(pyodide, files);
    // No network, storage or eval for user code from here on (worker-lockdown.ts).
    send = lockDownWorker(scope).post;
    phase = 'ready';
    post(
      make<Reply>({
        type: 'ready',
        id: req.id,
        pythonVersion,
        interruptible: interrupt !== null || poller !== null,
        bootMs: Math.round(performance.now() - started),
      }),
    );
  } catch (error) {
    restoreFetch();
    const cause = failedDownloads.length
      ? `could not download ${failedDownloads.join(', ')}; ${describeError(error)}`
      : error;
    fatal(req.id, phase === 'ready' ? 'install-engine' : phase, cause);
    throw error;
  }
}

/** Batches live output so a print-heavy program costs a few messages, not one per line. */
function makeOutputForwarder(id: number) {
  let stream: 'stdout' | 'stderr' = 'stdout';
  let buffer = '';
  let forwarded = 0;
  let lastFlush = performance.now();
  let truncated = false;
  // The current window: when it began and how many messages went out in it.
  let windowStart = lastFlush;
  let sent = 0;
  const flush = () => {
    if (buffer) {
      post(make<Reply>({ type: 'output', id, stream, text: buffer }));
      sent++;
    }
    buffer = '';
    lastFlush = performance.now();
  };
  const write = (next: 'stdout' | 'stderr', text: string) => {
    if (truncated) return;
    if (forwarded + text.length > LIVE_OUTPUT_LIMIT) {
      truncated = true;
      text = text.slice(0, Math.max(0, LIVE_OUTPUT_LIMIT - forwarded));
    }
    forwarded += text.length;
    if (next !== stream) {
      flush();
      stream = next;
    }
    buffer += text;
    // A write goes out now unless the window's burst is spent. Held text would otherwise wait
    // for the next write or engine tick, and a program that prints and then spends a long time
    // in one C call (sum(range(10**13))) makes neither: its last lines would show only at the
    // end, or never if Stop has to replace the worker.
    const now = performance.now();
    if (now - windowStart >= OUTPUT_FLUSH_MS) {
      windowStart = now;
      sent = 0;
    }
    if (sent < OUTPUT_BURST || now - lastFlush >= OUTPUT_FLUSH_MS) flush();
  };
  return {
    hooks: {
      onStdout: (text: string) => write('stdout', text),
      onStderr: (text: string) => write('stderr', text),
      // What was batched goes out even when the program prints nothing more (a print, then
      // a loop that computes): the engine calls this every few thousand events.
      onTick: () => {
        if (buffer && performance.now() - lastFlush >= OUTPUT_FLUSH_MS) flush();
      },
    },
    flush,
    get truncated() {
      return truncated;
    },
  };
}

/** A JS-level error escaped the run. If the interpreter can no longer run anything (for example
 * after C code recursed past the JavaScript stack, or a wasm trap) this worker is dead and the
 * page must replace it. */
function interpreterAlive(): boolean {
  try {
    pyodide?.runPython('0');
    return true;
  } catch {
    return false;
  }
}

function run(req: Extract<Request, { type: 'run' }>): void {
  if (!pyodide) throw new Error('run before boot');
  // A Stop aimed at an earlier run may have landed after it finished; start clean.
  if (interrupt) Atomics.store(interrupt, 0, 0);
  if (poller && req.stopUrl) poller.arm(req.stopUrl);
  const output = makeOutputForwarder(req.id);
  let result: RunResultPayload;
  try {
    const raw = runProgram(
      pyodide,
      req.code,
      { ...req.options, filename: req.filename },
      {
        ...output.hooks,
        onStart: () => {
          poller?.programStarts();
          // The page's watchdog counts the wall-time budget from here (runtime-client.ts).
          post(make<Reply>({ type: 'started', id: req.id }));
        },
      },
    );
    result = {
      trace: raw.trace,
      stdout: raw.stdout,
      stderr: raw.stderr,
      outcome: raw.outcome,
      outcomeDetail: raw.outcomeDetail,
      exitCode: raw.exitCode,
      stats: raw.stats,
      outputTruncated: output.truncated,
    };
  } catch (error) {
    poller?.disarm();
    output.flush();
    if (!interpreterAlive()) {
      fatal(req.id, 'run', error);
      return;
    }
    const message = describeError(error);
    result = {
      trace: null,
      stdout: '',
      stderr: `Internal error in the runner: ${message}\n`,
      outcome: Outcome.EXCEPTION,
      outcomeDetail: message,
      exitCode: 1,
      stats: { events: 0, tasks: 0, virtualTime: 0, wallMs: 0, outcome: Outcome.EXCEPTION },
      outputTruncated: output.truncated,
    };
  }
  poller?.disarm();
  output.flush();
  post(
    make<Reply>({ type: 'run-result', id: req.id, result }),
    result.trace ? transferables(result.trace) : [],
  );
}

function check(req: Extract<Request, { type: 'check' }>): void {
  if (!pyodide) throw new Error('check before boot');
  const fn = pyodide.globals.get('_loopscope_check') as (
    source: string,
    filename: string,
  ) => { toJs(): unknown; destroy(): void } | undefined;
  const found = fn(req.code, req.filename);
  let error: SyntaxErrorInfo | null = null;
  if (found) {
    const [message, line, column, endLine, endColumn] = found.toJs() as [
      string,
      number,
      number,
      number,
      number,
    ];
    found.destroy();
    error = { message, line, column, endLine, endColumn };
  }
  post(make<Reply>({ type: 'check-result', id: req.id, error }));
}

scope.onmessage = async (event: MessageEvent<unknown>) => {
  const parsed = parseRequest(event.data);
  if (!parsed.ok) {
    post(make<Reply>({ type: 'refused', id: parsed.id, reason: parsed.reason }));
    return;
  }
  const req = parsed.message;
  if (dead) {
    post(make<Reply>({ type: 'refused', id: req.id, reason: 'worker: the interpreter has died' }));
    return;
  }
  if (req.type === 'init') {
    if (!booting) {
      booting = boot(req);
      booting.catch(() => undefined); // reported to the page as 'fatal' already
    }
    return;
  }
  try {
    await booting;
  } catch {
    return; // boot already reported its fatal error
  }
  try {
    if (req.type === 'run') run(req);
    else check(req);
  } catch (error) {
    fatal(req.id, req.type === 'run' ? 'run' : 'protocol', error);
  }
};
