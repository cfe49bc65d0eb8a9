/**
 * Stop without a SharedArrayBuffer: the worker's half (the page's half is in runtime-client.ts).
 *
 * A worker running Python reads no messages, and a page that is not cross-origin isolated (an
 * embed on an ordinary course page, a host that sends no COOP/COEP) has no shared memory to
 * write an interrupt into. What such a worker can still do synchronously is a blocking request.
 * So the page gives each run a blob URL and revokes it on Stop; the worker reads that URL now
 * and then, and once the read fails it raises SIGINT in Python, exactly as the shared buffer
 * would. The engine then ends the run as INTERRUPTED and returns the partial trace.
 *
 * "Now and then" is Pyodide's own periodic interrupt check: CPython calls it every 50 eval-breaker
 * checks (loop back-edges and calls) and reads `buffer[0]` from whatever object was given to
 * `setInterruptBuffer`. This module's buffer is an object whose `0` is a getter, so no Python file
 * changes and even a loop that never reaches the engine's own checks is stopped. The getter returns
 * at once except every STOP_POLL_MS, so the requests cost little (measured in
 * docs/architecture.md, "Stopping a run").
 *
 * A JavaScript getter on an index is a slow path in V8 (about 0.5 µs a call against 0.03 µs for
 * a typed array), and a tight loop reaches the check tens of thousands of times a second. So the
 * getter also moves CPython's countdown to the next check (`_Py_emscripten_signal_clock`, which
 * Pyodide exports), aiming at one read per READ_EVERY_MS of running: rare reads where checks are
 * dense, a read at every check where they are sparse (a loop of slow C calls), so Stop stays
 * prompt.
 */
import { SIGINT, type StopProbe } from './protocol';

/** Milliseconds between two reads of the stop URL while a run is going. */
export const STOP_POLL_MS = 250;

/** The getter aims to run about this often (ms), by spacing CPython's checks. */
export const READ_EVERY_MS = 1;
/**
 * The floor, and where a run and its program start: every check reads. A loop of slow C calls
 * (`n += sum(range(10**6))`, 10 to 30 ms a turn in Pyodide) reaches only a few checks a turn, and
 * at CPython's own spacing of 50 the read that sees the Stop could come a second or more after
 * it, past the page's grace: the page would terminate the worker and lose the trace. Where checks
 * come fast, the spacing doubles from here to the cap within a dozen reads.
 */
export const MIN_SPACING = 1;
/**
 * The cap. A tight loop reaches about ten checks a microsecond, so 1,024 checks still read about
 * once per 0.1 ms there (the getter's cost is then about half a percent), while a program that
 * turns from a tight loop to slow calls waits at most 1,024 of its slow checks for the read that
 * corrects the spacing: a larger cap could outlast the page's grace before it terminates the
 * worker and loses the trace.
 */
export const MAX_SPACING = 1024;

/**
 * The spacing doubles at most this often (ms), so it takes a tenth of a second of fast checks
 * (a tight loop, where the extra reads meanwhile cost that loop a few milliseconds in all) to
 * reach the cap, and a program's quick first lines, or a quick stretch between two slow calls,
 * cannot leave it there for the slow calls that follow.
 */
export const GROW_EVERY_MS = 10;

/** Sets how many eval-breaker checks pass before CPython next reads the interrupt buffer. */
export type SetCountdown = (checks: number) => void;

/**
 * The countdown of a Pyodide instance (its `_module`), or null if this build does not export it;
 * then the getter simply runs at every 50th check.
 */
export function pyodideCountdown(module: unknown): SetCountdown | null {
  const m = module as { HEAP32?: Int32Array; __Py_emscripten_signal_clock?: unknown } | null;
  const address = m?.__Py_emscripten_signal_clock;
  const heap = m?.HEAP32;
  if (typeof address !== 'number' || !heap || address <= 0 || address % 4 !== 0) return null;
  return (checks) => {
    // HEAP32 is replaced when the wasm memory grows; read it from the module every time.
    (m as { HEAP32: Int32Array }).HEAP32[address >> 2] = checks;
  };
}

/** Whether `url` can be read now (a blocking GET); false when the read fails. */
export type UrlCheck = (url: string) => boolean;

/**
 * A UrlCheck by synchronous XMLHttpRequest. Takes the constructor, not the global: the worker
 * removes XMLHttpRequest from its scope before user code runs (worker-lockdown.ts) and keeps this
 * private copy for its own use.
 */
export function xhrUrlCheck(Xhr: typeof XMLHttpRequest): UrlCheck {
  return (url) => {
    try {
      const request = new Xhr();
      request.open('GET', url, false);
      request.send();
      return request.status === 200;
    } catch {
      // A revoked blob URL fails with a NetworkError; so does one the CSP refuses.
      return false;
    }
  };
}

/** True when `check` can tell a live blob URL from a revoked one, i.e. polling would work. */
export function canPoll(check: UrlCheck, probe: StopProbe): boolean {
  return check(probe.alive) && !check(probe.revoked);
}

/** What Pyodide reads as its interrupt buffer: `buffer[0]` is read, then set to 0. */
export interface PollBuffer {
  0: number;
}

export interface StopPoller {
  /** Give this to `pyodide.setInterruptBuffer`. */
  readonly buffer: PollBuffer;
  /** A run starts: poll `url` until the run ends or the URL is gone. */
  arm(url: string): void;
  /** The program's first line is next: the spacing starts again from the floor. The engine's
   * set-up is a tight loop as far as the checks go and drives the spacing to its cap, which a
   * program that starts with slow C calls would otherwise wait out before Stop is read. */
  programStarts(): void;
  /** The run ended: the buffer reads 0 without polling. */
  disarm(): void;
}

export function makeStopPoller(
  check: UrlCheck,
  now: () => number = () => performance.now(),
  intervalMs: number = STOP_POLL_MS,
  setCountdown: SetCountdown | null = null,
): StopPoller {
  let url: string | null = null;
  let next = 0;
  let spacing = MIN_SPACING;
  let lastRead = 0;
  // When the spacing last doubled.
  let grown = 0;
  // One SIGINT per Stop, as the shared buffer gives (Pyodide zeroes it after reading). Raising
  // it again at every check would interrupt the engine while it winds the run down.
  let fired = false;
  const buffer: PollBuffer = {
    get 0(): number {
      if (url === null || fired) return 0;
      const t = now();
      if (setCountdown) {
        // CPython set the countdown to 50 just before this read; a new value holds until the next.
        const gap = t - lastRead;
        // Up by doubling, at most once per GROW_EVERY_MS (a few reads too many cost little, and
        // a burst of fast checks, such as a program's first lines, must not carry the spacing to
        // the cap just before a loop of slow calls); down at once in proportion to the gap, since
        // a read that came late means Stop would have waited as long.
        if (gap < READ_EVERY_MS) {
          if (t - grown >= GROW_EVERY_MS) {
            spacing = Math.min(spacing * 2, MAX_SPACING);
            grown = t;
          }
        } else if (gap > 2 * READ_EVERY_MS)
          spacing = Math.max(Math.floor((spacing * READ_EVERY_MS) / gap), MIN_SPACING);
        lastRead = t;
        setCountdown(spacing);
      }
      if (t < next) return 0;
      if (check(url)) {
        // Counted from the end of the read, so a slow read cannot make polling back-to-back.
        next = now() + intervalMs;
        return 0;
      }
      fired = true;
      return SIGINT;
    },
    set 0(_value: number) {
      // Pyodide clears the value after reading it; the getter's `fired` already did.
    },
  };
  return {
    buffer,
    arm(runUrl) {
      url = runUrl;
      fired = false;
      spacing = MIN_SPACING;
      lastRead = now();
      grown = lastRead;
      next = lastRead + intervalMs;
    },
    programStarts() {
      spacing = MIN_SPACING;
      lastRead = now();
      grown = lastRead;
      setCountdown?.(spacing);
    },
    disarm() {
      url = null;
    },
  };
}
