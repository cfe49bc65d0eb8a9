// Await chains as the recorder takes them at every step end (Recorder.chain_of), through the
// shapes its caches must not get wrong: the head id kept per task for the task's own coroutine,
// and the library code met last.  A wrong cache shows as another function's name in a chain.
// Run: node --import tsx --test tests/py/chains.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventKind as K, Outcome } from '../../src/trace/schema.ts';
import { eventsOf, run } from './engine-helpers.mjs';

/** Each task's await chains, parsed, by task name, in the order they were recorded. */
function chainsByTask(trace) {
  const out = {};
  for (const i of eventsOf(trace, K.AWAIT_CHAIN)) {
    const name = trace.strings[trace.tasks.name[trace.events.a[i]]];
    (out[name] ??= []).push(JSON.parse(trace.strings[trace.events.b[i]]));
  }
  return out;
}

test('await chains: user coroutines awaiting each other, unbound and extra locals, legacy generators', async () => {
  const r = await run(
    `import asyncio, sys, types

async def leaf(n):
    x = n * 2
    await asyncio.sleep(0.1)
    return x

async def mid(n):
    r = await leaf(n)
    del r
    await asyncio.sleep(0)
    return n

async def unbound(n):
    a = 1
    del a
    await asyncio.sleep(0.1)
    b = 2
    await asyncio.sleep(0.1)
    return b

@types.coroutine
def legacy(n):
    k = n
    yield from asyncio.sleep(0.1).__await__()
    return k

async def uses_legacy(n):
    v = await legacy(n)
    return v

async def waiter():
    await ev.wait()
    item = await q.get()
    return item

async def setter():
    await asyncio.sleep(0.2)
    ev.set()
    await asyncio.sleep(0.1)
    q.put_nowait(7)

async def comp(n):
    return [await asyncio.sleep(0.1) or x for x in range(2)]

async def extra(n):
    # Two locals shown with one of the code's two fast locals unbound: the names come from the
    # frame each time, not from the code.
    sys._getframe().f_locals['zz'] = 5
    await asyncio.sleep(0.1)
    late = 1
    await asyncio.sleep(0.1)
    return late

async def main():
    global ev, q
    ev, q = asyncio.Event(), asyncio.Queue()
    await asyncio.create_task(leaf(1), name='done first')
    await asyncio.gather(
        asyncio.sleep(0.3), mid(2), unbound(3), uses_legacy(4), waiter(), setter(), comp(5),
        extra(6), leaf(8),
    )

asyncio.run(main())
`,
    { filename: 'main.py' },
  );
  assert.equal(r.outcome, Outcome.OK);
  const sleep = ['sleep', 0, {}];
  assert.deepEqual(chainsByTask(r.trace), {
    'Task-1': [[['main', 58, {}]], [['main', 59, {}]]],
    'done first': [[['leaf', 5, { n: '1', x: '2' }], sleep]],
    // A task whose own coroutine is asyncio's.
    'Task-2': [[sleep]],
    'Task-3': [
      [['mid', 9, { n: '2' }], ['leaf', 5, { n: '2', x: '4' }], sleep],
      [['mid', 11, { n: '2' }], sleep, ['__sleep0', 0, {}]],
    ],
    'Task-4': [
      [['unbound', 17, { n: '3' }], sleep],
      [['unbound', 19, { n: '3', b: '2' }], sleep],
    ],
    'Task-5': [
      [
        ['uses_legacy', 29, { n: '4' }],
        ['legacy', 25, { n: '4', k: '4' }],
      ],
    ],
    'Task-6': [
      [
        ['waiter', 33, {}],
        ['Event.wait', 0, {}],
      ],
      [
        ['waiter', 34, {}],
        ['Queue.get', 0, {}],
      ],
    ],
    'Task-7': [
      [['setter', 38, {}], sleep],
      [['setter', 40, {}], sleep],
    ],
    'Task-8': [
      [['comp', 44, { n: '5', x: '0' }], sleep],
      [['comp', 44, { n: '5', x: '1' }], sleep],
    ],
    'Task-9': [
      [['extra', 50, { n: '6', zz: '5' }], sleep],
      [['extra', 52, { n: '6', late: '1', zz: '5' }], sleep],
    ],
    'Task-10': [[['leaf', 5, { n: '8', x: '16' }], sleep]],
  });
});

test('await chains: interleaved tasks of different coroutines awaiting different library calls', async () => {
  // Every step end alternates between the three functions and the three library coroutines
  // they wait in, so a head id kept for the wrong task or a stale library code would show.
  const r = await run(
    `import asyncio

async def sleeper(i):
    for k in range(3):
        await asyncio.sleep(0.1)

async def event_waiter(i):
    for k in range(3):
        await ev.wait()
        ev.clear()

async def getter(i):
    for k in range(3):
        got = await q.get()

async def ticker():
    for k in range(20):
        await asyncio.sleep(0.05)
        ev.set()
        q.put_nowait(k)
        q.put_nowait(k)

async def main():
    global ev, q
    ev, q = asyncio.Event(), asyncio.Queue()
    await asyncio.gather(
        *(f(i) for i in range(2) for f in (sleeper, event_waiter, getter)), ticker()
    )

asyncio.run(main())
`,
    { filename: 'main.py' },
  );
  assert.equal(r.outcome, Outcome.OK);
  const t = r.trace;
  const library = { sleeper: 'sleep', event_waiter: 'Event.wait', getter: 'Queue.get' };
  let checked = 0;
  for (const i of eventsOf(t, K.AWAIT_CHAIN)) {
    const coro = t.strings[t.tasks.coro[t.events.a[i]]];
    if (!(coro in library)) continue;
    const chain = JSON.parse(t.strings[t.events.b[i]]);
    assert.equal(chain.length, 2, JSON.stringify(chain));
    assert.equal(chain[0][0], coro);
    assert.deepEqual(chain[1], [library[coro], 0, {}]);
    checked++;
  }
  assert.ok(checked >= 12, `only ${checked} chains checked`);
});

test("await chains: a task's coroutine closed while the task is still pending has an empty chain", async () => {
  // The future's add_done_callback runs user code inside the step, after the coroutine
  // suspended: it closes the coroutine, which ends, and the step ends with the task pending.
  const r = await run(
    `import asyncio

class Closer(asyncio.Future):
    victim = None
    def add_done_callback(self, fn, *, context=None):
        super().add_done_callback(fn, context=context)
        if Closer.victim is not None:
            Closer.victim.get_coro().close()

async def victim():
    n = 1
    await asyncio.sleep(0.1)
    await Closer()

async def main():
    Closer.victim = asyncio.create_task(victim(), name='victim')
    await asyncio.sleep(0.5)
    print(Closer.victim.done())

asyncio.run(main())
`,
    { filename: 'main.py' },
  );
  assert.equal(r.stdout, 'False\n');
  assert.deepEqual(chainsByTask(r.trace).victim, [
    [
      ['victim', 12, { n: '1' }],
      ['sleep', 0, {}],
    ],
    [],
  ]);
});

test('await chains: a task step started by user code inside chain-taking keeps both chains whole', async () => {
  // With eager tasks, create_task runs the new task's first step at once, and so its chain is
  // taken inside the chain being taken: here from a local's repr and from an attribute of an
  // awaitable that is not a native coroutine.
  const r = await run(
    `import asyncio

async def inner(tag):
    here = 1
    await asyncio.sleep(0.1)

class Starts:
    def __repr__(self):
        asyncio.create_task(inner('from repr'), name='from repr')
        return 'Starts()'

async def outer():
    s = Starts()
    await asyncio.sleep(0.1)

class Awaitable:
    def __init__(self):
        self.it = asyncio.sleep(0.1).__await__()
    def __await__(self):
        return self
    def __next__(self):
        return next(self.it)
    def send(self, v):
        return self.it.send(v)
    @property
    def cr_frame(self):
        asyncio.create_task(inner('from attribute'), name='from attribute')
        return None

async def waits_custom():
    await Awaitable()

async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    await asyncio.gather(outer(), waits_custom())
    await asyncio.sleep(0.5)

asyncio.run(main())
`,
    { filename: 'main.py' },
  );
  assert.equal(r.outcome, Outcome.OK);
  const sleep = ['sleep', 0, {}];
  assert.deepEqual(chainsByTask(r.trace), {
    'Task-1': [[['main', 35, {}]], [['main', 36, {}], sleep]],
    'Task-2': [[['outer', 14, { s: 'Starts()' }], sleep]],
    'from repr': [[['inner', 5, { tag: "'from repr'", here: '1' }], sleep]],
    'Task-3': [[['waits_custom', 31, {}]]],
    'from attribute': [[['inner', 5, { tag: "'from attribute'", here: '1' }], sleep]],
  });
});

test("await chains: a task parked in the library's last coroutine shows every local as the walk does", async () => {
  // The usual chain (the task's own coroutine, parked in the library coroutine met last, at an
  // awaited future) is read without the walk when its locals are all ints or None. Each task
  // below parks so after a task that made asyncio.sleep's coroutine the last one met, with
  // locals that the short read keeps (negative and large ints, None) or must leave to the
  // walk (a bool, a str, an int past 2**53, more than eight locals); and the last parks in
  // two library coroutines, the inner one asyncio.sleep's.
  const r = await run(
    `import asyncio

async def ints(n):
    neg, big, none = -7, 2**40, None
    await asyncio.sleep(0.1)

async def flag(n):
    ok = True
    await asyncio.sleep(0.1)

async def text(n):
    s = 'x'
    await asyncio.sleep(0.1)

async def huge(n):
    h = 2**60
    await asyncio.sleep(0.1)

async def many(n):
    a = b = c = d = e = f = g = h = 1
    await asyncio.sleep(0.1)

async def locked(n):
    async with lock:
        await asyncio.sleep(0.1)

async def main():
    global lock
    lock = asyncio.Lock()
    await asyncio.gather(
        ints(1), flag(2), text(3), huge(4), many(5), locked(6), locked(7)
    )

asyncio.run(main())
`,
    { filename: 'main.py' },
  );
  assert.equal(r.outcome, Outcome.OK);
  const sleep = ['sleep', 0, {}];
  const chains = chainsByTask(r.trace);
  const first = (name) => chains[name][0];
  assert.deepEqual(first('Task-2'), [
    ['ints', 5, { n: '1', neg: '-7', big: '1099511627776', none: 'None' }],
    sleep,
  ]);
  assert.deepEqual(first('Task-3'), [['flag', 9, { n: '2', ok: 'True' }], sleep]);
  assert.deepEqual(first('Task-4'), [['text', 13, { n: '3', s: "'x'" }], sleep]);
  assert.deepEqual(first('Task-5'), [['huge', 17, { n: '4', h: '1152921504606846976' }], sleep]);
  assert.deepEqual(first('Task-6'), [
    ['many', 21, { n: '5', a: '1', b: '1', c: '1', d: '1', e: '1', f: '1', g: '1', '…': '1 more' }],
    sleep,
  ]);
  // Task-7 holds the lock and sleeps; Task-8 waits for it, then sleeps too.
  assert.deepEqual(first('Task-7'), [['locked', 25, { n: '6' }], sleep]);
  assert.deepEqual(chains['Task-8'], [
    [
      ['locked', 24, { n: '7' }],
      ['_ContextManagerMixin.__aenter__', 0, {}],
      ['Lock.acquire', 0, {}],
    ],
    [['locked', 25, { n: '7' }], sleep],
  ]);
});
