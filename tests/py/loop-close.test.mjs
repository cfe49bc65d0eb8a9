// loop.close() drops what is still waiting in the ready queue and the timer heap, unrun and not
// cancelled (BaseEventLoop.close() clears both); the trace records one HANDLE_DROPPED per
// handle, at the line that closed the loop. A stopped run does not close its loop normally and
// records none.
// Run: node --import tsx --test tests/py/loop-close.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Dropped, EventKind as K, HandleKind, Outcome, Warn } from '../../src/trace/schema.ts';
import { eventsOf, run } from './engine-helpers.mjs';

/** The HANDLE_DROPPED events as { descr, kind, when, from, line, at } rows, in trace order. */
function dropped(trace) {
  const e = trace.events;
  const h = trace.handles;
  return eventsOf(trace, K.HANDLE_DROPPED).map((i) => ({
    descr: trace.strings[h.descr[e.a[i]]],
    kind: h.kind[e.a[i]],
    when: h.when[e.a[i]],
    from: e.b[i],
    line: e.line[i],
    at: i,
  }));
}

/** A drop without its event index, for comparing with what is expected. */
const withoutIndex = (drop) => {
  const rest = { ...drop };
  delete rest.at;
  return rest;
};

const ASYNCIO_RUN = `import asyncio
async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(10, print, "never")
    await asyncio.sleep(0.1)
asyncio.run(main())
`;

test("asyncio.run's close drops a call_later still pending, at asyncio.run's line", async () => {
  const r = await run(ASYNCIO_RUN, { filename: 'main.py' });
  assert.equal(r.outcome, Outcome.OK);
  assert.equal(r.stdout, '');
  const trace = r.trace;
  const drops = dropped(trace);
  assert.deepEqual(drops.map(withoutIndex), [
    { descr: 'print', kind: HandleKind.LATER, when: 10, from: Dropped.TIMER, line: 6 },
  ]);
  const e = trace.events;
  // After the loop's last callback, right before the run's end.
  assert.equal(drops[0].at, e.kind.length - 2);
  assert.equal(e.kind[drops[0].at - 1], K.HANDLE_END);
});

test('a program closing its own loop drops the ready queue, then the heap, skipping cancelled', async () => {
  const r = await run(
    `import asyncio
loop = asyncio.new_event_loop()
async def main():
    loop.call_soon(lambda: loop.call_soon(print, "left"))
    loop.call_later(5, print, "later")
    loop.call_at(2, print, "at")
    loop.call_later(3, print, "cancelled").cancel()
loop.run_until_complete(main())
loop.close()
print("closed")
`,
    { filename: 'main.py' },
  );
  assert.equal(r.outcome, Outcome.OK);
  assert.equal(r.stdout, 'closed\n');
  assert.deepEqual(dropped(r.trace).map(withoutIndex), [
    { descr: 'print', kind: HandleKind.SOON, when: 0, from: Dropped.READY, line: 9 },
    { descr: 'print', kind: HandleKind.AT, when: 2, from: Dropped.TIMER, line: 9 },
    { descr: 'print', kind: HandleKind.LATER, when: 5, from: Dropped.TIMER, line: 9 },
  ]);
  // The cancelled timer left through its HANDLE_CANCELLED, once.
  assert.equal(eventsOf(r.trace, K.HANDLE_CANCELLED).length, 1);
});

test("a task whose first step is dropped: the drop comes before asyncio's destroyed-pending report", async () => {
  const r = await run(
    `import asyncio
loop = asyncio.new_event_loop()
async def bg():
    print("bg ran")
async def main():
    loop.call_soon(lambda: loop.create_task(bg()))
loop.run_until_complete(main())
loop.close()
`,
    { filename: 'main.py' },
  );
  assert.equal(r.outcome, Outcome.OK);
  assert.equal(r.stdout, '');
  const trace = r.trace;
  const drops = dropped(trace);
  assert.deepEqual(drops.map(withoutIndex), [
    { descr: 'task step', kind: HandleKind.SOON, when: 0, from: Dropped.READY, line: 8 },
  ]);
  const bg = trace.handles.task[trace.events.a[drops[0].at]];
  assert.equal(trace.strings[trace.tasks.coro[bg]], 'bg');
  // Clearing the queue lets the task go, which asyncio reports: after the drop that caused it.
  const destroyed = eventsOf(trace, K.WARNING).filter(
    (i) => trace.events.a[i] === Warn.TASK_DESTROYED_PENDING,
  );
  assert.equal(destroyed.length, 1);
  assert.ok(destroyed[0] > drops[0].at);
});

test("a sleep's timer dropped at close: its cleanup's cancel is no second event", async () => {
  const r = await run(
    `import asyncio
loop = asyncio.new_event_loop()
async def bg():
    await asyncio.sleep(5)
async def main():
    loop.create_task(bg())
    await asyncio.sleep(0.1)
loop.run_until_complete(main())
h = loop.call_soon(print, "x")
loop.close()
h.cancel()
`,
    { filename: 'main.py' },
  );
  assert.equal(r.outcome, Outcome.OK);
  const trace = r.trace;
  assert.deepEqual(dropped(trace).map(withoutIndex), [
    { descr: 'print', kind: HandleKind.SOON, when: 0.1, from: Dropped.READY, line: 10 },
    { descr: 'sleep timer', kind: HandleKind.LATER, when: 5, from: Dropped.TIMER, line: 10 },
  ]);
  // Destroying bg closes its coroutine, and asyncio.sleep's finally cancels the timer; the
  // program cancels its dropped handle: neither was pending any more.
  assert.deepEqual(eventsOf(trace, K.HANDLE_CANCELLED), []);
});

test('a loop closed with nothing left records nothing; closing it again records nothing', async () => {
  const r = await run(
    `import asyncio
loop = asyncio.new_event_loop()
loop.run_until_complete(asyncio.sleep(0.1))
loop.close()
loop.close()
asyncio.run(asyncio.sleep(0))
`,
    { filename: 'main.py' },
  );
  assert.equal(r.outcome, Outcome.OK);
  assert.deepEqual(dropped(r.trace), []);
});

test('a run stopped by a budget does not pretend its loop was closed', async () => {
  const r = await run(
    `import asyncio
async def main():
    asyncio.get_running_loop().call_later(100, print, "x")
    await asyncio.sleep(50)
asyncio.run(main())
`,
    { filename: 'main.py', maxVirtualTime: 10 },
  );
  assert.equal(r.outcome, Outcome.LIMIT_VIRTUAL_TIME);
  assert.deepEqual(dropped(r.trace), []);
});

test('untraced, the same programs print the same', async () => {
  const traced = await run(ASYNCIO_RUN, { filename: 'main.py' });
  const plain = await run(ASYNCIO_RUN, { filename: 'main.py', trace: false });
  assert.equal(plain.outcome, Outcome.OK);
  assert.equal(plain.stdout, traced.stdout);
  assert.equal(plain.stderr, traced.stderr);
});
