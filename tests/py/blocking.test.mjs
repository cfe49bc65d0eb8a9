// Thread-blocking waits in a one-thread run (src/python/loopscope/_blocking.py): a wait nothing
// could end is a deadlock with the call and its line, not a hang of the worker or the CLI; a timed
// one lasts its timeout in virtual time.
// Run: node --import tsx --test tests/py/blocking.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventKind as K, Outcome, Warn } from '../../src/trace/schema.ts';
import { engine, eventsOf, run } from './engine-helpers.mjs';

const deadlockWarnings = (trace) =>
  eventsOf(trace, K.WARNING)
    .filter((i) => trace.events.a[i] === Warn.DEADLOCK)
    .map((i) => [trace.events.line[i], trace.strings[trace.events.b[i]]]);

test('queue.Queue.get() on an empty queue in a coroutine ends the run as a deadlock', async () => {
  const r = await run(
    `import asyncio, queue
q = queue.Queue()
async def main():
    print('waiting')
    q.get()
    print('never')
asyncio.run(main())
`,
    { filename: 'main.py' },
  );
  assert.equal(r.stdout, 'waiting\n');
  assert.equal(r.outcome, Outcome.DEADLOCK);
  assert.equal(r.exitCode, 1);
  assert.match(
    r.outcomeDetail,
    /^deadlock: queue\.Queue\.get\(\) at line 5 waits for another thread/,
  );
  assert.match(r.outcomeDetail, /asyncio\.Queue/);
  const [[line, text]] = deadlockWarnings(r.trace);
  assert.equal(line, 5);
  assert.equal(text, r.outcomeDetail);
  assert.equal(r.trace.events.kind[r.trace.events.kind.length - 1], K.RUN_END);
});

test('waiting on a pool job for the loop (run_coroutine_threadsafe) is named too', async () => {
  const r = await run(`import asyncio
async def double(x):
    await asyncio.sleep(0.1)
    return x * 2
def in_thread(loop):
    return asyncio.run_coroutine_threadsafe(double(21), loop).result()
async def main():
    print(await asyncio.to_thread(in_thread, asyncio.get_running_loop()))
asyncio.run(main())
`);
  assert.equal(r.outcome, Outcome.DEADLOCK);
  assert.match(r.outcomeDetail, /^deadlock: concurrent\.futures\.Future\.result\(\) at line 6 /);
});

test('Event.wait, Lock.acquire and Queue.get with a timeout wait it out in virtual time', async () => {
  const r = await run(`import queue, threading, time
q = queue.Queue()
try:
    q.get(timeout=0.5)
except queue.Empty:
    print('empty after', time.monotonic())
ev = threading.Event()
print(ev.wait(0.25), time.monotonic())
lock = threading.Lock()
with lock:
    print(lock.acquire(timeout=0.25), lock.acquire(blocking=False), time.monotonic())
print(lock.acquire(), lock.locked())
sem = threading.Semaphore(1)
print(sem.acquire(), sem.acquire(timeout=1), time.monotonic())
`);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(
    r.stdout,
    'empty after 0.5\nFalse 0.75\nFalse False 1.0\nTrue True\nTrue False 2.0\n',
  );
});

test('a plain Event.wait() with nothing to set it is a deadlock, and locks are real after', async () => {
  const r = await run('import threading\nthreading.Event().wait()\n', { filename: 'main.py' });
  assert.equal(r.outcome, Outcome.DEADLOCK);
  assert.match(r.outcomeDetail, /^deadlock: threading\.Event\.wait\(\) at line 2 /);
  const py = await engine();
  assert.equal(py.runPython('import threading, _thread; threading.Lock is _thread.lock'), true);
});

test('a timed thread wait inside the loop is recorded as that call, not as time.sleep', async () => {
  // It blocks the loop as time.sleep does (LOOP_BLOCKED + a blocking-call warning) but used to be
  // labelled "time.sleep(0.5)" in the trace and the UI.
  const r = await run(
    `import asyncio, queue, threading, time

async def main():
    q = queue.Queue()
    try:
        q.get(timeout=0.5)
    except queue.Empty:
        print("empty")
    print(threading.Event().wait(0.25))
    lock = threading.Lock()
    lock.acquire()
    print(lock.acquire(timeout=1))
    print(threading.Semaphore(0).acquire(timeout=0.125))
    cond = threading.Condition()
    with cond:
        print(cond.wait(0.5))
    time.sleep(0.25)
    print(asyncio.get_running_loop().time())

asyncio.run(main())
`,
    { filename: 'main.py' },
  );
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'empty\nFalse\nFalse\nFalse\nFalse\n2.625\n');
  const { trace } = r;
  const blocked = eventsOf(trace, K.LOOP_BLOCKED).map((i) => [
    trace.events.line[i],
    trace.events.a[i],
    trace.strings[trace.events.b[i]],
  ]);
  assert.deepEqual(blocked, [
    [6, 500000, 'queue.Queue.get(timeout=0.5)'],
    [9, 250000, 'threading.Event.wait(timeout=0.25)'],
    [12, 1000000, 'threading.Lock.acquire(timeout=1)'],
    [13, 125000, 'threading.Semaphore.acquire(timeout=0.125)'],
    [16, 500000, 'threading.Condition.wait(timeout=0.5)'],
    [17, 250000, 'time.sleep(0.25)'],
  ]);
  const warnings = eventsOf(trace, K.WARNING)
    .filter((i) => trace.events.a[i] === Warn.BLOCKING_CALL)
    .map((i) => trace.strings[trace.events.b[i]]);
  assert.equal(warnings.length, 6);
  assert.equal(
    warnings[0],
    'queue.Queue.get(timeout=0.5) blocked the event loop for 0.5 s: no other task ran meanwhile (use await asyncio.sleep)',
  );
  assert.match(warnings[5], /^time\.sleep\(0\.25\) blocked the event loop for 0\.25 s: /);
});
