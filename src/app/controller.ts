/**
 * Connects one playground's store to its Python runtime: Run/Stop, live output, compile checks
 * while typing, and saving the code. Components call its methods and read the store; nothing
 * here renders.
 */
import { t } from '../i18n';
import type { BOOT_PHASES, RunOptions } from '../runtime/protocol';
import {
  RuntimeClient,
  spawnPyodideWorker,
  type RunEnd,
  type WorkerPort,
} from '../runtime/runtime-client';
import { takePrewarmedWorker } from '../runtime/prewarm';
import type { PlaygroundStore } from '../store/create-store';
import type { ResolvedConfig } from './config';
import { saveCode } from './storage';
import { engineStderrText } from './outcome-text';
import { announceRunEnd, say, translate } from './run-end';

export interface ControllerDeps {
  createWorker?: () => WorkerPort;
  isolated?: boolean;
  baseUrl?: string;
  /** Called when start() starts the runtime (a page that deferred Python learns it is coming). */
  onStart?(): void;
}

export class PlaygroundController {
  private client: RuntimeClient | null = null;
  private unsubscribe: (() => void) | null = null;
  private checkTimer: ReturnType<typeof setTimeout> | null = null;
  private autoranOnce = false;
  /** Passed to every run: the config's (a replay's come from its recording, launch.ts). */
  private readonly runOptions: RunOptions;

  constructor(
    private readonly store: PlaygroundStore,
    private readonly config: ResolvedConfig,
    private readonly deps: ControllerDeps = {},
  ) {
    this.runOptions = config.runOptions;
  }

  /** Starts the worker and the subscriptions. Safe to call again after dispose(). */
  start(): void {
    if (this.client) return;
    const s = () => this.store.getState();
    const isolated = this.deps.isolated ?? globalThis.crossOriginIsolated === true;
    const baseUrl = this.deps.baseUrl ?? new URL(import.meta.env.BASE_URL, location.href).href;
    this.client = new RuntimeClient({
      createWorker: this.deps.createWorker ?? spawnPyodideWorker,
      isolated,
      baseUrl,
      stopGraceMs: this.config.stopGraceMs,
      listener: {
        status: (status) => {
          s().setRuntimeStatus(status);
          // Edits made while a run was going could not be checked; check them now.
          if (status === 'ready') this.scheduleCheck(0);
        },
        progress: (phase, loaded, total) => s().setBootProgress(phase, loaded, total),
        ready: (info) => {
          s().setRuntimeInfo(info);
          s().setBootProgress('ready', 0, 0);
          if (this.config.autorun && !this.autoranOnce) {
            this.autoranOnce = true;
            void this.run();
          }
        },
        // The engine's closing line ("loopscope: run stopped: ...") in the reader's language.
        output: (stream, text) =>
          s().appendOutput(stream, stream === 'stderr' ? engineStderrText(text, translate) : text),
        notice: (level, _english, message) => {
          // The client says what happened as a key; the reader sees it in their language.
          const text = t(message.key, message.params);
          s().setNotice(level, text, message);
          if (level !== 'info') s().appendOutput('system', `\n${text}\n`);
        },
      },
    });
    this.unsubscribe = this.store.subscribe((state, prev) => {
      if (state.code !== prev.code) {
        saveCode(this.config.storageKey, state.code);
        this.scheduleCheck(this.config.checkDelayMs);
      }
    });
    // The entry module may have started the page's worker before the app loaded (prewarm.ts).
    this.client.start(this.deps.createWorker ? null : takePrewarmedWorker(baseUrl, isolated));
    this.deps.onStart?.();
  }

  dispose(): void {
    if (this.checkTimer !== null) clearTimeout(this.checkTimer);
    this.checkTimer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.client?.dispose();
    this.client = null;
  }

  /** Runs the editor's code. A Run during a run replaces it (the old output never shows). */
  async run(): Promise<void> {
    // A page showing a recorded run defers Python (startRuntime: false); Run starts it and the
    // run waits for the boot, rather than doing nothing.
    if (!this.client) this.start();
    const client = this.client;
    if (!client) return;
    const state = this.store.getState();
    const { code, filename } = state;
    state.beginRun();
    state.clearConsole();
    state.setErrorLine(null);
    say(state, 'info', client.status === 'ready' ? 'status.running' : 'boot.waiting');
    const end = await client.run(code, filename, this.runOptions);
    this.finish(end, code, filename);
  }

  /** Stops the current run; the client picks interrupt or terminate and reports which. */
  stop(): void {
    const client = this.client;
    if (!client) return;
    const before = this.store.getState().notice?.seq;
    if (!client.stop()) return;
    // Terminating reports synchronously (the notice changed); only an interrupt is still pending.
    if (this.store.getState().notice?.seq === before) {
      say(this.store.getState(), 'info', 'status.stopping');
    }
  }

  /** After repeated boot failures, tries a fresh worker. */
  retry(): void {
    this.client?.retry();
  }

  private finish(end: RunEnd, code: string, filename: string): void {
    const s = this.store.getState();
    if (end.kind === 'superseded') return;
    if (end.kind === 'terminated') {
      s.endRun({ kind: 'terminated', outcome: -1, detail: end.reason, stats: null }, null);
      return; // the client already said what happened
    }
    if (end.kind === 'crashed') {
      s.endRun({ kind: 'crashed', outcome: -1, detail: end.message, stats: null }, null);
      return;
    }
    if (end.kind === 'cancelled') {
      s.endRun({ kind: 'cancelled', outcome: -1, detail: '', stats: null }, null);
      say(s, 'info', 'status.stoppedBeforeStart');
      return;
    }
    const { result } = end;
    s.endRun(
      { kind: 'done', outcome: result.outcome, detail: result.outcomeDetail, stats: result.stats },
      result.trace,
    );
    if (result.outputTruncated) {
      s.appendOutput('system', `\n${t('console.liveTruncated')}\n`);
    }
    announceRunEnd(s, {
      outcome: result.outcome,
      detail: result.outcomeDetail,
      stderr: result.stderr,
      filename,
      wallMs: result.stats.wallMs,
      // Only mark the line if the code has not been edited since the run started.
      codeUnchanged: this.store.getState().code === code,
    });
  }

  /** Compile-checks the current code once the typing pauses and the worker is idle. */
  private scheduleCheck(delay: number): void {
    if (this.checkTimer !== null) clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      void this.check();
    }, delay);
  }

  private async check(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const { code, filename } = this.store.getState();
    const error = await client.check(code, filename);
    // undefined: the worker was busy or booting; the next edit or the next ready retries.
    if (error === undefined) return;
    if (this.store.getState().code !== code) return; // stale: a newer edit will be checked
    this.store.getState().setSyntaxError(error);
  }
}

/** Human words for a boot phase, for the progress indicator. */
export const PHASE_LABELS: Record<(typeof BOOT_PHASES)[number], string> = {
  'fetch-runtime': 'Downloading Python',
  'start-python': 'Starting CPython',
  'install-engine': 'Installing the tracer',
  ready: 'Python ready',
};
