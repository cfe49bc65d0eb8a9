// Simulated thread and process pools: worker clocks, pool sizes, trace lanes and thread errors.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { boot, rows, str } from './world-helpers.mjs';

let world;
before(async () => {
  world = await boot();
});

describe('simulated executors', () => {
  it('finishes four 0.1 s jobs on four workers together at t=0.1, a fifth one later', () => {
    const run = world.run(`
import asyncio, time
from concurrent.futures import ThreadPoolExecutor

def work(n):
    time.sleep(0.1)
    return n * n

async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=4) as pool:
        futs = [loop.run_in_executor(pool, work, n) for n in range(4)]
        for fut in asyncio.as_completed(futs):
            print(await fut, loop.time())
        print(await asyncio.gather(*(loop.run_in_executor(pool, work, n) for n in range(5))), round(loop.time(), 6))

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    const lines = run.stdout.trim().split('\n');
    assert.deepEqual(
      lines.slice(0, 4).map((l) => l.split(' ')[1]),
      ['0.1', '0.1', '0.1', '0.1'],
    );
    assert.equal(lines[4], '[0, 1, 4, 9, 16] 0.3');
    const workers = run.resources.filter((r) => r[0] === 9);
    assert.equal(workers.length, 4, 'the real pool size: four lanes, not five');
    assert.deepEqual(
      workers.map((w) => [w[1], w[3]]),
      [0, 1, 2, 3].map((i) => [`thread ThreadPoolExecutor-0_${i}`, 4]),
    );
    const starts = rows(run, 'WORKER_START');
    const ends = rows(run, 'WORKER_END');
    assert.equal(starts.length, 9);
    assert.equal(ends.length, 9);
    assert.deepEqual(
      starts.slice(0, 4).map((s) => s[0]),
      [0, 0, 0, 0],
    );
    assert.deepEqual(
      ends.slice(0, 4).map((e) => e[0]),
      [0.1, 0.1, 0.1, 0.1],
    );
    assert.equal(str(run, starts[0][3]), 'work(0)');
    assert.equal(starts[0][1], 12, 'job attributed to the run_in_executor line');
    const fifth = starts[8];
    assert.equal(Math.round(fifth[0] * 1e6) / 1e6, 0.2, 'the fifth job waits for a free worker');
    assert.equal(ends[8][4], fifth[4], 'WORKER_END names the same future');
  });

  it('advances only the worker clock: the loop keeps running other tasks meanwhile', () => {
    const run = world.run(`
import asyncio, time, threading

def blocking_io():
    print('start blocking_io on', threading.current_thread().name)
    time.sleep(1)
    return 'io done'

async def ticker():
    for _ in range(3):
        await asyncio.sleep(0.4)
        print('tick', round(asyncio.get_running_loop().time(), 1))

async def main():
    loop = asyncio.get_running_loop()
    result, _ = await asyncio.gather(asyncio.to_thread(blocking_io), ticker())
    print(result, round(loop.time(), 1))

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      'start blocking_io on asyncio_0\ntick 0.4\ntick 0.8\ntick 1.2\nio done 1.2\n',
    );
    assert.equal(rows(run, 'LOOP_BLOCKED').length, 0, 'a worker sleeping does not block the loop');
    const [start] = rows(run, 'WORKER_START');
    assert.equal(str(run, start[3]), 'blocking_io()');
    assert.equal(rows(run, 'WORKER_END')[0][0], 1);
  });

  it('uses the default pool size, ProcessPoolExecutor sizes and reports job exceptions', () => {
    const run = world.run(`
import asyncio, time, os
from concurrent.futures import ProcessPoolExecutor

def cpu(n):
    time.sleep(1)
    if n == 2:
        raise ValueError(f'bad input {n}')
    return n

async def main():
    loop = asyncio.get_running_loop()
    await asyncio.gather(*(loop.run_in_executor(None, cpu, 0) for _ in range(7)))
    print('default pool: 7 jobs took', loop.time())
    t = loop.time()
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(*(loop.run_in_executor(pool, cpu, n) for n in range(4)),
                                       return_exceptions=True)
    print(results, loop.time() - t)

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    // min(32, cpu_count + 4) workers: 5 in Pyodide (one CPU), so 7 jobs need two rounds
    assert.equal(
      run.stdout,
      "default pool: 7 jobs took 2.0\n[0, 1, ValueError('bad input 2'), 3] 2.0\n",
    );
    const names = run.resources.filter((r) => r[0] === 9).map((r) => r[1]);
    assert.equal(names.filter((n) => n.startsWith('thread asyncio_')).length, 5);
    assert.deepEqual(
      names.filter((n) => n.startsWith('process')),
      ['process ProcessPoolExecutor-0_0', 'process ProcessPoolExecutor-0_1'],
    );
  });

  it('gives a clear error for threading.Thread, pointing to asyncio.to_thread', () => {
    const run = world.run(`
import threading

def worker():
    print('never')

t = threading.Thread(target=worker)
t.start()
`);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /line 8/);
    assert.match(
      run.stderr,
      /RuntimeError: threading\.Thread\('Thread-\d+ \(worker\)'\)\.start\(\): real threads cannot run in the browser\. Use `await asyncio\.to_thread\(func, \*args\)`/,
    );
  });

  it('cancels a job still queued for a worker, and refuses a shut-down pool', () => {
    const run = world.run(`
import asyncio, time
from concurrent.futures import ThreadPoolExecutor

ran = []
def job(n):
    ran.append(n)
    time.sleep(1)

async def main():
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=1)
    first = loop.run_in_executor(pool, job, 1)
    queued = loop.run_in_executor(pool, job, 2)
    queued.cancel()
    await first
    await asyncio.sleep(2)
    print('ran', ran, loop.time())
    pool.shutdown()
    try:
        loop.run_in_executor(pool, job, 3)
    except RuntimeError as exc:
        print(exc)

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, 'ran [1] 3.0\ncannot schedule new futures after shutdown\n');
  });
});

describe('worker clocks and raw sockets', () => {
  it("lets a job time its own sleeps with time.perf_counter, on the worker's clock", () => {
    const run = world.run(`
import asyncio, time

def timed():
    t0 = time.perf_counter()
    time.sleep(0.25)
    return time.perf_counter() - t0

async def main():
    t0 = time.perf_counter()
    took = await asyncio.to_thread(timed)
    print(took, time.perf_counter() - t0)

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, '0.25 0.25\n');
  });

  it('explains that loop.sock_* need real sockets and points to streams', () => {
    const run = world.run(`
import asyncio, socket

async def main():
    await asyncio.get_running_loop().sock_connect(socket.socket(), ('example.com', 80))

asyncio.run(main())
`);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /NotImplementedError: loop\.sock_connect\(\) works on real sockets, which do not exist in the browser\. Use asyncio\.open_connection/,
    );
  });
});
