// What the trace records for asyncio's primitives and queues, and in which order (QA):
// - a Barrier's last arrival never parks, yet it was recorded waiting and woken; a task parked at
//   the barrier read "waiting for a Future created at line 7"; its value read "now has the
//   value 2";
// - "Semaphore `sem` wakes Task-5" came before "Task-4 releases Semaphore `sem`", "Queue `q`
//   wakes Task-2" before "Queue `q` now holds 1 items": asyncio releases first, then wakes;
// - aiohttp's connector semaphore (and httpx's pool) showed as a resource of the program.
// Run: node --import tsx --test tests/py/resource-order.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXPLAIN_ZH } from '../../src/i18n/explain-zh.ts';
import { renderExplanation } from '../../src/trace/explain.ts';
import { buildIndex, stateAt } from '../../src/trace/index.ts';
import { EventKind as K, Step } from '../../src/trace/schema.ts';
import { run } from './engine-helpers.mjs';

/**
 * Runs a program and reads the explanation of every event, as its message (key and parameters:
 * the English wording is another test's), and each task's card text at each suspension, with
 * whether the resource it names lists it among its waiters.
 */
async function explained(source) {
  const r = await run(source);
  assert.equal(r.stderr, '');
  const index = buildIndex(r.trace);
  const e = r.trace.events;
  const msgs = [];
  const kinds = [];
  const cards = new Set();
  const unlisted = [];
  for (let i = 0; i < e.kind.length; i++) {
    const state = stateAt(index, i);
    msgs.push(state.explanationMessage);
    kinds.push(e.kind[i]);
    if (e.kind[i] === K.TASK_STEP_END && e.b[i] === Step.SUSPENDED) {
      const task = state.tasks[e.a[i]];
      if (!task.awaiting) continue;
      cards.add(`${task.name}: ${task.awaiting.text}`);
      const res = task.awaiting.resource;
      if (res >= 0 && !state.resources[res].waiters.includes(task.id))
        unlisted.push(`${task.name}: ${task.awaiting.text}`);
    }
  }
  return { stdout: r.stdout, trace: r.trace, msgs, kinds, cards, unlisted };
}

/** A message as "key {params}", for the failure texts. */
const show = (msg) => `${msg.key.replace('explain.', '')} ${JSON.stringify(msg.params)}`;

/** Indexes of the messages with key `explain.<key>` whose parameters include `params`. */
function all(w, key, params = {}) {
  const out = [];
  w.msgs.forEach((msg, i) => {
    if (msg.key !== `explain.${key}`) return;
    if (Object.entries(params).every(([k, v]) => msg.params[k] === v)) out.push(i);
  });
  return out;
}

/** Index of the one such message. */
function at(w, key, params = {}) {
  const found = all(w, key, params);
  const resources = w.msgs.filter(
    (msg, i) => w.kinds[i] >= K.RESOURCE_CREATED && w.kinds[i] <= K.RESOURCE_VALUE,
  );
  assert.equal(
    found.length,
    1,
    `${found.length} × ${key} ${JSON.stringify(params)} in:\n${resources.map(show).join('\n')}`,
  );
  return found[0];
}

/**
 * Event `i` is recorded just before `j`, a resource's wake: only the waiter's future completing
 * (FUTURE_DONE, which the wake follows) lies between them.
 */
function justBefore(w, i, j) {
  assert.ok(i < j, `${show(w.msgs[i])} should come before ${show(w.msgs[j])}`);
  assert.deepEqual(
    w.kinds.slice(i + 1, j),
    [K.FUTURE_DONE],
    `between: ${w.msgs
      .slice(i + 1, j)
      .map(show)
      .join(' | ')}`,
  );
}

/** The English and Chinese sentences of message i (the barrier's own keys). */
const en = (w, i) => renderExplanation(w.msgs[i]);
const zh = (w, i) => renderExplanation(w.msgs[i], EXPLAIN_ZH);

const BAR = 'Barrier `bar`';

const BARRIER = `import asyncio
async def worker(name, bar):
    print(name, 'arrives')
    await asyncio.sleep(0.1 if name == 'a' else 0.2)
    await bar.wait()
    print(name, 'passes')
async def main():
    bar = asyncio.Barrier(2)
    await asyncio.gather(worker('a', bar), worker('b', bar))
asyncio.run(main())
`;

test('Barrier: only a task that parks waits; the last arrival releases the others (QA)', async () => {
  const w = await explained(BARRIER);
  assert.equal(w.stdout, 'a arrives\nb arrives\nb passes\na passes\n');
  const e = w.trace.events;
  // One wait, Task-2's, on the future it parks on; the last arrival (Task-3) releases.
  const waits = w.kinds.flatMap((k, i) => (k === K.RESOURCE_WAIT ? [i] : []));
  assert.deepEqual(
    waits.map((i) => e.b[i]),
    [1],
  );
  assert.ok(e.c[waits[0]] >= 0, 'the wait names the future Task-2 parks on');
  assert.deepEqual(all(w, 'wait', { task: 'Task-3' }), []);
  assert.deepEqual(all(w, 'wake', { task: 'Task-3' }), []);
  const release = at(w, 'releasedBarrier', { task: 'Task-3', resource: BAR });
  justBefore(w, release, at(w, 'wake', { task: 'Task-2', resource: BAR }));
  assert.equal(
    en(w, release),
    'Task-3 arrives last at Barrier `bar` and releases it: every task waiting there can go on.',
  );
  assert.equal(
    zh(w, release),
    'Task-3 最后一个到达 Barrier `bar`，释放了它：在那里等待的所有任务都可以继续了。',
  );
  // The parked task names the barrier, on its card and in the explanation, and is listed.
  assert.ok(w.cards.has('Task-2: Barrier `bar`'), [...w.cards].join('\n'));
  assert.deepEqual(w.unlisted, []);
  at(w, 'suspended', { task: 'Task-2', awaiting: BAR });
  at(w, 'resumedResource', { task: 'Task-2', resource: BAR });
  // The value says how many tasks wait there, in English and Chinese.
  const value = at(w, 'valueBarrier', { resource: BAR, value: 1, parties: 2 });
  assert.equal(en(w, value), 'Barrier `bar` now has 1 of its 2 tasks waiting.');
  assert.equal(zh(w, value), 'Barrier `bar` 处现在有 1 个任务在等待（共需 2 个）。');
  assert.deepEqual(all(w, 'value'), []);
});

test('Barrier: tasks arriving while it drains wait again; cancel, abort, Barrier(1)', async () => {
  // Output as CPython 3.13 prints it.
  const w = await explained(`import asyncio

async def worker(name, bar, delay):
    await asyncio.sleep(delay)
    i = await bar.wait()
    print(name, 'passes', i, bar.n_waiting)

async def victim(bar):
    try:
        await bar.wait()
    except asyncio.CancelledError:
        print('victim cancelled', bar.n_waiting)
        raise

async def breaker(bar):
    try:
        await bar.wait()
    except asyncio.BrokenBarrierError:
        print('broken')

async def main():
    bar = asyncio.Barrier(2)
    await asyncio.gather(*(worker(n, bar, 0) for n in 'abcde'), worker('f', bar, 0.1))
    b3 = asyncio.Barrier(3)
    t = asyncio.create_task(victim(b3))
    await asyncio.sleep(0.1)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    t2 = asyncio.create_task(breaker(b3))
    await asyncio.sleep(0)
    await b3.abort()
    await t2
    b1 = asyncio.Barrier(1)
    print(await b1.wait())

asyncio.run(main())
`);
  assert.equal(
    w.stdout,
    'b passes 1 0\na passes 0 0\nd passes 1 0\nc passes 0 0\nf passes 1 0\ne passes 0 0\n' +
      'victim cancelled 0\nbroken\n0\n',
  );
  const e = w.trace.events;
  const of = (kind, rid) => w.kinds.flatMap((k, i) => (k === kind && e.a[i] === rid ? [i] : []));
  // Three pairs pass `bar`: three releases (by Task-3, Task-5, Task-7), and every wait is on a
  // future (tasks that arrive while it drains wait, are woken, and wait again).
  assert.deepEqual(
    of(K.RESOURCE_RELEASED, 0).map((i) => e.b[i]),
    [2, 4, 6],
  );
  assert.ok(of(K.RESOURCE_WAIT, 0).every((i) => e.c[i] >= 0));
  assert.deepEqual(
    of(K.RESOURCE_VALUE, 0).map((i) => e.b[i]),
    [1, 1, 1],
  );
  assert.deepEqual(w.unlisted, []);
  // The cancelled waiter leaves; abort leaves none waiting before the waiter is woken.
  assert.deepEqual(
    of(K.RESOURCE_VALUE, 1).map((i) => e.b[i]),
    [1, 0, 1, 0],
  );
  const b3 = 'Barrier `b3`';
  justBefore(
    w,
    all(w, 'valueBarrier', { resource: b3, value: 0 })[1], // abort's
    at(w, 'wake', { task: 'Task-9', resource: b3 }),
  );
  // Barrier(1): the one arrival releases it at once, and never waits.
  assert.equal(of(K.RESOURCE_WAIT, 2).length, 0);
  assert.equal(of(K.RESOURCE_RELEASED, 2).length, 1);
});

test('a release, a set, a queue change is recorded before the wake it causes (QA)', async () => {
  const w = await explained(`import asyncio

async def holder(prim):
    async with prim:
        await asyncio.sleep(0.1)

async def waiter(prim, name):
    await asyncio.sleep(0.01)
    async with prim:
        print(name, 'got it')

async def main():
    lock = asyncio.Lock()
    sem = asyncio.Semaphore(1)
    bsem = asyncio.BoundedSemaphore(1)
    for p, name in ((lock, 'lock'), (sem, 'sem'), (bsem, 'bsem')):
        await asyncio.gather(holder(p), waiter(p, name))
    try:
        bsem.release()
    except ValueError as exc:
        print(exc)
    try:
        lock.release()
    except RuntimeError as exc:
        print(exc)
    ev = asyncio.Event()
    async def setter():
        await asyncio.sleep(0.1)
        ev.set()
    await asyncio.gather(ev.wait(), setter())
    cl = asyncio.Lock()
    cond = asyncio.Condition(cl)
    async def cwait():
        async with cond:
            await cond.wait()
    async def cnotify():
        await asyncio.sleep(0.1)
        async with cond:
            cond.notify()
    await asyncio.gather(cwait(), cnotify())
    for q in (asyncio.Queue(1), asyncio.PriorityQueue(1), asyncio.LifoQueue(1)):
        async def getter():
            return await q.get()
        async def putter():
            await asyncio.sleep(0.1)
            await q.put(1)
            await q.put(2)
        async def later_get():
            await asyncio.sleep(0.2)
            return await q.get()
        print(await asyncio.gather(getter(), putter(), later_get()))

asyncio.run(main())
`);
  assert.equal(
    w.stdout,
    'lock got it\nsem got it\nbsem got it\nBoundedSemaphore released too many times\n' +
      'Lock is not acquired.\n[1, None, 2]\n[1, None, 2]\n[1, None, 2]\n',
  );
  const pair = (key, task, resource, woken) =>
    justBefore(w, at(w, key, { task, resource }), at(w, 'wake', { task: woken, resource }));
  pair('released', 'Task-2', 'Lock `lock`', 'Task-3');
  pair('released', 'Task-4', 'Semaphore `sem`', 'Task-5');
  pair('released', 'Task-6', 'BoundedSemaphore `bsem`', 'Task-7');
  justBefore(
    w,
    at(w, 'valueEventSet', { resource: 'Event `ev`' }),
    at(w, 'wake', { task: 'Task-8', resource: 'Event `ev`' }),
  );
  // A Condition's wait releases its lock, then parks.
  const cond = at(w, 'wait', { task: 'Task-10', resource: 'Condition `cond`' });
  const [before] = all(w, 'released', { task: 'Task-10', resource: 'Lock `cl`' });
  assert.ok(before < cond);
  at(w, 'wake', { task: 'Task-10', resource: 'Condition `cond`' });
  // Each queue: the put that a getter waited for, then the get that a putter waited for.
  const e = w.trace.events;
  let t = 11;
  for (const q of ['Queue-1', 'PriorityQueue-1', 'LifoQueue-1']) {
    const resource = `Queue \`${q}\``;
    const holds = all(w, 'valueQueue', { resource });
    assert.deepEqual(
      holds.map((i) => e.b[i]),
      [1, 0, 1, 0],
    );
    justBefore(w, holds[0], at(w, 'wake', { task: `Task-${t + 1}`, resource })); // the getter
    justBefore(w, holds[1], at(w, 'wake', { task: `Task-${t + 2}`, resource })); // the putter
    t += 3;
  }
  // A release that raises records nothing: two releases of each, by the holder and the waiter.
  assert.equal(all(w, 'released', { resource: 'Lock `lock`' }).length, 2);
  assert.equal(all(w, 'released', { resource: 'BoundedSemaphore `bsem`' }).length, 2);
  // A semaphore handed to its waiter keeps its value (0): the unit goes to that waiter.
  const semRelease = at(w, 'released', { task: 'Task-4', resource: 'Semaphore `sem`' });
  assert.equal(e.c[semRelease], 0);
});

test("aiohttp's connector limit and httpx's pool are no resources of the program (QA)", async () => {
  const w = await explained(`import asyncio
import aiohttp
import httpx

async def fetch(session, url):
    async with session.get(url) as resp:
        return resp.status

async def fetch_x(client, url):
    return (await client.get(url)).status_code

async def main():
    connector = aiohttp.TCPConnector(limit=2)
    async with aiohttp.ClientSession(connector=connector) as session:
        print(await asyncio.gather(*(fetch(session, f'https://example.com/{i}') for i in range(3))))
    limits = httpx.Limits(max_connections=2)
    async with httpx.AsyncClient(limits=limits) as client:
        print(await asyncio.gather(*(fetch_x(client, f'https://example.com/{i}') for i in range(3))))
    async with asyncio.Semaphore(1):
        print('mine')

asyncio.run(main())
`);
  assert.equal(w.stdout, '[200, 200, 200]\n[200, 200, 200]\nmine\n');
  const r = w.trace.resources;
  const names = Array.from(r.name, (s) => w.trace.strings[s]);
  // The program's one semaphore, named as if the libraries had made none.
  assert.deepEqual(
    names.filter((_, i) => !/^HTTP /.test(names[i])),
    ['Semaphore-1'],
  );
  // The limits still hold: the third request of each waits, inside the library's call.
  assert.ok(w.cards.has('Task-4: TCPConnector.connect()'), [...w.cards].join('\n'));
  assert.ok(
    w.cards.has('Task-7: AsyncConnectionPool.wait_for_connection()'),
    [...w.cards].join('\n'),
  );
  const e = w.trace.events;
  let open = 0;
  let most = 0;
  for (let i = 0; i < e.kind.length; i++) {
    if (e.kind[i] === K.NET_CONNECT) most = Math.max(most, ++open);
    if (e.kind[i] === K.NET_CLOSE) open--;
  }
  assert.equal(most, 2);
});

// QA: the deadlock example's hint says "left holds a and waits for b"; the page named the locks
// Lock-1 and Lock-2, made in `a, b = asyncio.Lock(), asyncio.Lock()`.
test('a resource made in a tuple assignment takes the name in its place', async () => {
  const r = await run(
    [
      'import asyncio',
      '',
      'async def main():',
      '    a, b = asyncio.Lock(), asyncio.Lock()',
      '    (ready, slots) = asyncio.Event(), asyncio.Semaphore(2)',
      '    gate, n = asyncio.Lock(), 5',
      '    x, y = [asyncio.Lock() for _ in range(2)]',
      '',
      'asyncio.run(main())',
      '',
    ].join('\n'),
  );
  assert.equal(r.stderr, '');
  const names = [...r.trace.resources.name].map((s) => r.trace.strings[s]);
  // A list made by a comprehension has no one name for each lock: numbered, as before.
  assert.deepEqual(names, ['a', 'b', 'ready', 'slots', 'gate', 'Lock-1', 'Lock-2']);
});
