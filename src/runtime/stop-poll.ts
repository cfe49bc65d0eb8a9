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
 * changes and even a loop that never reaches the engine's own checks is stopped. The getter reads
 * the clock and returns at once except every STOP_POLL_MS, so the requests cost little (measured
 * in docs/architecture.md, "Stopping a run").
 */
import { SIGINT, type StopProbe } from './protocol';

/** Milliseconds between two reads of the stop URL while a run is going. */
export const STOP_POLL_MS = 200;

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
  /** The run ended: the buffer reads 0 without polling. */
  disarm(): void;
}

export function makeStopPoller(
  check: UrlCheck,
  now: () => number = () => performance.now(),
  intervalMs: number = STOP_POLL_MS,
): StopPoller {
  let url: string | null = null;
  let next = 0;
  // One SIGINT per Stop, as the shared buffer gives (Pyodide zeroes it after reading). Raising
  // it again at every check would interrupt the engine while it winds the run down.
  let fired = false;
  const buffer: PollBuffer = {
    get 0(): number {
      if (url === null || fired) return 0;
      if (now() < next) return 0;
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
      next = now() + intervalMs;
    },
    disarm() {
      url = null;
    },
  };
}
