/**
 * The one protocol between the page (runtime-client.ts) and the Pyodide worker
 * (pyodide.worker.ts). Every message carries `type`, `id` and the protocol version `v`; both sides
 * validate what they receive with `parseMessage` and refuse anything else with a message, so a
 * stale cached worker can never half-understand a newer page.
 */
import type { TraceColumns } from '../trace/schema';

/** Bump when a message changes shape. Both sides are built together, so a mismatch means a stale cache. */
export const PROTOCOL_VERSION = 3;

/** Value written into the interrupt buffer to raise KeyboardInterrupt (it is SIGINT's number). */
export const SIGINT = 2;

/**
 * Value a host's wall-time watchdog writes into the interrupt buffer once a run's budget is
 * spent: SIGXCPU, "CPU time limit exceeded", the engine's `_signals.WATCHDOG_SIGNAL`. The engine
 * ends the run as `wall-time limit reached`, keeping its trace. It is for code that reaches none
 * of the engine's own checks (a one-line `while True: pass` records no event after its first).
 */
export const WATCHDOG_SIGNAL = 24;

/** Seconds after the wall-time budget before a host's watchdog interrupts: the engine checks first. */
export const WATCHDOG_GRACE_SECONDS = 1;

/** Milliseconds between a watchdog's interrupts once the budget is spent, until the run ends. */
export const WATCHDOG_RETRY_MS = 250;

/** The engine's wall-time budget when a run's options set none (seconds; _runner.py's default). */
export const DEFAULT_MAX_WALL_TIME = 20;

/**
 * How a page that is not cross-origin isolated (no SharedArrayBuffer) stops a run in place: it
 * gives each run a blob URL and revokes it on Stop. The worker, at Pyodide's periodic interrupt
 * check, reads the URL with a synchronous request at most every `STOP_POLL_MS`; once the read
 * fails it raises SIGINT, so the run ends with its partial trace (pyodide.worker.ts, stop-poll).
 * The probe lets the worker check at boot that it can tell a live URL from a revoked one: a
 * Content-Security-Policy without `blob:` in connect-src refuses both, and Stop then terminates.
 */
export interface StopProbe {
  /** A blob URL the page keeps alive until the worker reports `ready`. */
  alive: string;
  /** A blob URL the page revoked before sending it. */
  revoked: string;
}

/** The named phases a worker boots through, in order. A fatal error names the phase it hit. */
export const BOOT_PHASES = ['fetch-runtime', 'start-python', 'install-engine', 'ready'] as const;
export type BootPhase = (typeof BOOT_PHASES)[number];
/** Where a fatal error can happen: a boot phase, or while running a program. */
export type FailurePhase = Exclude<BootPhase, 'ready'> | 'run' | 'protocol';

/** Budgets and switches for one run; every field is optional (the engine has defaults). */
export interface RunOptions {
  maxEvents?: number;
  maxVirtualTime?: number;
  maxWallTime?: number;
  trace?: boolean;
  seed?: number;
  /** One-way latency of loopback TCP messages in seconds (the world's default: 0.002). */
  loopbackLatency?: number;
  /**
   * One-way latency of TCP messages to other hosts in seconds (the world's default: 0.030).
   * When set, an aiohttp request to the simulated internet takes twice this instead of its
   * per-URL 50-150 ms.
   */
  remoteLatency?: number;
  /** Random extra delay per network message or HTTP request, from [0, jitter) seconds, seeded. */
  jitter?: number;
}

export interface RunStats {
  events: number;
  tasks: number;
  virtualTime: number;
  wallMs: number;
  outcome: number;
}

/** What a finished run sends back. The trace's typed arrays arrive transferred, not copied. */
export interface RunResultPayload {
  trace: TraceColumns | null;
  stdout: string;
  stderr: string;
  /** An `Outcome` value from trace/schema.ts. */
  outcome: number;
  outcomeDetail: string;
  exitCode: 0 | 1;
  stats: RunStats;
  /** True when the worker stopped forwarding live output because the run printed too much. */
  outputTruncated: boolean;
}

/** A compile error found without running: 1-based line and column, as Python reports them. */
export interface SyntaxErrorInfo {
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface Envelope {
  v: typeof PROTOCOL_VERSION;
  /** Request id; replies carry the id of the request they answer (0 for unsolicited messages). */
  id: number;
}

/** Page → worker. */
export type Request =
  | (Envelope & {
      type: 'init';
      /** Base URL of the app, so the worker finds /pyodide/ under any deployment path. */
      baseUrl: string;
      /** Present when the page is cross-origin isolated; Stop writes SIGINT into it. */
      interruptBuffer: SharedArrayBuffer | null;
      /** Present when there is no interrupt buffer but blob URLs work (see StopProbe). */
      stopProbe: StopProbe | null;
    })
  | (Envelope & {
      type: 'run';
      code: string;
      filename: string;
      options: RunOptions;
      /** The blob URL Stop revokes (see StopProbe); null when Stop interrupts or terminates. */
      stopUrl: string | null;
    })
  | (Envelope & { type: 'check'; code: string; filename: string });

/** Worker → page. */
export type Reply =
  | (Envelope & {
      type: 'progress';
      phase: BootPhase;
      /** Bytes downloaded so far in this phase and the expected total (0 when unknown). */
      loaded: number;
      total: number;
    })
  | (Envelope & {
      type: 'ready';
      pythonVersion: string;
      /**
       * Whether Stop can interrupt without a restart (and so keep the partial trace): through
       * the shared interrupt buffer, or by polling the run's stop URL.
       */
      interruptible: boolean;
      bootMs: number;
    })
  | (Envelope & { type: 'output'; stream: 'stdout' | 'stderr'; text: string })
  /** The run's program starts (its first line is next): its wall-time budget counts from here. */
  | (Envelope & { type: 'started' })
  | (Envelope & { type: 'run-result'; result: RunResultPayload })
  | (Envelope & { type: 'check-result'; error: SyntaxErrorInfo | null })
  | (Envelope & {
      type: 'fatal';
      phase: FailurePhase;
      message: string;
    })
  | (Envelope & { type: 'refused'; reason: string });

export type Message = Request | Reply;

/** Distributes Omit over a union so each variant keeps its own fields. */
type WithoutEnvelope<T> = T extends unknown ? Omit<T, 'v'> : never;

/** Stamps the protocol version on a message. */
export function make<T extends Message>(msg: WithoutEnvelope<T>): T {
  return { ...msg, v: PROTOCOL_VERSION } as unknown as T;
}

const REQUEST_TYPES = new Set<string>(['init', 'run', 'check']);
const REPLY_TYPES = new Set<string>([
  'progress',
  'ready',
  'output',
  'started',
  'run-result',
  'check-result',
  'fatal',
  'refused',
]);

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string; id: number };

function parseWith<T>(data: unknown, types: Set<string>, side: string): Parsed<T> {
  if (typeof data !== 'object' || data === null) {
    return { ok: false, reason: `${side}: not a protocol message`, id: 0 };
  }
  const { v, id, type } = data as { v?: unknown; id?: unknown; type?: unknown };
  const safeId = typeof id === 'number' && Number.isInteger(id) ? id : 0;
  if (v !== PROTOCOL_VERSION) {
    return {
      ok: false,
      reason: `${side}: protocol version ${String(v)} refused (this build speaks version ${PROTOCOL_VERSION}); reload the page`,
      id: safeId,
    };
  }
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
    return { ok: false, reason: `${side}: message without a valid id`, id: 0 };
  }
  if (typeof type !== 'string' || !types.has(type)) {
    return { ok: false, reason: `${side}: unknown message type ${String(type)}`, id: safeId };
  }
  return { ok: true, message: data as T };
}

/** Validates a message arriving at the worker. */
export function parseRequest(data: unknown): Parsed<Request> {
  return parseWith<Request>(data, REQUEST_TYPES, 'worker');
}

/** Validates a message arriving at the page. */
export function parseReply(data: unknown): Parsed<Reply> {
  return parseWith<Reply>(data, REPLY_TYPES, 'page');
}
