import { loadPyodide } from 'pyodide';
import { describe, expect, it } from 'vitest';
import { SIGINT } from './protocol';
import {
  MAX_SPACING,
  GROW_EVERY_MS,
  MIN_SPACING,
  STOP_POLL_MS,
  canPoll,
  makeStopPoller,
  pyodideCountdown,
} from './stop-poll';

/** A clock the test moves, and a URL check that counts its reads. */
function rig() {
  const clock = { t: 1000 };
  const gone = new Set<string>();
  const reads: string[] = [];
  const check = (url: string) => {
    reads.push(url);
    return !gone.has(url);
  };
  const poller = makeStopPoller(check, () => clock.t);
  return { clock, gone, reads, poller };
}

describe('makeStopPoller', () => {
  it('reads 0 without polling while no run is armed', () => {
    const { clock, reads, poller } = rig();
    clock.t += 10 * STOP_POLL_MS;
    expect(poller.buffer[0]).toBe(0);
    expect(reads).toEqual([]);
  });

  it('polls at most every STOP_POLL_MS and raises SIGINT once the URL is gone', () => {
    const { clock, gone, reads, poller } = rig();
    poller.arm('blob:run-1');
    expect(poller.buffer[0]).toBe(0);
    clock.t += STOP_POLL_MS - 1;
    expect(poller.buffer[0]).toBe(0);
    expect(reads).toEqual([]);
    clock.t += 1;
    expect(poller.buffer[0]).toBe(0);
    expect(reads).toEqual(['blob:run-1']);
    // Checked again only one interval after that read.
    clock.t += STOP_POLL_MS / 2;
    gone.add('blob:run-1');
    expect(poller.buffer[0]).toBe(0);
    expect(reads).toHaveLength(1);
    clock.t += STOP_POLL_MS / 2;
    expect(poller.buffer[0]).toBe(SIGINT);
    // Once per Stop, like the shared buffer that Pyodide zeroes after reading.
    poller.buffer[0] = 0;
    clock.t += 5 * STOP_POLL_MS;
    expect(poller.buffer[0]).toBe(0);
    expect(reads).toHaveLength(2);
  });

  it('starts clean for the next run and stops polling when disarmed', () => {
    const { clock, gone, reads, poller } = rig();
    poller.arm('blob:run-1');
    gone.add('blob:run-1');
    clock.t += STOP_POLL_MS;
    expect(poller.buffer[0]).toBe(SIGINT);
    poller.disarm();
    poller.arm('blob:run-2');
    clock.t += STOP_POLL_MS;
    expect(poller.buffer[0]).toBe(0);
    expect(reads.at(-1)).toBe('blob:run-2');
    poller.disarm();
    clock.t += STOP_POLL_MS;
    expect(poller.buffer[0]).toBe(0);
    expect(reads).toHaveLength(2);
  });
});

describe('spacing the checks', () => {
  it('reads rarely where checks come fast, and at every check where they are slow', () => {
    const clock = { t: 0 };
    const set: number[] = [];
    const poller = makeStopPoller(
      () => true,
      () => clock.t,
      STOP_POLL_MS,
      (n) => set.push(n),
    );
    poller.arm('blob:run');
    const fastReads = (ms: number) => {
      for (let i = 0; i < ms * 10; i++) {
        clock.t += 0.1;
        expect(poller.buffer[0]).toBe(0);
      }
    };
    // Reads 0.1 ms apart: the spacing doubles, once per GROW_EVERY_MS, up to its cap.
    fastReads(GROW_EVERY_MS / 2);
    expect(set.at(-1)).toBe(MIN_SPACING);
    fastReads(GROW_EVERY_MS * 3);
    expect([...new Set(set)].slice(0, 4)).toEqual([MIN_SPACING, 2, 4, 8]);
    fastReads(GROW_EVERY_MS * 12);
    expect(set.at(-1)).toBe(MAX_SPACING);
    // One read 50 ms late (the loop turned to slow C calls): the spacing comes down at once, in
    // proportion, not by halving over many more slow reads.
    clock.t += 50;
    expect(poller.buffer[0]).toBe(0);
    expect(set.at(-1)).toBe(Math.max(MIN_SPACING, Math.floor(MAX_SPACING / 50)));
    for (let i = 0; i < 20; i++) {
      clock.t += 50;
      expect(poller.buffer[0]).toBe(0);
    }
    expect(set.at(-1)).toBe(MIN_SPACING);
    expect(MIN_SPACING).toBe(1);
    // The program's first line: back to the floor, whatever the set-up drove the spacing to.
    fastReads(GROW_EVERY_MS * 12);
    expect(set.at(-1)).toBe(MAX_SPACING);
    poller.programStarts();
    expect(set.at(-1)).toBe(MIN_SPACING);
    // Disarmed, the countdown is left alone.
    poller.disarm();
    const before = set.length;
    expect(poller.buffer[0]).toBe(0);
    expect(set).toHaveLength(before);
  });

  it('finds no countdown where the module does not export one', () => {
    expect(pyodideCountdown(null)).toBeNull();
    expect(pyodideCountdown({ HEAP32: new Int32Array(4) })).toBeNull();
    const heap = new Int32Array(4);
    pyodideCountdown({ HEAP32: heap, __Py_emscripten_signal_clock: 8 })!(300);
    expect(heap[2]).toBe(300);
  });
});

describe('canPoll', () => {
  const probe = { alive: 'blob:alive', revoked: 'blob:revoked' };
  it('is true only when the live URL reads and the revoked one does not', () => {
    expect(canPoll((url) => url === probe.alive, probe)).toBe(true);
    // A Content-Security-Policy without blob: refuses both.
    expect(canPoll(() => false, probe)).toBe(false);
    // Something that answers every URL could never see a Stop.
    expect(canPoll(() => true, probe)).toBe(false);
  });
});

describe('Pyodide reading the poller as its interrupt buffer', () => {
  it('ends a `while True: pass` with KeyboardInterrupt once the URL is revoked', async () => {
    const pyodide = await loadPyodide();
    let revoked = false;
    let reads = 0;
    const module = (pyodide as unknown as { _module: unknown })._module;
    const countdown = pyodideCountdown(module);
    // Pyodide 314 exports CPython's countdown; the getter relies on it to stay cheap.
    expect(countdown).not.toBeNull();
    let getterCalls = 0;
    const poller = makeStopPoller(
      () => {
        reads += 1;
        // The page presses Stop while Python is spinning: the third read fails.
        if (reads === 3) revoked = true;
        return !revoked;
      },
      () => performance.now(),
      5,
      (n) => {
        getterCalls += 1;
        countdown!(n);
      },
    );
    pyodide.setInterruptBuffer(poller.buffer as unknown as Int32Array);
    poller.arm('blob:run');
    const outcome = pyodide.runPython(`
try:
    n = 0
    while True:
        n += 1
except KeyboardInterrupt:
    result = 'interrupted'
result
`) as string;
    poller.disarm();
    expect(outcome).toBe('interrupted');
    expect(reads).toBe(3);
    // At CPython's own spacing a 10 ms loop would reach the getter thousands of times.
    expect(getterCalls).toBeGreaterThan(0);
    // The interpreter carries on, and nothing interrupts it after the run.
    expect(pyodide.runPython('sum(range(10**6))')).toBe(499999500000);
  }, 60_000);

  it('reads at every check in a loop of slow C calls, after a tight stretch', async () => {
    const pyodide = await loadPyodide();
    const countdown = pyodideCountdown((pyodide as unknown as { _module: unknown })._module)!;
    const set: number[] = [];
    let reachedCap = false;
    const poller = makeStopPoller(
      () => true,
      () => performance.now(),
      STOP_POLL_MS,
      (n) => {
        set.push(n);
        if (n === MAX_SPACING) reachedCap = true;
        countdown(n);
      },
    );
    pyodide.setInterruptBuffer(poller.buffer as unknown as Int32Array);
    poller.arm('blob:run');
    // As in a run: a tight stretch (the engine's set-up) drives the spacing to its cap, the
    // engine calls onStart, and the program begins with a loop of slow C calls (10 ms or more
    // a turn, two or three checks a turn). At the cap it would wait out 1,024 slow checks, and
    // at CPython's 50 about twenty turns; from the floor every check or so reads.
    pyodide.globals.set('program_starts', () => poller.programStarts());
    let atStart = 0;
    pyodide.globals.set('mark', () => {
      atStart = set.length;
    });
    // The stretch lasts until the spacing has reached its cap (on a loaded machine a read that
    // comes late, the process descheduled, brings it down, so no fixed length is enough), or
    // 400 rounds (about 4 * 10**7 iterations, seconds), past which the assertion below fails.
    pyodide.globals.set('at_cap', () => reachedCap);
    pyodide.runPython(`
n = 0
rounds = 0
while not at_cap() and rounds < 400:
    rounds += 1
    for i in range(10**5):
        n += 1
mark()
program_starts()
n = 0
for i in range(60):
    n += sum(range(10**6))
`);
    poller.disarm();
    // (At some point: a read that came late in the stretch, the process descheduled, may have
    // brought it down again just before the program starts.)
    // (Not Math.max(...set): a long stretch on a loaded machine sets the spacing hundreds of
    // thousands of times, more arguments than a call takes.)
    expect(set.slice(0, atStart).reduce((a, b) => Math.max(a, b), 0)).toBe(MAX_SPACING);
    expect(set[atStart]).toBe(MIN_SPACING);
    expect(set.length - atStart).toBeGreaterThanOrEqual(20);
    // Every check or every other one (two checks of a turn come microseconds apart).
    expect(set.at(-1)).toBeLessThanOrEqual(2 * MIN_SPACING);
  }, 60_000);
});
