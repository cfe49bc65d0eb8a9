/**
 * The page's side of the worker protocol. It owns one Pyodide worker at a time and keeps it
 * usable: requests wait in a map keyed by id, output from a superseded run is dropped, Stop
 * interrupts through a SharedArrayBuffer, or without one by revoking the run's stop URL, which the
 * worker polls (stop-poll.ts), or terminates the worker when it must; and a worker that dies is
 * replaced by a fresh one. It knows nothing about React or the store; it reports
 * through a listener.
 */
import {
  DEFAULT_MAX_WALL_TIME,
  PROTOCOL_VERSION,
  SIGINT,
  WATCHDOG_GRACE_SECONDS,
  WATCHDOG_RETRY_MS,
  WATCHDOG_SIGNAL,
  make,
  parseReply,
  type BootPhase,
  type FailurePhase,
  type Reply,
  type Request,
  type RunOptions,
  type RunResultPayload,
  type StopProbe,
  type SyntaxErrorInfo,
} from './protocol';
import { makeStopProbe, stopUrls, type StartedWorker, type StopUrls } from './prewarm';

// The Worker itself is created in prewarm.ts, which the entry modules import before the app.
export { spawnPyodideWorker } from './prewarm';

/** What the client needs from a worker; `spawnPyodideWorker` adapts a real Worker to it. */
export interface WorkerPort {
  post(message: Request, transfer?: Transferable[]): void;
  terminate(): void;
  /** Registers the handlers; called once per port. */
  listen(onMessage: (data: unknown) => void, onError: (message: string) => void): void;
}

export type RuntimeStatus = 'booting' | 'ready' | 'running' | 'stopping' | 'failed';

/** How a run ended from the page's point of view. */
export type RunEnd =
  /** The program finished (possibly with an exception, a budget, or an interrupt). */
  | { kind: 'done'; result: RunResultPayload }
  /** A newer Run replaced it; nothing of it is shown. */
  | { kind: 'superseded' }
  /** Stop had to terminate the worker, so there is no result or partial trace. */
  | { kind: 'terminated'; reason: 'no-isolation' | 'interrupt-timeout' }
  /** The worker died while running it. */
  | { kind: 'crashed'; phase: FailurePhase; message: string }
  /** Stop came while the run still waited for Python (booting, or busy): nothing of it ran. */
  | { kind: 'cancelled' };

export interface ReadyInfo {
  pythonVersion: string;
  interruptible: boolean;
  bootMs: number;
}

/** Everything the client reports. All optional, so tests listen only to what they check. */
export interface RuntimeListener {
  status?(status: RuntimeStatus): void;
  progress?(phase: BootPhase, loaded: number, total: number): void;
  ready?(info: ReadyInfo): void;
  /** Live output of the current run only. */
  output?(stream: 'stdout' | 'stderr', text: string): void;
  /**
   * A sentence for the person at the keyboard about something that happened to the runtime:
   * `text` in English, and `message` (an i18n key of src/i18n with its params) for the page to
   * show in the reader's language. The runtime itself stays free of UI languages.
   */
  notice?(level: 'info' | 'warning' | 'error', text: string, message: RuntimeMessage): void;
}

/** A runtime notice as an i18n key (under `errors.` / `status.`) and its parameters. */
export interface RuntimeMessage {
  key: string;
  params: Record<string, string | number>;
}

/** English texts of the client's notices, by key; the page's i18n resources translate them. */
export const RUNTIME_NOTICES: Record<string, string> = {
  'status.stoppedNoInterrupt':
    'Stopped: this page can neither interrupt Python in place (it is not cross-origin isolated) nor signal the worker through a blob: URL (its Content-Security-Policy blocks them), so the worker was terminated and a fresh one is starting. The trace up to the stop could not be kept.',
  'status.stoppedTerminated':
    'Stopped: the program did not respond to the interrupt, so the worker was terminated and a fresh one is starting. The trace up to the stop could not be kept.',
  'errors.bootFailed':
    'The Python runtime failed to start (phase {{phase}}): {{message}}. Use Retry to try again.',
  'errors.workerFailed':
    'The Python worker failed (phase {{phase}}): {{message}}. A fresh worker is starting; your code is safe.',
  'errors.protocolBadMessage': 'Refused a message from the worker: {{reason}}',
  'errors.protocolRefused': 'The worker refused a request (protocol v{{version}}): {{reason}}',
};

export interface RuntimeClientOptions {
  createWorker: () => WorkerPort;
  /** Whether SharedArrayBuffer may be used (the page is cross-origin isolated). */
  isolated: boolean;
  /** Absolute base URL of the app; the worker finds Pyodide at `${baseUrl}pyodide/`. */
  baseUrl: string;
  listener?: RuntimeListener;
  /** How long an interrupt may take before Stop terminates the worker instead. */
  stopGraceMs?: number;
  /** Consecutive boot failures after which the client stops respawning and waits for retry(). */
  maxBootFailures?: number;
  /** Makes and revokes the blob URLs of Stop without isolation (tests pass a double). */
  stopUrls?: StopUrls;
}

interface PendingRun {
  kind: 'run';
  id: number;
  code: string;
  filename: string;
  options: RunOptions;
  /** Revoked by Stop when the worker polls it (no SharedArrayBuffer); see stop-poll.ts. */
  stopUrl: string | null;
  resolve(end: RunEnd): void;
}
interface PendingCheck {
  kind: 'check';
  resolve(error: SyntaxErrorInfo | null | undefined): void;
}

export class RuntimeClient {
  private readonly opts: Required<Omit<RuntimeClientOptions, 'listener'>> & {
    listener: RuntimeListener;
  };
  private port: WorkerPort | null = null;
  /** Bumped on every spawn; messages from an older worker are ignored. */
  private generation = 0;
  private nextId = 1;
  private statusValue: RuntimeStatus = 'booting';
  private readyInfo: ReadyInfo | null = null;
  private interruptView: Int32Array | null = null;
  /** The live half of the current worker's stop-poll probe, revoked once it has booted. */
  private probeUrl: string | null = null;
  private bootFailures = 0;
  /** The boot phase the current worker last reported, to name it if the worker dies. */
  private bootPhase: BootPhase = 'fetch-runtime';
  /** Requests sent to the current worker and not yet answered, by id. */
  private readonly pending = new Map<number, PendingRun | PendingCheck>();
  /** The run the worker is executing now (its id stays here even once superseded). */
  private busyId: number | null = null;
  /** The run whose output and result the page wants: the newest one. */
  private current: PendingRun | null = null;
  /** A run waiting for the worker to become free or ready. */
  private queued: PendingRun | null = null;
  private stopTimer: ReturnType<typeof setTimeout> | null = null;
  /** The busy run's wall-time watchdog (see onStarted). */
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(options: RuntimeClientOptions) {
    this.opts = {
      stopGraceMs: 1500,
      maxBootFailures: 2,
      listener: {},
      stopUrls,
      ...options,
    };
  }

  get status(): RuntimeStatus {
    return this.statusValue;
  }

  get info(): ReadyInfo | null {
    return this.readyInfo;
  }

  /**
   * Starts the first worker, or adopts `started`: a worker already sent its `init` (see
   * prewarm.ts), so Python was booting before this client existed. Its boot is reported and its
   * failures are handled as if this client had spawned it.
   */
  start(started: StartedWorker | null = null): void {
    this.spawn(started);
  }

  /**
   * Runs a program. A run requested while another is still going supersedes it: the older one
   * resolves as 'superseded' at once, is stopped, and none of its output reaches the page.
   */
  run(code: string, filename: string, options: RunOptions = {}): Promise<RunEnd> {
    return new Promise<RunEnd>((resolve) => {
      const request: PendingRun = {
        kind: 'run',
        id: this.nextId++,
        code,
        filename,
        options,
        stopUrl: null,
        resolve,
      };
      if (this.current) {
        this.current.resolve({ kind: 'superseded' });
        this.current = null;
      }
      if (this.queued) this.queued.resolve({ kind: 'superseded' });
      this.queued = request;
      if (this.busyId !== null) this.interruptBusy();
      this.pump();
    });
  }

  /**
   * Compiles without running. Resolves undefined when the check could not be made right now
   * (the worker is booting or busy), so callers can simply try again later.
   */
  check(code: string, filename: string): Promise<SyntaxErrorInfo | null | undefined> {
    if (this.statusValue !== 'ready' || !this.port) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, { kind: 'check', resolve });
      this.send(make<Request>({ type: 'check', id, code, filename }));
    });
  }

  /** Stops the current run, or the run still waiting to start. Returns false when there was
   * nothing to stop. */
  stop(): boolean {
    let stopped = false;
    if (this.queued) {
      this.queued.resolve({ kind: 'cancelled' });
      this.queued = null;
      stopped = true;
    }
    if (this.busyId === null) return stopped;
    this.interruptBusy();
    return true;
  }

  /** Starts over after the client gave up on repeated boot failures. */
  retry(): void {
    this.bootFailures = 0;
    this.respawn();
  }

  /** Terminates the worker and settles everything still waiting. */
  dispose(): void {
    this.disposed = true;
    this.clearStopTimer();
    this.port?.terminate();
    this.port = null;
    this.dropStopUrls();
    this.settleAll({ kind: 'superseded' });
  }

  // ---- internals -------------------------------------------------------------------------

  private setStatus(status: RuntimeStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    this.opts.listener.status?.(status);
  }

  private notice(
    level: 'info' | 'warning' | 'error',
    key: string,
    params: Record<string, string | number> = {},
  ): void {
    const text = RUNTIME_NOTICES[key].replace(/\{\{(\w+)\}\}/g, (_, k: string) =>
      String(params[k]),
    );
    this.opts.listener.notice?.(level, text, { key, params });
  }

  private send(message: Request, transfer: Transferable[] = []): void {
    this.port?.post(message, transfer);
  }

  private spawn(started: StartedWorker | null = null): void {
    if (this.disposed) {
      started?.port.terminate();
      return;
    }
    const generation = ++this.generation;
    this.readyInfo = null;
    this.bootPhase = 'fetch-runtime';
    this.setStatus('booting');
    const port = started?.port ?? this.opts.createWorker();
    this.port = port;
    let buffer: SharedArrayBuffer | null = null;
    if (started) {
      buffer = started.interruptBuffer;
    } else if (this.opts.isolated && typeof SharedArrayBuffer !== 'undefined') {
      buffer = new SharedArrayBuffer(4);
    }
    this.interruptView = buffer ? new Int32Array(buffer) : null;
    let stopProbe: StopProbe | null = null;
    if (started) stopProbe = started.stopProbe;
    else if (!buffer) stopProbe = makeStopProbe(this.opts.stopUrls);
    this.probeUrl = stopProbe?.alive ?? null;
    if (!started) {
      this.send(
        make<Request>({
          type: 'init',
          id: this.nextId++,
          baseUrl: this.opts.baseUrl,
          interruptBuffer: buffer,
          stopProbe,
        }),
      );
    }
    // Last: an adopted worker delivers what it already said (progress, ready, or a crash) inside
    // listen(), and handling it may respawn, so this spawn must have finished its own work.
    port.listen(
      (data) => {
        if (generation === this.generation) this.onMessage(data);
      },
      (message) => {
        if (generation !== this.generation) return;
        const phase: FailurePhase =
          this.statusValue === 'booting' && this.bootPhase !== 'ready' ? this.bootPhase : 'run';
        this.onCrash(phase, message || 'the worker stopped');
      },
    );
  }

  /** A live blob URL and a revoked one, for the worker to test at boot (StopProbe). */
  /** Frees the blob URLs the current worker still holds (a blob URL lives until revoked). */
  private dropStopUrls(): void {
    this.opts.stopUrls.revoke(this.probeUrl);
    this.probeUrl = null;
    for (const entry of this.pending.values()) {
      if (entry.kind === 'run') {
        this.opts.stopUrls.revoke(entry.stopUrl);
        entry.stopUrl = null;
      }
    }
  }

  /** Replaces the worker. Whatever it was running ends; a queued run goes to the new one. */
  private respawn(): void {
    this.clearStopTimer();
    this.port?.terminate();
    this.port = null;
    this.dropStopUrls();
    this.busyId = null;
    for (const [id, entry] of this.pending) {
      if (entry.kind === 'check') entry.resolve(undefined);
      this.pending.delete(id);
    }
    this.spawn();
  }

  private settleAll(end: RunEnd): void {
    this.current?.resolve(end);
    this.current = null;
    this.queued?.resolve(end);
    this.queued = null;
    for (const entry of this.pending.values()) {
      if (entry.kind === 'check') entry.resolve(undefined);
    }
    this.pending.clear();
    this.busyId = null;
  }

  /** Sends the queued run when the worker is ready and idle. */
  private pump(): void {
    if (!this.queued || this.busyId !== null || !this.port) return;
    if (this.statusValue !== 'ready') return;
    const run = this.queued;
    this.queued = null;
    // Without a shared buffer, a worker that can poll gets a URL for Stop to revoke.
    if (!this.interruptView && this.readyInfo?.interruptible) {
      run.stopUrl = this.opts.stopUrls.create();
    }
    this.current = run;
    this.busyId = run.id;
    this.pending.set(run.id, run);
    this.setStatus('running');
    this.send(
      make<Request>({
        type: 'run',
        id: run.id,
        code: run.code,
        filename: run.filename,
        options: run.options,
        stopUrl: run.stopUrl,
      }),
    );
  }

  private interruptBusy(): void {
    if (this.stopTimer !== null) return; // already stopping
    const view = this.interruptView;
    const busy = this.busyId === null ? undefined : this.pending.get(this.busyId);
    const stopUrl = busy?.kind === 'run' ? busy.stopUrl : null;
    if (!view && stopUrl === null) {
      this.terminateBusy('no-isolation');
      return;
    }
    if (this.current && this.current.id === this.busyId) this.setStatus('stopping');
    if (view) {
      Atomics.store(view, 0, SIGINT);
    } else if (busy?.kind === 'run') {
      // The worker's next poll fails to read it and raises SIGINT (stop-poll.ts).
      this.opts.stopUrls.revoke(stopUrl);
      busy.stopUrl = null;
    }
    this.stopTimer = setTimeout(() => {
      this.stopTimer = null;
      this.terminateBusy('interrupt-timeout');
    }, this.opts.stopGraceMs);
  }

  private terminateBusy(reason: 'no-isolation' | 'interrupt-timeout'): void {
    if (this.current && this.current.id === this.busyId) {
      this.current.resolve({ kind: 'terminated', reason });
      this.current = null;
    }
    this.notice(
      'warning',
      reason === 'no-isolation' ? 'status.stoppedNoInterrupt' : 'status.stoppedTerminated',
    );
    this.respawn();
  }

  private clearStopTimer(): void {
    if (this.stopTimer !== null) clearTimeout(this.stopTimer);
    this.stopTimer = null;
    this.clearWatchdog();
  }

  private clearWatchdog(): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /**
   * The busy run's program has started. The engine checks its wall-time budget in the loop and
   * at each traced line, but code that reaches neither (a one-line `while True: pass` records no
   * event after its first) would run on forever. So, as the CLI's watchdog does in Node, the
   * page waits out the budget plus a grace second and then raises WATCHDOG_SIGNAL through the
   * interrupt buffer, again every WATCHDOG_RETRY_MS until the run ends; the engine ends the run
   * as `wall-time limit reached`, with its trace. Without a shared buffer, the run's stop URL is
   * revoked instead: the worker raises SIGINT, which the engine reports as the budget once the
   * deadline has passed.
   */
  private onStarted(id: number): void {
    const run = this.pending.get(id);
    if (id !== this.busyId || run?.kind !== 'run') return;
    this.clearWatchdog();
    const budget = run.options.maxWallTime ?? DEFAULT_MAX_WALL_TIME;
    if (!(budget >= 0) || !Number.isFinite(budget)) return;
    const fire = (): void => {
      this.watchdog = null;
      if (this.busyId !== id) return;
      const view = this.interruptView;
      if (view) {
        Atomics.store(view, 0, WATCHDOG_SIGNAL);
      } else if (run.stopUrl !== null) {
        this.opts.stopUrls.revoke(run.stopUrl);
        run.stopUrl = null;
      } else {
        return;
      }
      this.watchdog = setTimeout(fire, WATCHDOG_RETRY_MS);
    };
    this.watchdog = setTimeout(fire, (budget + WATCHDOG_GRACE_SECONDS) * 1000);
  }

  private onCrash(phase: FailurePhase, message: string): void {
    const booting = this.statusValue === 'booting';
    if (this.current && this.current.id === this.busyId) {
      this.current.resolve({ kind: 'crashed', phase, message });
      this.current = null;
    }
    if (booting) {
      this.bootFailures += 1;
      if (this.bootFailures >= this.opts.maxBootFailures) {
        this.clearStopTimer();
        this.port?.terminate();
        this.port = null;
        this.busyId = null;
        this.setStatus('failed');
        this.notice('error', 'errors.bootFailed', { phase, message });
        return;
      }
    }
    this.notice('error', 'errors.workerFailed', { phase, message });
    this.respawn();
  }

  private onMessage(data: unknown): void {
    const parsed = parseReply(data);
    if (!parsed.ok) {
      this.notice('error', 'errors.protocolBadMessage', { reason: parsed.reason });
      return;
    }
    this.handle(parsed.message);
  }

  private handle(msg: Reply): void {
    switch (msg.type) {
      case 'progress':
        this.bootPhase = msg.phase;
        this.opts.listener.progress?.(msg.phase, msg.loaded, msg.total);
        return;
      case 'ready': {
        this.bootFailures = 0;
        // The worker has made its boot-time check of the probe; the URL is not needed again.
        this.opts.stopUrls.revoke(this.probeUrl);
        this.probeUrl = null;
        this.readyInfo = {
          pythonVersion: msg.pythonVersion,
          interruptible: msg.interruptible,
          bootMs: msg.bootMs,
        };
        this.setStatus('ready');
        this.opts.listener.ready?.(this.readyInfo);
        this.pump();
        return;
      }
      case 'output':
        if (this.current && msg.id === this.current.id) {
          this.opts.listener.output?.(msg.stream, msg.text);
        }
        return;
      case 'started':
        this.onStarted(msg.id);
        return;
      case 'run-result': {
        const entry = this.pending.get(msg.id);
        if (entry?.kind === 'run') this.opts.stopUrls.revoke(entry.stopUrl);
        this.pending.delete(msg.id);
        if (msg.id === this.busyId) {
          this.busyId = null;
          this.clearStopTimer();
        }
        if (this.current && msg.id === this.current.id) {
          const run = this.current;
          this.current = null;
          run.resolve({ kind: 'done', result: msg.result });
        }
        if (this.busyId === null && this.statusValue !== 'booting') this.setStatus('ready');
        this.pump();
        return;
      }
      case 'check-result': {
        const entry = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (entry?.kind === 'check') entry.resolve(msg.error);
        return;
      }
      case 'fatal':
        this.onCrash(msg.phase, msg.message);
        return;
      case 'refused':
        this.notice('error', 'errors.protocolRefused', {
          version: PROTOCOL_VERSION,
          reason: msg.reason,
        });
        return;
    }
  }
}
