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

// QA: add_reader and connect_read_pipe, the usual ways to read stdin without blocking,
// failed with a bare NotImplementedError.
describe('file descriptors', () => {
  it('explains that add_reader and the pipes need real ones, and points to a thread', () => {
    const run = world.run(`
import asyncio, sys

async def main():
    loop = asyncio.get_running_loop()
    print(loop.remove_reader(sys.stdin), loop.remove_writer(sys.stdout))
    for call in (lambda: loop.add_reader(sys.stdin, print), lambda: loop.add_writer(1, print)):
        try:
            call()
        except NotImplementedError as exc:
            print(str(exc).split(':')[0])
    await loop.connect_read_pipe(asyncio.Protocol, sys.stdin)

asyncio.run(main())
`);
    assert.equal(run.status, 1);
    assert.equal(
      run.stdout,
      [
        'False False',
        'loop.add_reader() watches a real file descriptor, which Loopscope does not have',
        'loop.add_writer() watches a real file descriptor, which Loopscope does not have',
        '',
      ].join('\n'),
    );
    assert.match(
      run.stderr,
      /NotImplementedError: loop\.connect_read_pipe\(\) watches a real file descriptor.*await asyncio\.to_thread\(sys\.stdin\.readline\)\n$/,
    );
  });
});

describe('executor jobs in the trace', () => {
  const JOBS = `
import asyncio, time

def job(n):
    time.sleep(0.1)
    return n

async def main():
    loop = asyncio.get_running_loop()
    futs = [loop.run_in_executor(None, job, i) for i in range(3)]
    print(await asyncio.gather(*futs))

asyncio.run(main())
`;

  it('records run_in_executor futures as FUTURE_EXECUTOR, labelled with their job', () => {
    const run = world.run(JOBS);
    assert.equal(run.stdout, '[0, 1, 2]\n');
    const { futures, strings } = run.result.trace;
    const jobs = [];
    for (let f = 0; f < futures.kind.length; f++) {
      if (futures.kind[f] === 5) jobs.push([strings[futures.label[f]], futures.line[f]]);
    }
    assert.deepEqual(jobs, [
      ['job(0)', 10],
      ['job(1)', 10],
      ['job(2)', 10],
    ]);
    const starts = rows(run, 'WORKER_START');
    assert.deepEqual(
      starts.map((s) => futures.kind[s[4]]),
      [5, 5, 5],
      'each WORKER_START completes an executor future',
    );
  });

  it("keeps the run_in_executor line for what follows a job's inline run", () => {
    const run = world.run(JOBS);
    const { events, handles, strings } = run.result.trace;
    const created = [];
    for (let i = 0; i < events.kind.length; i++) {
      // RESOURCE_CREATED of the three workers, FUTURE_CREATED of the three job futures.
      if (
        events.kind[i] === 40 ||
        (events.kind[i] === 20 && run.result.trace.futures.kind[events.a[i]] === 5)
      ) {
        created.push(events.line[i]);
      }
    }
    assert.deepEqual(created, [10, 10, 10, 10, 10, 10], 'not line 6 (`return n`) inside the job');
    const done = [];
    for (let h = 0; h < handles.kind.length; h++) {
      if (strings[handles.descr[h]] === 'thread_pool.job_done') done.push(handles.line[h]);
    }
    assert.deepEqual(done, [10, 10, 10]);
  });
});

describe("a job's own event loop", () => {
  it('runs asyncio.run() in a job on the worker clock, while the main loop goes on', () => {
    const run = world.run(`
import asyncio, time

async def fetch(n):
    t0 = time.monotonic()
    await asyncio.sleep(0.25 * n)
    return n * 10, round(asyncio.get_running_loop().time(), 2), round(time.monotonic() - t0, 2)

def sync_job(n):
    time.sleep(0.1)
    return asyncio.run(fetch(n))

async def ticker(log):
    for _ in range(4):
        await asyncio.sleep(0.1)
        log.append(round(asyncio.get_running_loop().time(), 1))

async def main():
    log = []
    a, b, _ = await asyncio.gather(asyncio.to_thread(sync_job, 1), asyncio.to_thread(sync_job, 2), ticker(log))
    print(a, b, log, round(asyncio.get_running_loop().time(), 2))

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    // Each inner loop starts at its worker's time (0.1, after the job's time.sleep) and the job
    // ends when its run does: 0.35 and 0.6, with the main loop's ticks going on meanwhile.
    assert.equal(run.stdout, '(10, 0.35, 0.25) (20, 0.6, 0.5) [0.1, 0.2, 0.3, 0.4] 0.6\n');
    assert.deepEqual(
      rows(run, 'WORKER_END').map((e) => Math.round(e[0] * 100) / 100),
      [0.35, 0.6],
    );
    const { tasks, events, strings } = run.result.trace;
    // The inner loops' tasks are not the main loop's, and their clocks never make the trace's
    // time run backwards.
    const coros = Array.from(tasks.coro, (c) => strings[c]);
    assert.ok(coros.includes('main') && coros.includes('ticker'), coros.join());
    assert.ok(!coros.includes('fetch'), coros.join());
    for (let i = 1; i < events.time.length; i++) {
      assert.ok(events.time[i] >= events.time[i - 1], `event ${i} goes back in time`);
    }
  });

  it('shows a job no running loop, task or current loop, and lets it make one', () => {
    const run = world.run(`
import asyncio

def sees():
    found = []
    for call in (asyncio.get_running_loop, asyncio.get_event_loop, asyncio.current_task):
        try:
            call()
        except RuntimeError as exc:
            found.append(str(exc))
    return found

def own_loop():
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(asyncio.sleep(0.2, result='slept'))
    finally:
        loop.close()

async def main():
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, sees))
    print(await loop.run_in_executor(None, own_loop), loop.time())
    print(asyncio.get_running_loop() is loop, asyncio.current_task().get_name())

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      "['no running event loop', \"There is no current event loop in thread 'asyncio_0'.\", " +
        "'no running event loop']\nslept 0.2\nTrue Task-1\n",
    );
  });

  it("ends the run when a job's loop passes the virtual-time budget or deadlocks", () => {
    const forever = world.run(`
import asyncio

def job():
    asyncio.run(asyncio.sleep(10**6))

async def main():
    await asyncio.to_thread(job)

asyncio.run(main())
`);
    assert.equal(forever.result.outcome, 4, forever.result.outcomeDetail);
    const stuck = world.run(`
import asyncio

async def stuck():
    await asyncio.get_running_loop().create_future()

def job():
    asyncio.run(stuck())

async def main():
    await asyncio.to_thread(job)

asyncio.run(main())
`);
    assert.equal(stuck.result.outcome, 2);
    assert.match(
      stuck.result.outcomeDetail,
      /\(stuck\) waits for a future nobody will complete at line 5/,
    );
  });
  it("names a job by its arguments' reprs without running them where the program can see", () => {
    const source = `
import asyncio

class Loud:
    def __repr__(self):
        print('repr called')
        return 'Loud()'

def job(x, n):
    return n

async def main():
    print(await asyncio.to_thread(job, Loud(), 1))
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, job, Loud(), 2))

asyncio.run(main())
`;
    const traced = world.run(source);
    const untraced = world.run(source, { trace: false });
    assert.equal(traced.stdout, '1\n2\n');
    assert.equal(untraced.stdout, '1\n2\n');
    assert.deepEqual(
      rows(traced, 'WORKER_START').map((s) => str(traced, s[3])),
      ['job(Loud(), 1)', 'job(Loud(), 2)'],
    );
  });
});
