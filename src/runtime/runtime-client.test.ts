import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outcome } from '../trace/schema';
import {
  PROTOCOL_VERSION,
  SIGINT,
  WATCHDOG_SIGNAL,
  make,
  type Reply,
  type Request,
} from './protocol';
import { RuntimeClient, type RunEnd, type RuntimeMessage, type WorkerPort } from './runtime-client';

/** A worker double: records what the page sends and lets the test answer. */
class FakeWorker implements WorkerPort {
  sent: Request[] = [];
  terminated = false;
  private onMessage: (data: unknown) => void = () => {};
  private onError: (message: string) => void = () => {};
  post(message: Request): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  listen(onMessage: (data: unknown) => void, onError: (message: string) => void): void {
    this.onMessage = onMessage;
    this.onError = onError;
  }
  reply(msg: Reply | Record<string, unknown>): void {
    this.onMessage(msg);
  }
  crash(message: string): void {
    this.onError(message);
  }
  last<T extends Request['type']>(type: T): Extract<Request, { type: T }> {
    const found = this.sent.filter((m) => m.type === type).pop();
    if (!found) throw new Error(`no ${type} sent`);
    return found as Extract<Request, { type: T }>;
  }
  /** `interruptible` defaults to what a real worker says with only the shared buffer. */
  ready(interruptible = this.last('init').interruptBuffer !== null): void {
    this.reply(
      make<Reply>({
        type: 'ready',
        id: this.last('init').id,
        pythonVersion: '3.14.2',
        interruptible,
        bootMs: 5,
      }),
    );
  }
  finish(id: number, outcome: number = Outcome.OK, stdout = ''): void {
    this.reply(
      make<Reply>({
        type: 'run-result',
        id,
        result: {
          trace: null,
          stdout,
          stderr: '',
          outcome,
          outcomeDetail: '',
          exitCode: outcome === Outcome.OK ? 0 : 1,
          stats: { events: 1, tasks: 1, virtualTime: 0, wallMs: 1, outcome },
          outputTruncated: false,
        },
      }),
    );
  }
}

/** Blob URLs as the client makes and revokes them, without a browser. */
class FakeStopUrls {
  live = new Set<string>();
  made = 0;
  available = true;
  create(): string | null {
    if (!this.available) return null;
    const url = `blob:test/${++this.made}`;
    this.live.add(url);
    return url;
  }
  revoke(url: string | null): void {
    if (url !== null) this.live.delete(url);
  }
}

function setup(isolated = true, stopUrls = new FakeStopUrls()) {
  const workers: FakeWorker[] = [];
  const output: string[] = [];
  const notices: string[] = [];
  const messages: RuntimeMessage[] = [];
  const statuses: string[] = [];
  const client = new RuntimeClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    isolated,
    baseUrl: 'http://localhost/',
    stopUrls,
    listener: {
      output: (_stream, text) => output.push(text),
      notice: (_level, text, message) => {
        notices.push(text);
        messages.push(message);
      },
      status: (s) => statuses.push(s),
    },
  });
  client.start();
  return {
    client,
    stopUrls,
    workers,
    output,
    notices,
    messages,
    statuses,
    worker: () => workers[workers.length - 1],
  };
}

describe('RuntimeClient', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('queues a run until the worker is ready, then resolves it by id', async () => {
    const { client, worker } = setup();
    const done = client.run('print(1)', 'main.py', { maxEvents: 10 });
    expect(worker().sent.map((m) => m.type)).toEqual(['init']);
    worker().ready();
    const run = worker().last('run');
    expect(run).toMatchObject({
      code: 'print(1)',
      filename: 'main.py',
      options: { maxEvents: 10 },
    });
    expect(run.v).toBe(PROTOCOL_VERSION);
    expect(client.status).toBe('running');
    worker().finish(run.id, Outcome.OK, '1\n');
    await expect(done).resolves.toMatchObject({ kind: 'done', result: { stdout: '1\n' } });
    expect(client.status).toBe('ready');
  });

  it('drops the output and result of a superseded run and sends the new one after it', async () => {
    const { client, worker, output } = setup();
    worker().ready();
    const first = client.run('old', 'main.py');
    const oldId = worker().last('run').id;
    worker().reply(make<Reply>({ type: 'output', id: oldId, stream: 'stdout', text: 'old 1\n' }));
    const second = client.run('new', 'main.py');
    await expect(first).resolves.toEqual({ kind: 'superseded' });
    // The worker is still busy with the old run, so the new one waits.
    expect(worker().sent.filter((m) => m.type === 'run')).toHaveLength(1);
    worker().reply(make<Reply>({ type: 'output', id: oldId, stream: 'stdout', text: 'old 2\n' }));
    worker().finish(oldId, Outcome.INTERRUPTED);
    const newRun = worker().last('run');
    expect(newRun.code).toBe('new');
    worker().reply(make<Reply>({ type: 'output', id: newRun.id, stream: 'stdout', text: 'new\n' }));
    worker().finish(newRun.id);
    await expect(second).resolves.toMatchObject({ kind: 'done' });
    expect(output).toEqual(['old 1\n', 'new\n']);
  });

  it('stops through the interrupt buffer when isolated', async () => {
    const { client, worker, workers } = setup(true);
    worker().ready();
    const buffer = worker().last('init').interruptBuffer!;
    const view = new Int32Array(buffer);
    const done = client.run('while True: pass', 'main.py');
    expect(client.stop()).toBe(true);
    expect(Atomics.load(view, 0)).toBe(SIGINT);
    expect(client.status).toBe('stopping');
    worker().finish(worker().last('run').id, Outcome.INTERRUPTED);
    await expect(done).resolves.toMatchObject({
      kind: 'done',
      result: { outcome: Outcome.INTERRUPTED },
    });
    // The interrupt worked: no replacement worker, and the grace timer does nothing later.
    vi.advanceTimersByTime(5_000);
    expect(workers).toHaveLength(1);
    expect(client.status).toBe('ready');
  });

  it("ends a run the engine cannot check at its wall-time budget, counted from the program's start", async () => {
    const { client, worker, workers } = setup(true);
    worker().ready();
    const view = new Int32Array(worker().last('init').interruptBuffer!);
    const done = client.run('while True: pass', 'main.py', { maxWallTime: 5 });
    const { id } = worker().last('run');
    // The engine's own set-up does not count.
    vi.advanceTimersByTime(60_000);
    expect(Atomics.load(view, 0)).toBe(0);
    worker().reply(make<Reply>({ type: 'started', id }));
    // The budget and a grace second, for the engine's own check to go first.
    vi.advanceTimersByTime(5_999);
    expect(Atomics.load(view, 0)).toBe(0);
    vi.advanceTimersByTime(1);
    expect(Atomics.load(view, 0)).toBe(WATCHDOG_SIGNAL);
    // Raised again until the run ends (one may land in code that swallows it).
    Atomics.store(view, 0, 0);
    vi.advanceTimersByTime(250);
    expect(Atomics.load(view, 0)).toBe(WATCHDOG_SIGNAL);
    Atomics.store(view, 0, 0);
    worker().finish(id, Outcome.LIMIT_WALL_TIME);
    await expect(done).resolves.toMatchObject({ result: { outcome: Outcome.LIMIT_WALL_TIME } });
    vi.advanceTimersByTime(60_000);
    expect(Atomics.load(view, 0)).toBe(0);
    expect(workers).toHaveLength(1);
    expect(client.status).toBe('ready');

    // The engine's default budget (20 s) when the run sets none; a run that ends in time is
    // left alone.
    const next = client.run('print(1)', 'main.py');
    worker().reply(make<Reply>({ type: 'started', id: worker().last('run').id }));
    vi.advanceTimersByTime(20_999);
    expect(Atomics.load(view, 0)).toBe(0);
    vi.advanceTimersByTime(1);
    expect(Atomics.load(view, 0)).toBe(WATCHDOG_SIGNAL);
    Atomics.store(view, 0, 0);
    worker().finish(worker().last('run').id);
    await next;
    const quick = client.run('print(2)', 'main.py');
    worker().reply(make<Reply>({ type: 'started', id: worker().last('run').id }));
    worker().finish(worker().last('run').id);
    await quick;
    vi.advanceTimersByTime(60_000);
    expect(Atomics.load(view, 0)).toBe(0);
  });

  it("without isolation, the wall-time watchdog revokes the run's stop URL", async () => {
    const { client, worker, stopUrls } = setup(false);
    worker().ready(true);
    const done = client.run('while True: pass', 'main.py', { maxWallTime: 2 });
    const { id, stopUrl } = worker().last('run');
    worker().reply(make<Reply>({ type: 'started', id }));
    vi.advanceTimersByTime(2_999);
    expect(stopUrls.live.has(stopUrl!)).toBe(true);
    vi.advanceTimersByTime(1);
    // The worker's poll now fails and raises SIGINT, which the engine reports as the budget.
    expect(stopUrls.live.has(stopUrl!)).toBe(false);
    worker().finish(id, Outcome.LIMIT_WALL_TIME);
    await expect(done).resolves.toMatchObject({ kind: 'done' });
  });

  it('terminates and respawns when the interrupt does not land in time', async () => {
    const { client, workers, notices } = setup(true);
    workers[0].ready();
    const done = client.run('spin', 'main.py');
    client.stop();
    vi.advanceTimersByTime(1_499);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await expect(done).resolves.toEqual({ kind: 'terminated', reason: 'interrupt-timeout' });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(client.status).toBe('booting');
    expect(notices.at(-1)).toMatch(/did not respond to the interrupt.*fresh one/);
    // A late result from the terminated worker is ignored.
    workers[0].finish(workers[0].last('run').id);
    expect(client.status).toBe('booting');
  });

  it('terminates at once without isolation', async () => {
    const { client, workers } = setup(false);
    expect(workers[0].last('init').interruptBuffer).toBeNull();
    workers[0].ready();
    const done = client.run('spin', 'main.py');
    client.stop();
    await expect(done).resolves.toEqual({ kind: 'terminated', reason: 'no-isolation' });
    expect(workers).toHaveLength(2);
  });

  it("without isolation, Stop revokes the run's stop URL, which the worker polls", async () => {
    const { client, worker, workers, stopUrls, messages } = setup(false);
    const { stopProbe, interruptBuffer } = worker().last('init');
    expect(interruptBuffer).toBeNull();
    // The probe: one URL alive, one already revoked, for the worker to tell apart at boot.
    expect(stopUrls.live.has(stopProbe!.alive)).toBe(true);
    expect(stopUrls.live.has(stopProbe!.revoked)).toBe(false);
    worker().ready(true);
    expect(stopUrls.live.has(stopProbe!.alive)).toBe(false);

    const done = client.run('while True: pass', 'main.py');
    const { stopUrl } = worker().last('run');
    expect(stopUrl).not.toBeNull();
    expect(stopUrls.live.has(stopUrl!)).toBe(true);
    expect(client.stop()).toBe(true);
    expect(stopUrls.live.has(stopUrl!)).toBe(false);
    expect(client.status).toBe('stopping');
    worker().finish(worker().last('run').id, Outcome.INTERRUPTED);
    await expect(done).resolves.toMatchObject({
      kind: 'done',
      result: { outcome: Outcome.INTERRUPTED },
    });
    vi.advanceTimersByTime(5_000);
    expect(workers).toHaveLength(1);
    expect(messages).toEqual([]);

    // Each run has its own URL, freed when the run ends by itself.
    const next = client.run('print(1)', 'main.py');
    const second = worker().last('run').stopUrl!;
    expect(second).not.toBe(stopUrl);
    worker().finish(worker().last('run').id);
    await next;
    expect(stopUrls.live.size).toBe(0);
  });

  it('without isolation, a polled stop that does not land in time still terminates', async () => {
    const { client, workers, stopUrls, notices } = setup(false);
    workers[0].ready(true);
    const done = client.run('spin', 'main.py');
    client.stop();
    vi.advanceTimersByTime(1_500);
    await expect(done).resolves.toEqual({ kind: 'terminated', reason: 'interrupt-timeout' });
    expect(workers).toHaveLength(2);
    expect(notices.at(-1)).toMatch(/did not respond.*could not be kept/);
    // The new worker gets a probe of its own; nothing of the old one is left alive.
    expect(stopUrls.live).toEqual(new Set([workers[1].last('init').stopProbe!.alive]));
  });

  it('without isolation, a worker that cannot poll is terminated and the notice says why', async () => {
    const { client, workers, messages, notices } = setup(false);
    workers[0].ready(false);
    const done = client.run('spin', 'main.py');
    expect(workers[0].last('run').stopUrl).toBeNull();
    client.stop();
    await expect(done).resolves.toEqual({ kind: 'terminated', reason: 'no-isolation' });
    expect(messages.at(-1)?.key).toBe('status.stoppedNoInterrupt');
    expect(notices.at(-1)).toMatch(/not cross-origin isolated.*blob: URL.*could not be kept/);
  });

  it('sends no probe where there are no blob URLs', () => {
    const urls = new FakeStopUrls();
    urls.available = false;
    const { worker } = setup(false, urls);
    expect(worker().last('init').stopProbe).toBeNull();
    const isolated = setup(true);
    expect(isolated.worker().last('init').stopProbe).toBeNull();
  });

  it('replaces a worker that dies mid-run and says so; the next run goes to the new one', async () => {
    const { client, workers, notices } = setup();
    workers[0].ready();
    const done = client.run('import os; os._exit(1)', 'main.py');
    workers[0].reply(
      make<Reply>({ type: 'fatal', id: workers[0].last('run').id, phase: 'run', message: 'Exit' }),
    );
    await expect(done).resolves.toEqual({ kind: 'crashed', phase: 'run', message: 'Exit' });
    expect(notices.at(-1)).toMatch(/failed \(phase run\).*fresh worker/);
    expect(workers).toHaveLength(2);
    const next = client.run('print(2)', 'main.py');
    workers[1].ready();
    workers[1].finish(workers[1].last('run').id);
    await expect(next).resolves.toMatchObject({ kind: 'done' });
  });

  it('gives up after repeated boot failures, naming the phase, until retry()', () => {
    const { client, workers, notices, messages } = setup();
    workers[0].reply(make<Reply>({ type: 'fatal', id: 1, phase: 'fetch-runtime', message: '404' }));
    expect(workers).toHaveLength(2);
    workers[1].reply(
      make<Reply>({ type: 'progress', id: 2, phase: 'start-python', loaded: 0, total: 0 }),
    );
    workers[1].crash('boom');
    expect(client.status).toBe('failed');
    expect(workers).toHaveLength(2);
    // An uncaught worker error names the phase the worker had reached.
    expect(notices.at(-1)).toMatch(/failed to start \(phase start-python\).*boom.*Retry/);
    // The page translates from the key; the text is only the English default.
    expect(messages.at(-1)).toEqual({
      key: 'errors.bootFailed',
      params: { phase: 'start-python', message: 'boom' },
    });
    client.retry();
    expect(workers).toHaveLength(3);
    expect(client.status).toBe('booting');
  });

  it('refuses replies of the wrong protocol version with a notice', () => {
    const { client, worker, notices } = setup();
    worker().reply({ type: 'ready', id: 1, v: 999 });
    expect(client.status).toBe('booting');
    expect(notices.at(-1)).toMatch(/Refused.*version 999/);
  });

  it('answers checks by id, and only when the worker is idle', async () => {
    const { client, worker } = setup();
    await expect(client.check('x', 'main.py')).resolves.toBeUndefined();
    worker().ready();
    const checking = client.check('def f(:', 'main.py');
    const error = { message: 'SyntaxError', line: 1, column: 7, endLine: 1, endColumn: 8 };
    worker().reply(make<Reply>({ type: 'check-result', id: worker().last('check').id, error }));
    await expect(checking).resolves.toEqual(error);
    const runEnd: Promise<RunEnd> = client.run('x', 'main.py');
    await expect(client.check('x', 'main.py')).resolves.toBeUndefined();
    worker().finish(worker().last('run').id);
    await runEnd;
  });
});
