import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SIGINT, make, type Reply, type Request } from './protocol';
import {
  RUNTIME_FILES,
  gatePort,
  prefetchRuntime,
  prewarmPyodideWorker,
  spawnPyodideWorker,
  startPyodideWorker,
  takePrewarmedWorker,
} from './prewarm';
import { RuntimeClient, type WorkerPort } from './runtime-client';

/** Stands in for the browser's Worker: records what the page posts, lets the test answer. */
class FakeBrowserWorker {
  static all: FakeBrowserWorker[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  posted: Request[] = [];
  terminated = false;
  constructor(
    readonly url: URL | string,
    readonly options: WorkerOptions,
  ) {
    FakeBrowserWorker.all.push(this);
  }
  postMessage(message: Request): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(message: Reply): void {
    this.onmessage?.({ data: message });
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined });
  }
}

const BASE = 'http://localhost/';
const progress = (loaded: number) =>
  make<Reply>({ type: 'progress', id: 0, phase: 'fetch-runtime', loaded, total: 100 });
const ready = make<Reply>({
  type: 'ready',
  id: 0,
  pythonVersion: '3.14.2',
  interruptible: true,
  bootMs: 5,
});

beforeEach(() => {
  FakeBrowserWorker.all = [];
  vi.stubGlobal('Worker', FakeBrowserWorker);
  takePrewarmedWorker(BASE, false); // no worker left over from another test
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('spawnPyodideWorker', () => {
  it('starts a named module worker', () => {
    spawnPyodideWorker();
    const [worker] = FakeBrowserWorker.all;
    expect(worker.options).toEqual({ type: 'module', name: 'loopscope-python' });
    expect(String(worker.url)).toMatch(/pyodide\.worker/);
  });

  it('keeps what the worker says before listen() and delivers it in order, then live', () => {
    const port = spawnPyodideWorker();
    const worker = FakeBrowserWorker.all[0];
    worker.emit(progress(10));
    worker.crash('early failure');
    worker.emit(progress(20));
    const seen: unknown[] = [];
    port.listen(
      (data) => seen.push(data),
      (message) => seen.push(`error: ${message}`),
    );
    expect(seen).toEqual([progress(10), 'error: early failure', progress(20)]);
    worker.emit(ready);
    expect(seen).toEqual([progress(10), 'error: early failure', progress(20), ready]);
  });
});

describe('prewarmPyodideWorker / takePrewarmedWorker', () => {
  it('sends init at once, with an interrupt buffer when the page is isolated', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    prewarmPyodideWorker(BASE);
    const [worker] = FakeBrowserWorker.all;
    expect(worker.posted).toHaveLength(1);
    expect(worker.posted[0]).toMatchObject({ type: 'init', id: 0, baseUrl: BASE });
    const taken = takePrewarmedWorker(BASE, true);
    expect(taken?.interruptBuffer).toBeInstanceOf(SharedArrayBuffer);
    expect((worker.posted[0] as Extract<Request, { type: 'init' }>).interruptBuffer).toBe(
      taken?.interruptBuffer,
    );
  });

  it('starts one worker, hands it out once', () => {
    prewarmPyodideWorker(BASE);
    prewarmPyodideWorker(BASE);
    expect(FakeBrowserWorker.all).toHaveLength(1);
    expect(takePrewarmedWorker(BASE, false)).not.toBeNull();
    expect(takePrewarmedWorker(BASE, false)).toBeNull();
  });

  it('terminates a worker started for another base URL or isolation instead of handing it out', () => {
    prewarmPyodideWorker(BASE);
    expect(takePrewarmedWorker('http://localhost/other/', false)).toBeNull();
    expect(FakeBrowserWorker.all[0].terminated).toBe(true);
    prewarmPyodideWorker(BASE); // not isolated: no buffer
    expect(takePrewarmedWorker(BASE, true)).toBeNull();
    expect(FakeBrowserWorker.all[1].terminated).toBe(true);
  });

  it('with a start signal, creates the worker at once but holds init (and later messages) until it', async () => {
    let start!: () => void;
    prewarmPyodideWorker(BASE, new Promise<void>((r) => (start = r)));
    const [worker] = FakeBrowserWorker.all;
    const taken = takePrewarmedWorker(BASE, false)!;
    taken.port.post(make<Request>({ type: 'check', id: 1, code: 'x', filename: 'main.py' }));
    await Promise.resolve();
    expect(worker.posted).toEqual([]);
    start();
    await vi.waitFor(() => expect(worker.posted.map((m) => m.type)).toEqual(['init', 'check']));
    // Once open, messages go straight through.
    taken.port.post(make<Request>({ type: 'check', id: 2, code: 'y', filename: 'main.py' }));
    expect(worker.posted.map((m) => m.id)).toEqual([0, 1, 2]);
  });

  it('does nothing where there is no Worker', () => {
    vi.stubGlobal('Worker', undefined);
    prewarmPyodideWorker(BASE);
    expect(takePrewarmedWorker(BASE, false)).toBeNull();
  });
});

describe('gatePort', () => {
  it('opens on a rejected gate too, and a port terminated while closed never sends', async () => {
    const sent: number[] = [];
    let terminated = false;
    const inner: WorkerPort = {
      post: (m) => sent.push(m.id),
      terminate: () => (terminated = true),
      listen: () => undefined,
    };
    const check = (id: number) =>
      make<Request>({ type: 'check', id, code: '', filename: 'main.py' });
    const failing = gatePort(inner, Promise.reject(new Error('no editor')));
    failing.post(check(1));
    await vi.waitFor(() => expect(sent).toEqual([1]));

    let open!: () => void;
    const closed = gatePort(inner, new Promise<void>((r) => (open = r)));
    closed.post(check(2));
    closed.terminate();
    open();
    await Promise.resolve();
    await Promise.resolve();
    expect(terminated).toBe(true);
    expect(sent).toEqual([1]);
  });
});

describe('prefetchRuntime', () => {
  it('downloads the runtime files one at a time, in the order Pyodide asks for them', async () => {
    const log: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      log.push(`start ${url.replace(`${BASE}pyodide/`, '')}`);
      await Promise.resolve();
      log.push('end');
      return new Response('bytes');
    });
    await prefetchRuntime(BASE);
    expect(log).toEqual(RUNTIME_FILES.flatMap((name) => [`start ${name}`, 'end']));
    expect(RUNTIME_FILES[0]).toBe('pyodide.mjs');
  });

  it('fetches nothing when a service worker already serves the page, and stops on a failure', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      throw new TypeError('offline');
    });
    vi.stubGlobal('navigator', { serviceWorker: { controller: {} } });
    await prefetchRuntime(BASE);
    expect(urls).toEqual([]);
    vi.stubGlobal('navigator', { serviceWorker: { controller: null } });
    await prefetchRuntime(BASE);
    expect(urls).toEqual([`${BASE}pyodide/pyodide.mjs`]);
  });
});

describe('RuntimeClient adopting a started worker', () => {
  function client(isolated: boolean) {
    const spawned: WorkerPort[] = [];
    const events: string[] = [];
    const c = new RuntimeClient({
      createWorker: () => {
        const port = spawnPyodideWorker();
        spawned.push(port);
        return port;
      },
      isolated,
      baseUrl: BASE,
      listener: {
        status: (s) => events.push(`status ${s}`),
        progress: (phase, loaded) => events.push(`progress ${phase} ${loaded}`),
        notice: (level, text) => events.push(`${level}: ${text}`),
      },
    });
    return { c, spawned, events };
  }

  it('reports what the worker said before adoption, sends no second init, and runs on it', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    const started = startPyodideWorker(BASE, true);
    const worker = FakeBrowserWorker.all[0];
    worker.emit(progress(40));
    worker.emit(ready);
    const { c, spawned, events } = client(true);
    c.start(started);
    expect(spawned).toHaveLength(0);
    expect(worker.posted.map((m) => m.type)).toEqual(['init']);
    expect(events).toEqual(['progress fetch-runtime 40', 'status ready']);
    void c.run('while True: pass', 'main.py');
    const run = worker.posted[1];
    expect(run).toMatchObject({ type: 'run', code: 'while True: pass' });
    expect(run.id).toBeGreaterThan(0);
    // Stop interrupts through the buffer the early init carried.
    expect(c.stop()).toBe(true);
    expect(new Int32Array(started.interruptBuffer!)[0]).toBe(SIGINT);
    c.dispose();
    expect(worker.terminated).toBe(true);
  });

  it('replaces an adopted worker that failed before adoption, naming the phase', () => {
    const started = startPyodideWorker(BASE, false);
    const worker = FakeBrowserWorker.all[0];
    worker.emit(
      make<Reply>({ type: 'progress', id: 0, phase: 'start-python', loaded: 0, total: 0 }),
    );
    worker.crash('out of memory');
    const { c, spawned, events } = client(false);
    c.start(started);
    expect(worker.terminated).toBe(true);
    expect(spawned).toHaveLength(1);
    expect(events.some((e) => /phase start-python\): out of memory/.test(e))).toBe(true);
    const fresh = FakeBrowserWorker.all[1];
    expect(fresh.posted).toMatchObject([{ type: 'init', baseUrl: BASE, interruptBuffer: null }]);
    expect(fresh.posted[0].id).toBeGreaterThan(0);
    expect(c.status).toBe('booting');
    c.dispose();
  });

  it('without isolation sends a stop-poll probe, and the adopting client revokes it at ready', async () => {
    const started = startPyodideWorker(BASE, false);
    const init = FakeBrowserWorker.all[0].posted[0] as Extract<Request, { type: 'init' }>;
    expect(init.interruptBuffer).toBeNull();
    expect(init.stopProbe).toEqual(started.stopProbe);
    const { alive, revoked } = started.stopProbe!;
    // Real blob URLs (Node has them): one readable, one revoked before it was sent.
    expect(await (await fetch(alive)).text()).toBe('1');
    await expect(fetch(revoked)).rejects.toThrow();
    const { c } = client(false);
    c.start(started);
    FakeBrowserWorker.all[0].emit(ready);
    await expect(fetch(alive)).rejects.toThrow();
    c.dispose();
  });

  it('terminates a started worker handed to a disposed client', () => {
    const started = startPyodideWorker(BASE, false);
    const { c } = client(false);
    c.dispose();
    c.start(started);
    expect(FakeBrowserWorker.all[0].terminated).toBe(true);
  });
});
