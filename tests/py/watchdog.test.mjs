// The CLI's wall-time watchdog (src/runtime/watchdog.node.ts) stops a CPU loop that reaches none
// of the engine's checks wherever its interrupt first lands. On a loaded machine the budget can
// run out while the run is still being set up: that interrupt used to be lost (the program then
// spun for ever, and CI timed out) or to crash the run, and one landing early in the program was
// reported as "stopped by the user". A loop in a __del__ that the engine's teardown runs is
// stopped too.
// Run: node --import tsx --test tests/py/watchdog.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Outcome } from '../../src/trace/schema.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

test('the watchdog stops the run wherever its first interrupt lands, and only that run', async () => {
  const stdout = await new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'watchdog-child.mjs')],
      { timeout: 120_000, killSignal: 'SIGKILL', maxBuffer: 16 << 20 },
      (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
    );
  });
  const runs = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(runs.length, 5 * 2 * 2 * 2 + 2);
  for (const r of runs.slice(0, -2)) {
    const what = JSON.stringify(r);
    assert.equal(r.outcome, Outcome.LIMIT_WALL_TIME, what);
    assert.equal(
      r.stderr,
      `loopscope: run stopped: wall-time limit of ${r.budget} s reached\n`,
      what,
    );
    // Stopped on a program line or before the first: never a line after the stop.
    assert.equal(r.stdout, '', what);
  }
  // The program's own outcome stands; its __del__'s loop is stopped, not left spinning (the
  // engine ignored interrupts in its teardown, and the run never ended).
  assert.deepEqual(runs.at(-2), {
    name: 'teardown',
    outcome: Outcome.EXCEPTION,
    stdout: 'closing\n',
  });
  assert.deepEqual(runs.at(-1), { name: 'after', outcome: Outcome.OK, stdout: 'next run\n' });
});
