// Thread pools used from plain code (no event loop), as Fluent Python's flags_threadpool.py and
// demo_executor_map.py use them: jobs on simulated workers, the caller's clock moved by its waits.
// The timings against real CPython are checked by tests/corpus/94; these check the virtual clock
// to the microsecond, the trace's worker lanes, and determinism.
// Run: node --import tsx --test tests/py/world-sync-pool.test.mjs
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { boot, rows } from './world-helpers.mjs';

let world;
before(async () => {
  world = await boot();
});

const MAP = `
import time
from concurrent import futures

def loiter(n):
    time.sleep(n)
    return n * 10

with futures.ThreadPoolExecutor(max_workers=3) as executor:
    results = executor.map(loiter, range(5))
    print('submitted at', time.monotonic())
    for i, result in enumerate(results):
        print(i, result, time.monotonic())
print('shut down at', time.monotonic())
`;

describe('thread pools used without a loop', () => {
  it('runs map on three workers: each result when its job ends, in order', () => {
    const run = world.run(MAP);
    assert.equal(run.status, 0, run.stderr);
    // Jobs 0-2 start at 0 on three workers (job 0 ends at once, so job 3 reuses its worker at 0
    // and ends at 3); job 4 waits for the next free worker (job 1's, free at 1) and ends at 5.
    assert.equal(
      run.stdout,
      'submitted at 0.0\n0 0 0.0\n1 10 1.0\n2 20 2.0\n3 30 3.0\n4 40 5.0\nshut down at 5.0\n',
    );
    const workers = run.resources.filter(([, name]) =>
      name.startsWith('thread ThreadPoolExecutor'),
    );
    assert.equal(workers.length, 3);
    assert.equal(rows(run, 'WORKER_START').length, 5);
    assert.deepEqual(
      rows(run, 'WORKER_END').map(([time]) => time),
      [0, 1, 2, 3, 5],
    );
  });

  it('gives the same trace twice', () => {
    const a = world.run(MAP).result.trace;
    const b = world.run(MAP).result.trace;
    assert.deepEqual(Array.from(a.events.kind), Array.from(b.events.kind));
    assert.deepEqual(Array.from(a.events.time), Array.from(b.events.time));
    assert.deepEqual(a.strings, b.strings);
  });

  it('as_completed, wait, timeouts, exceptions and shutdown follow the virtual clock', () => {
    const run = world.run(`
import time
from concurrent import futures

def job(n):
    time.sleep(n)
    if n == 3:
        raise ValueError('three')
    return n

ex = futures.ThreadPoolExecutor(max_workers=2)
fs = [ex.submit(job, n) for n in (2, 1, 3)]
print([f.done() for f in fs], time.monotonic())
done, not_done = futures.wait(fs, return_when=futures.FIRST_COMPLETED)
print(sorted(f.result() for f in done), len(not_done), time.monotonic())
try:
    for f in futures.as_completed(fs, timeout=1.5):
        print('completed', f.result(), time.monotonic())
except futures.TimeoutError as e:
    print('timeout', e, time.monotonic())
try:
    fs[2].result(timeout=0.5)
except futures.TimeoutError:
    print('result timed out', time.monotonic())
print(type(fs[2].exception()).__name__, time.monotonic())
ex.shutdown()
try:
    ex.submit(job, 0)
except RuntimeError as e:
    print(e)
`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        '[False, False, False] 0.0',
        '[1] 2 1.0',
        'completed 1 1.0',
        'completed 2 2.0',
        'timeout 1 (of 3) futures unfinished 2.5',
        'result timed out 3.0',
        'ValueError 4.0',
        'cannot schedule new futures after shutdown',
        '',
      ].join('\n'),
    );
  });

  it('a job submitted inside a coroutine completes on the loop at its end (wrap_future)', () => {
    const run = world.run(`
import asyncio, time
from concurrent import futures

def job(n):
    time.sleep(n)
    return n

async def main():
    loop = asyncio.get_running_loop()
    with futures.ThreadPoolExecutor(2) as pool:
        print('wrapped', await asyncio.wrap_future(pool.submit(job, 1)), loop.time())
        print('run_in_executor', await loop.run_in_executor(pool, job, 2), loop.time())

asyncio.run(main())
`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'wrapped 1 1.0\nrun_in_executor 2 3.0\n');
  });
});
