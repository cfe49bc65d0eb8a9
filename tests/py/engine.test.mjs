// The Python engine through engine.ts: entry points, recording, outcomes, budgets, interrupt,
// warnings, tracebacks, determinism and repeated runs in one interpreter.
// Run: node --import tsx --test tests/py/engine.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Done, EventKind as K, Outcome, Step, Wake, Warn } from '../../src/trace/schema.ts';
import { heapReadSupported, takeEvents, takeRows } from '../../src/runtime/engine.ts';
import { comparableJson, engine, eventsOf, run } from './engine-helpers.mjs';

const str = (trace, i) => trace.strings[i];
const warningsOf = (trace, kind) =>
  eventsOf(trace, K.WARNING)
    .filter((i) => trace.events.a[i] === kind)
    .map((i) => str(trace, trace.events.b[i]));

// Every way of starting a loop, and the asyncio APIs on top; expected output is what CPython
// 3.13 prints for this program (minus its DeprecationWarning and its real-clock values).
const ENTRY_POINTS = `import asyncio

async def hello(tag):
    await asyncio.sleep(0.5)
    print("hello", tag, asyncio.current_task().get_name())
    return tag

loop = asyncio.get_event_loop()
print(loop.run_until_complete(hello("classic")))
loop.close()

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
order = []
loop.call_later(0.2, order.append, "later")
loop.call_at(loop.time() + 0.1, order.append, "at")
loop.call_soon(order.append, "soon")
loop.call_soon_threadsafe(order.append, "threadsafe")
loop.call_later(0.3, loop.stop)
loop.run_forever()
print(order)
loop.close()
asyncio.set_event_loop(None)

print(asyncio.run(hello("run")))
print(asyncio.run(hello("factory"), loop_factory=asyncio.EventLoop))
print(asyncio.run(hello("factory2"), loop_factory=asyncio.new_event_loop))
with asyncio.Runner() as runner:
    print(runner.run(hello("runner1")), runner.run(hello("runner2")))

async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(hello("tg1"))
        t2 = tg.create_task(hello("tg2"))
    print(t1.result(), t2.result(), len(asyncio.all_tasks()))
    try:
        await asyncio.wait_for(asyncio.sleep(5), timeout=1)
    except TimeoutError:
        print("wait_for timed out")
    done, pending = await asyncio.wait([asyncio.create_task(hello(i)) for i in range(3)])
    print(sorted(t.result() for t in done), pending)
    for coro in asyncio.as_completed([asyncio.sleep(0.3, "x"), asyncio.sleep(0.1, "y")]):
        print("as_completed", await coro)
    print(await asyncio.shield(hello("shielded")))
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    async def eager():
        print("eager ran at once")
        return 1
    t = asyncio.create_task(eager())
    print("after create", t.done())
    loop.set_task_factory(None)
    async def agen():
        for i in range(3):
            await asyncio.sleep(0.1)
            yield i
    print([x async for x in agen()])
    ev = asyncio.Event(); cond = asyncio.Condition(); sem = asyncio.Semaphore(2)
    bsem = asyncio.BoundedSemaphore(1); barrier = asyncio.Barrier(2)
    async def setter():
        await asyncio.sleep(0.1); ev.set()
        async with cond: cond.notify_all()
    async def waiter():
        async with cond: await cond.wait()
        return "notified"
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    await asyncio.gather(setter(), ev.wait())
    print(await w)
    async with sem, bsem:
        print("sems", sem._value, bsem._value)
    async def party(n):
        return await barrier.wait()
    print(sorted(await asyncio.gather(party(1), party(2))))
    q = asyncio.PriorityQueue(); q.put_nowait(3); q.put_nowait(1); print(q.get_nowait())

asyncio.run(main())
`;

const ENTRY_EXPECTED = `hello classic Task-1
classic
['soon', 'threadsafe', 'at', 'later']
hello run Task-2
run
hello factory Task-5
factory
hello factory2 Task-8
factory2
hello runner1 Task-11
hello runner2 Task-12
runner1 runner2
hello tg1 Task-16
hello tg2 Task-17
tg1 tg2 1
wait_for timed out
hello 0 Task-18
hello 1 Task-19
hello 2 Task-20
[0, 1, 2] set()
as_completed y
as_completed x
hello shielded Task-23
shielded
eager ran at once
after create True
[0, 1, 2]
notified
sems 1 0
[0, 1]
1
`;

test('every entry point runs on the virtual loop and prints what CPython prints', async () => {
  const r = await run(ENTRY_POINTS);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, ENTRY_EXPECTED);
  assert.equal(r.outcome, Outcome.OK);
  assert.equal(r.exitCode, 0);
  // Virtual time: 0.5 (classic) + 0.3 (run_forever) + 4 x 0.5 (runs) + ... without waiting.
  assert.ok(r.stats.virtualTime > 5, `virtual time ${r.stats.virtualTime}`);
  assert.ok(r.stats.wallMs < 15_000);
  // Each handle kind was recorded, with the line that scheduled it.
  const kinds = new Set(r.trace.handles.kind);
  for (const k of [0, 1, 2, 3]) assert.ok(kinds.has(k), `handle kind ${k} missing`);
  const at = r.trace.handles.kind.indexOf(2);
  assert.equal(r.trace.handles.line[at], 16);
});

test('the same program with the same options gives byte-identical traces', async () => {
  const a = await run(ENTRY_POINTS);
  await run('import asyncio\nasync def x():\n    await asyncio.sleep(1)\nasyncio.run(x())\n');
  const b = await run(ENTRY_POINTS);
  assert.equal(comparableJson(a.trace), comparableJson(b.trace));
  const c = await run(ENTRY_POINTS, { seed: 0 });
  assert.equal(comparableJson(a.trace), comparableJson(c.trace));
});

test('a wakeup links to the FUTURE_DONE that caused it, and steps say how they ended', async () => {
  const r = await run(`import asyncio
async def child():
    await asyncio.sleep(1)
    return 42
async def main():
    print(await asyncio.create_task(child(), name="kid"))
asyncio.run(main())
`);
  const t = r.trace;
  const wakes = eventsOf(t, K.TASK_STEP_START).filter((i) => t.events.b[i] === Wake.FUTURE);
  assert.ok(wakes.length >= 2);
  for (const i of wakes) {
    const cause = t.events.c[i];
    assert.equal(t.events.kind[cause], K.FUTURE_DONE, `step ${i} cause ${cause}`);
    assert.ok(cause < i);
  }
  // main was woken by the kid task's completion, whose result is 42.
  const kid = t.tasks.name.findIndex((s) => str(t, s) === 'kid');
  const kidFuture = t.tasks.future[kid];
  const mainWake = wakes.find((i) => t.events.a[i] === 0);
  assert.equal(t.events.a[t.events.c[mainWake]], kidFuture);
  assert.equal(str(t, t.events.c[t.events.c[mainWake]]), '42');
  const ends = eventsOf(t, K.TASK_STEP_END).filter((i) => t.events.a[i] === kid);
  assert.equal(t.events.b[ends.at(-1)], Step.RETURNED);
  assert.equal(str(t, t.events.c[ends.at(-1)]), '42');
  // The suspended step names the sleep future and the await chain shows locals.
  const first = ends[0];
  assert.equal(t.events.b[first], Step.SUSPENDED);
  assert.equal(t.futures.kind[t.events.c[first]], 4 /* FUTURE_SLEEP */);
  const chain = JSON.parse(str(t, t.events.b[first + 1]));
  assert.equal(t.events.kind[first + 1], K.AWAIT_CHAIN);
  assert.deepEqual(chain[0].slice(0, 2), ['child', 3]);
  // LINE events carry the task they ran in.
  const lines = eventsOf(t, K.LINE).filter((i) => t.events.line[i] === 3);
  assert.deepEqual([...new Set(lines.map((i) => t.events.task[i]))], [kid]);
});

test('cancellation: requested (by whom, message, count), delivered, uncancel', async () => {
  const r = await run(`import asyncio
async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        asyncio.current_task().uncancel()
        return "survived"
async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(1)
    t.cancel("stop it")
    print(await t)
asyncio.run(main())
`);
  assert.equal(r.stdout, 'survived\n');
  const t = r.trace;
  const req = eventsOf(t, K.CANCEL_REQUESTED).find((i) => str(t, t.events.b[i]) === 'stop it');
  assert.notEqual(req, undefined);
  assert.equal(t.events.task[req], 0);
  assert.equal(t.events.line[req], 11);
  assert.equal(t.events.c[req], 1);
  const delivered = eventsOf(t, K.CANCEL_DELIVERED);
  assert.equal(delivered.length, 1);
  assert.equal(t.events.line[delivered[0]], 4);
  const start = delivered[0] - 1;
  assert.equal(t.events.kind[start], K.TASK_STEP_START);
  assert.equal(t.events.b[start], Wake.CANCEL);
  const un = eventsOf(t, K.UNCANCEL);
  assert.equal(un.length, 1);
  assert.equal(t.events.b[un[0]], 0);
  const done = eventsOf(t, K.FUTURE_DONE).filter((i) => t.events.b[i] === Done.CANCELLED);
  assert.ok(done.length >= 1);
});

test('gather, shield, TaskGroup and wait record their await edges', async () => {
  const r = await run(`import asyncio
async def f():
    await asyncio.sleep(0.1)
async def main():
    await asyncio.gather(f(), f())
    await asyncio.shield(f())
    async with asyncio.TaskGroup() as tg:
        tg.create_task(f())
    await asyncio.wait([asyncio.create_task(f())])
asyncio.run(main())
`);
  const t = r.trace;
  const edges = eventsOf(t, K.AWAIT_EDGE).map((i) => t.events.c[i]);
  for (const kind of [1, 2, 3, 4]) assert.ok(edges.includes(kind), `edge kind ${kind}`);
  assert.ok(t.futures.kind.includes(2) && t.futures.kind.includes(3));
});

test('locks and queues are named resources with holders, waiters and values', async () => {
  const r = await run(`import asyncio
async def main():
    lock = asyncio.Lock()
    jobs = asyncio.Queue(maxsize=1)
    async def holder():
        async with lock:
            await asyncio.sleep(1)
    async def other():
        async with lock:
            await jobs.put(1)
            await jobs.put(2)
    async def taker():
        await asyncio.sleep(2)
        return jobs.get_nowait() + await jobs.get()
    results = await asyncio.gather(holder(), other(), taker())
    print(results[2])
asyncio.run(main())
`);
  assert.equal(r.stdout, '3\n');
  const t = r.trace;
  const names = Array.from(t.resources.name, (s) => str(t, s));
  assert.deepEqual(names, ['lock', 'jobs']);
  assert.deepEqual(Array.from(t.resources.capacity), [1, 1]);
  const waits = eventsOf(t, K.RESOURCE_WAIT);
  assert.ok(
    waits.some((i) => t.events.a[i] === 0 && t.events.c[i] >= 0),
    'lock waiter future',
  );
  assert.ok(
    waits.some((i) => t.events.a[i] === 1),
    'queue put waiter',
  );
  assert.ok(eventsOf(t, K.RESOURCE_WAKE).length >= 2);
  const acquired = eventsOf(t, K.RESOURCE_ACQUIRED).map((i) => t.events.b[i]);
  assert.deepEqual(acquired, [1, 2]);
  const values = eventsOf(t, K.RESOURCE_VALUE)
    .filter((i) => t.events.a[i] === 1)
    .map((i) => t.events.b[i]);
  assert.deepEqual(values, [1, 0, 1, 0]);
});

test('deadlock ends the run naming each waiting task and what it waits on', async () => {
  const r = await run(`import asyncio
async def main():
    ready = asyncio.Event()
    q = asyncio.Queue()
    async def consumer():
        return await q.get()
    c = asyncio.create_task(consumer(), name="consumer")
    await ready.wait()
asyncio.run(main())
`);
  assert.equal(r.outcome, Outcome.DEADLOCK);
  assert.equal(r.exitCode, 1);
  assert.match(r.outcomeDetail, /Task-1 \(main\) waits for Event `ready` to be set at line 8/);
  assert.match(
    r.outcomeDetail,
    /consumer \(main\.<locals>\.consumer\) waits for Queue `q`\.get\(\)/,
  );
  assert.match(r.stderr, /^loopscope: deadlock: /m);
  const t = r.trace;
  assert.equal(t.events.kind.at(-1), K.RUN_END);
  assert.equal(t.events.a.at(-1), Outcome.DEADLOCK);
  assert.equal(warningsOf(t, Warn.DEADLOCK).length, 1);
  // At the first waiting task's line, where the editor marks it (the loop is between steps then).
  const [warning] = eventsOf(t, K.WARNING).filter((i) => t.events.a[i] === Warn.DEADLOCK);
  assert.equal(t.events.line[warning], 8);
});

test('budgets end the run cleanly with the partial trace', async (t) => {
  await t.test('events', async () => {
    const r = await run(
      'import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(0)\nasyncio.run(main())\n',
      { maxEvents: 5000 },
    );
    assert.equal(r.outcome, Outcome.LIMIT_EVENTS);
    assert.ok(r.stats.events >= 5000 && r.stats.events < 5200, `events ${r.stats.events}`);
    // The count is the trace's, await chains included.
    assert.equal(r.stats.events, r.trace.events.kind.length);
    assert.ok(eventsOf(r.trace, K.AWAIT_CHAIN).length > 500);
    assert.equal(r.trace.events.kind.at(-1), K.RUN_END);
  });
  await t.test('virtual time (a server that runs forever)', async () => {
    const r = await run(
      'import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(60)\n        print("tick")\nasyncio.run(main())\n',
      { maxVirtualTime: 600 },
    );
    assert.equal(r.outcome, Outcome.LIMIT_VIRTUAL_TIME);
    assert.equal(r.stdout, 'tick\n'.repeat(10));
    assert.equal(r.stats.virtualTime, 600);
  });
  await t.test('wall time, in a loop that never awaits, traced and untraced', async () => {
    for (const trace of [true, false]) {
      const r = await run(
        'import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(0)\n        x = sum(range(100))\nasyncio.run(main())\n',
        { maxWallTime: 0.5, trace, maxEvents: 100_000_000 },
      );
      assert.equal(r.outcome, Outcome.LIMIT_WALL_TIME, `trace=${trace}`);
      assert.ok(r.stats.wallMs < 5000);
    }
    const r = await run('while True:\n    pass\n', { maxWallTime: 0.3 });
    assert.equal(r.outcome, Outcome.LIMIT_WALL_TIME);
  });
});

test('onTick is called every few thousand events while a traced program computes', async () => {
  // The page's worker sends the output it batched from this hook: a program that prints and
  // then only computes would otherwise show its last lines only when the run ends.
  let ticks = 0;
  let printedBeforeTick = null;
  const printed = [];
  const r = await run(
    'print("a")\nprint("b")\nn = 0\nfor i in range(20000):\n    n += i\n',
    {},
    {
      onStdout: (text) => printed.push(text),
      onTick: () => {
        ticks += 1;
        printedBeforeTick ??= printed.join('');
      },
    },
  );
  assert.equal(r.outcome, Outcome.OK);
  // 40,000 line events, two to a row as the recorder writes them (WIRE_LINE_PAIR): a tick at
  // each 4,096 rows recorded.
  assert.ok(ticks >= 4 && ticks <= 6, `${ticks} ticks`);
  assert.equal(printedBeforeTick, 'a\nb\n');
});

test('the interrupt buffer (the page Stop) ends the run with OUTCOME_INTERRUPTED', async () => {
  const pyodide = await engine();
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  pyodide.setInterruptBuffer(buffer);
  try {
    const stop = { onStdout: (text) => text.includes('started') && (buffer[0] = 2) };
    for (const source of [
      'import asyncio\nasync def main():\n    print("started")\n    n = 0\n    while True:\n        n += 1\nasyncio.run(main())\n',
      'import asyncio\nasync def main():\n    print("started")\n    while True:\n        try:\n            await asyncio.sleep(0)\n        except BaseException:\n            pass\nasyncio.run(main())\n',
    ]) {
      buffer[0] = 0;
      const r = await run(source, { maxWallTime: 30 }, stop);
      assert.equal(r.outcome, Outcome.INTERRUPTED);
      assert.equal(r.exitCode, 1);
      assert.equal(r.trace.events.kind.at(-1), K.RUN_END);
      assert.equal(r.trace.events.a.at(-1), Outcome.INTERRUPTED);
      assert.equal(r.stderr, 'loopscope: run stopped: stopped by the user\n');
    }
    // A Stop that lands while the run is still being set up ends it before the program's first
    // line (it was raised in the engine's own set-up code, and the run crashed).
    buffer[0] = 0;
    const early = await run(
      'print("first line")\n',
      { maxWallTime: 30 },
      { onStart: () => (buffer[0] = 2) },
    );
    assert.equal(early.outcome, Outcome.INTERRUPTED);
    assert.equal(early.stdout, '');
    assert.equal(early.stderr, 'loopscope: run stopped: stopped by the user\n');
    // Between runs an interrupt means nothing (it was Python's KeyboardInterrupt), and the next
    // run is not hit by it.
    buffer[0] = 2;
    pyodide.runPython('for _ in range(100000):\n    pass\n');
    assert.equal(buffer[0], 0, 'the interrupt was read');
    const after = await run('print("next run")');
    assert.equal(after.stdout, 'next run\n');
    assert.equal(after.outcome, Outcome.OK);
  } finally {
    buffer[0] = 0;
  }
});

test("stacks printed in a run show the frames python3 shows, not the engine's", async () => {
  // traceback.extract_stack (print_stack, format_stack and logging's stack_info read the same
  // walk) at the top level, in a callback and in a task. python3.13 gives the same frames but one:
  // the loop's _run_once is in base_events.py there, in the virtual loop (_loop.py) here. Before,
  // the engine's exec of the program and its task-step wrappers were listed too.
  const r = await run(`import asyncio, os, traceback

def where():
    return [(os.path.basename(f.filename), f.name) for f in traceback.extract_stack()[:-1]]

def cb():
    print(where())

async def inner():
    print(where())

async def main():
    asyncio.get_running_loop().call_soon(cb)
    await asyncio.create_task(inner())

print(where())
asyncio.run(main())
`);
  const loop = [
    ['main.py', '<module>'],
    ['runners.py', 'run'],
    ['runners.py', 'run'],
    ['base_events.py', 'run_until_complete'],
    ['base_events.py', 'run_forever'],
    ['_loop.py', '_run_once'],
    ['events.py', '_run'],
  ];
  const py = (frames) => `[${frames.map(([f, n]) => `('${f}', '${n}')`).join(', ')}]`;
  assert.equal(
    r.stdout,
    [
      py([['main.py', '<module>']]),
      py([...loop, ['main.py', 'cb']]),
      py([...loop, ['main.py', 'inner']]),
      '',
    ].join('\n'),
  );
});

test('debug mode: "created at" names the program\'s line, and its stacks have no engine frames', async () => {
  // asyncio's debug mode records where each handle, future and task was made. The engine's loop
  // and task used to drop frames by count; a future was "created at _loop.py", and a task's
  // stack listed the engine's step wrappers. python3.13 gives the same, but for the future
  // (base_events.py's create_future, a frame the engine's loop does not have).
  const r = await run(`import asyncio

def at(handle):
    return repr(handle).split("created at ")[-1].split(">")[0]

def cb(*args):
    pass

async def main():
    loop = asyncio.get_running_loop()
    print(at(loop.call_later(5, cb)), at(loop.call_soon(cb)), at(loop.call_at(1, cb)))
    print(at(loop.call_soon_threadsafe(cb)), at(loop.create_future()))
    t = asyncio.create_task(asyncio.sleep(0))
    print(at(t), [f.name for f in t._source_traceback])
    print([f.line for f in t._source_traceback if f.name == '_run_once'])
    await t
    fut = loop.create_future()
    fut.add_done_callback(cb)
    fut.set_result(1)
    print(at(loop._ready[-1]))
    loop.set_task_factory(asyncio.eager_task_factory)
    e = asyncio.create_task(asyncio.sleep(0))
    print([f.name for f in e._source_traceback[-3:]])
    await e

asyncio.run(main(), debug=True)
`);
  assert.equal(r.stderr, '');
  const [handles, more, task, runOnce, wakeup, eager] = r.stdout.trim().split('\n');
  assert.equal(handles, 'main.py:11 main.py:11 main.py:11');
  assert.equal(more, 'main.py:12 main.py:12');
  assert.match(task, /^\S+\/asyncio\/tasks\.py:\d+ /);
  assert.equal(
    task.slice(task.indexOf(' ') + 1),
    "['<module>', 'run', 'run', 'run_until_complete', 'run_forever', '_run_once', '_run', 'main', 'create_task']",
  );
  // The callback set_result schedules is created where the program set the result (the
  // future's Python-only methods are C in python3); an eager task's factory is called from the
  // loop's create_task (asyncio.create_task, the loop's, then the factory, as in python3).
  // The loop's frame is at the line python3's is at (it was at the engine's own call).
  assert.equal(runOnce, "['handle._run()']");
  assert.equal(wakeup, 'main.py:19');
  assert.equal(eager, "['create_task', 'create_task', 'factory']");
});

test('uncaught exceptions: user-frame traceback on stderr, EXCEPTION event, exit 1', async () => {
  const r = await run(`import asyncio

async def inner():
    raise ValueError("bad value")

async def main():
    await inner()

asyncio.run(main())
`);
  assert.equal(r.outcome, Outcome.EXCEPTION);
  assert.equal(r.exitCode, 1);
  assert.equal(
    r.stderr,
    [
      'Traceback (most recent call last):',
      '  File "main.py", line 9, in <module>',
      '    asyncio.run(main())',
      '    ~~~~~~~~~~~^^^^^^^^',
      '  File "main.py", line 7, in main',
      '    await inner()',
      '  File "main.py", line 4, in inner',
      '    raise ValueError("bad value")',
      'ValueError: bad value',
      '',
    ].join('\n'),
  );
  assert.equal(r.outcomeDetail, 'ValueError: bad value');
  const t = r.trace;
  const ex = eventsOf(t, K.EXCEPTION);
  assert.equal(ex.length, 1);
  assert.equal(t.events.line[ex[0]], 4);
  assert.equal(str(t, t.events.b[ex[0]]), 'ValueError');
  assert.doesNotMatch(str(t, t.events.a[ex[0]]), /File "\/|loopscope/);

  const syntax = await run('def broken(:\n    pass\n');
  assert.equal(syntax.outcome, Outcome.SYNTAX_ERROR);
  assert.equal(syntax.exitCode, 1);
  assert.match(syntax.stderr, /SyntaxError/);

  const exit = await run('import sys\nprint("bye")\nsys.exit(3)\n');
  assert.equal(exit.exitCode, 1);
  assert.equal(exit.stdout, 'bye\n');
  const ok = await run('import sys\nsys.exit(0)\n');
  assert.equal(ok.exitCode, 0);
});

test('warnings: never awaited, exception never retrieved, destroyed pending, blocking call', async () => {
  const r = await run(`import asyncio, time

async def job():
    await asyncio.sleep(1)

async def fails():
    raise RuntimeError("nobody looked")

async def main():
    job()
    t = asyncio.create_task(fails())
    await asyncio.sleep(0.1)
    del t
    time.sleep(0.25)

loop = asyncio.new_event_loop()
loop.run_until_complete(main())
pending = loop.create_task(job())
loop.run_until_complete(asyncio.sleep(0.01))
`);
  assert.equal(r.outcome, Outcome.OK);
  const t = r.trace;
  assert.match(warningsOf(t, Warn.NEVER_AWAITED)[0], /coroutine 'job' was never awaited/);
  assert.match(warningsOf(t, Warn.EXCEPTION_NOT_RETRIEVED)[0], /RuntimeError: nobody looked/);
  assert.match(warningsOf(t, Warn.TASK_DESTROYED_PENDING)[0], /destroyed but it is pending/);
  assert.match(warningsOf(t, Warn.BLOCKING_CALL)[0], /time\.sleep\(0\.25\) blocked the event loop/);
  const blocked = eventsOf(t, K.LOOP_BLOCKED);
  assert.equal(blocked.length, 1);
  assert.equal(t.events.a[blocked[0]], 250_000);
  assert.equal(t.events.line[blocked[0]], 14);
  // The clock moved by the blocking time: the next event is 0.25 s later.
  assert.equal(t.events.time[blocked[0] + 3], t.events.time[blocked[0]] + 0.25);
  assert.match(r.stderr, /was never awaited/);
  assert.match(r.stderr, /Task exception was never retrieved/);
});

test('stdout and stderr writes are recorded with time and task; a flood is truncated', async () => {
  const r = await run(`import asyncio, sys
async def main():
    await asyncio.sleep(2)
    print("out")
    print("err", file=sys.stderr)
asyncio.run(main())
`);
  const t = r.trace;
  const out = eventsOf(t, K.STDOUT);
  assert.equal(out.length, 1);
  assert.equal(str(t, t.events.a[out[0]]), 'out\n');
  assert.equal(t.events.time[out[0]], 2);
  assert.equal(t.events.task[out[0]], 0);
  assert.equal(str(t, t.events.a[eventsOf(t, K.STDERR)[0]]), 'err\n');
  const bytes = await run(
    'import sys\nsys.stdout.buffer.write(b"caf\\xc3\\xa9\\n")\nprint("ok")\n',
  );
  assert.equal(bytes.stdout, 'caf\u00e9\nok\n');

  const live = [];
  const liveErr = [];
  const flood = await run(
    'for i in range(100000):\n    print("line", i)\nprint("end")\n',
    { maxOutput: 10_000 },
    {
      onStdout: (text) => live.push(text),
      onStderr: (text) => liveErr.push(text),
    },
  );
  assert.equal(flood.outcome, Outcome.OK);
  assert.equal(flood.stdout.length, 10_000);
  assert.equal(live.join('').length, 10_000);
  // The note goes out live too, so the page's console says where and why the output stops.
  assert.match(liveErr.join(''), /\[loopscope: output past 10000 characters was dropped/);
  assert.equal(warningsOf(flood.trace, Warn.OUTPUT_TRUNCATED).length, 1);
  assert.match(flood.stderr, /output past 10000 characters was dropped/);
});

test('repeated runs start fresh: __main__, task names, patches and the running loop', async () => {
  const pyodide = await engine();
  const first = await run(
    'import asyncio\nx = 1\nasync def m():\n    print(asyncio.current_task().get_name())\nasyncio.run(m())\n',
  );
  const second = await run(
    'print("x" in globals())\nimport asyncio\nasync def m():\n    print(asyncio.current_task().get_name())\nasyncio.run(m())\n',
  );
  assert.equal(first.stdout, 'Task-1\n');
  assert.equal(second.stdout, 'False\nTask-1\n');
  const state = pyodide
    .runPython(
      `
import asyncio, time, sys, _asyncio
from asyncio import events
[asyncio.Task is _asyncio.Task, asyncio.Future is _asyncio.Future, time.sleep.__module__ == 'time',
 type(events._get_running_loop()).__name__, sys.modules['__main__'].__name__, type(sys.stdout).__name__ != '_Output']
`,
    )
    .toJs();
  assert.deepEqual(state, [true, true, true, 'WebLoop', '__main__', true]);
});

test('--no-trace runs on the same loop without recording', async () => {
  const r = await run(ENTRY_POINTS, { trace: false });
  assert.equal(r.stdout, ENTRY_EXPECTED);
  assert.equal(r.trace.events.kind.length, 0);
  assert.equal(r.stats.events, 0);
});

test('traces leave Python by the direct heap read, which decodes ints and floats exactly', async () => {
  const pyodide = await engine();
  assert.equal(heapReadSupported(pyodide), true);
  // Values past one 30-bit digit, negatives and fractional times survive the trip.
  const r = await run(
    `import asyncio, time
async def main():
    await asyncio.sleep(1234567.25)
    time.sleep(2000)
asyncio.run(main())
`,
    { maxVirtualTime: 10_000_000 },
  );
  const t = r.trace;
  const blocked = eventsOf(t, K.LOOP_BLOCKED)[0];
  assert.equal(t.events.a[blocked], 2_000_000_000);
  assert.equal(t.events.time[blocked], 1234567.25);
  assert.equal(t.events.time.at(-1), 1236567.25);
  assert.ok(t.events.c.includes(-1));
});

test('a trace list is read from its end a block at a time and emptied on the way', async () => {
  const pyodide = await engine();
  const bridge = pyodide.pyimport('loopscope._bridge');
  const layout = [
    ['k', Uint8Array],
    ['t', Float64Array],
    ['v', Int32Array],
  ];
  // 60,000 rows of 3 items: several blocks. Small ints, boxed ints of both signs, floats, and a
  // partial row at the end, which is not a row.
  const ROWS = 60_000;
  const expected = (r) => [r % 200, r * 0.5, ((r * 7919) % 2 ** 31) - 2 ** 30];
  const read = (fraction) => {
    pyodide.runPython(`
from fractions import Fraction
flat = []
for r in range(${ROWS}):
    flat += (r % 200, r * 0.5, (r * 7919) % 2**31 - 2**30)
flat.append(1)
if ${fraction ? 'True' : 'False'}:
    flat[3 * 20000 + 1] = Fraction(20000, 2)  # read by Python: not an int or a float object
`);
    const list = pyodide.globals.get('flat');
    try {
      const n = pyodide.runPython('len(flat)');
      const cols = takeRows(pyodide, bridge, layout, list, pyodide.runPython('id(flat)'), n);
      for (let r = 0; r < ROWS; r++) {
        const [k, t, v] = expected(r);
        if (cols.k[r] !== k || cols.t[r] !== t || cols.v[r] !== v) {
          assert.fail(`row ${r}: ${cols.k[r]}, ${cols.t[r]}, ${cols.v[r]} (want ${k}, ${t}, ${v})`);
        }
      }
      assert.equal(cols.k.length, ROWS);
      return pyodide.runPython('len(flat)');
    } finally {
      list.destroy();
    }
  };
  assert.equal(read(false), 0);
  // The rows from the block with the odd item back to the start are left to Python's conversion;
  // the blocks after it were read and cut.
  const left = read(true);
  assert.ok(left > 3 * 20000 && left < 3 * ROWS, `${left} items left`);
  pyodide.runPython('del flat');
  bridge.destroy();
});

test('the events list is read and its wire rows expanded on the way, as expand_wire does', async () => {
  const pyodide = await engine();
  const bridge = pyodide.pyimport('loopscope._bridge');
  // 30,000 rows (several blocks) of every wire kind and some of the trace's own, with step
  // causes pointing back across blocks; once all ints and floats, once with an item the heap
  // read cannot decode, so the rows before its block are converted by Python.
  const read = (fraction) => {
    const expected = JSON.parse(
      pyodide.runPython(`
import json
from fractions import Fraction
from loopscope import _recorder as R, schema as S
kinds = [R.WIRE_HANDLE_NEXT, S.TASK_STEP_START, R.WIRE_LINE_PAIR, R.WIRE_SLEEP_ARMED,
         R.WIRE_STEP_PARKED_CB, R.WIRE_STEP_PARKED, S.FUTURE_DONE, R.WIRE_READY3,
         R.WIRE_READY2, S.LINE, S.HANDLE_SCHEDULED]
flat = []
for r in range(30000):
    k = kinds[r % len(kinds)]
    c = (r * 7) % max(r, 1) if k == S.TASK_STEP_START else r % 5 - 1
    flat += (k, r * 0.25, r % 300 - 1, r % 90, r * 3 + 70000, -r, c)
want = R.expand_wire(flat)
if ${fraction ? 'True' : 'False'}:
    flat[7 * 12000 + 4] = Fraction(flat[7 * 12000 + 4])
json.dumps(want)
`),
    );
    const list = pyodide.globals.get('flat');
    try {
      const n = pyodide.runPython('len(flat)');
      const e = takeEvents(pyodide, bridge, list, pyodide.runPython('id(flat)'), n);
      assert.equal(e.kind.length * 7, expected.length);
      for (let i = 0; i < e.kind.length; i++) {
        const got = [e.kind[i], e.time[i], e.task[i], e.line[i], e.a[i], e.b[i], e.c[i]];
        const want = expected.slice(i * 7, i * 7 + 7);
        if (got.some((v, k) => v !== want[k])) assert.fail(`event ${i}: ${got} (want ${want})`);
      }
      return pyodide.runPython('len(flat)');
    } finally {
      list.destroy();
    }
  };
  assert.equal(read(false), 0);
  const left = read(true);
  assert.ok(left > 7 * 12000 && left < 7 * 30000, `${left} items left`);
  pyodide.runPython('del flat');
  bridge.destroy();
});

test('await chains written by engine.ts read exactly as Python writes them', async () => {
  const pyodide = await engine();
  // Locals of every kind the recorder tells apart: ints (past 2**53 too), None, bools, floats,
  // strings, dunder and unbound names, more than eight locals, and a function defined twice.
  const source = `import asyncio
async def many(a, b=None):
    c, d, e, f, g, h, i, j = 1, -2, 3.5, True, 'x"y', None, 2**60, -(2**53)
    await asyncio.sleep(0.1)
async def big():
    i, j, none = 2**60, -(2**53) + 1, None
    await asyncio.sleep(0.1)
async def worker(n):
    flag = n % 2 == 0
    for k in range(3):
        await asyncio.sleep(0.01 * n)
        late = k
    return n
first = worker
async def worker(n, big=2**53):
    await asyncio.sleep(0.02)
    class C:
        async def m(self):
            await asyncio.sleep(0)
            return __class__
    await C().m()
async def same():
    for _ in [0, 0, 0]:
        await asyncio.sleep(0.5)
class Id(int):
    pass
async def lookalike():
    # An int, then an int subclass with the same repr: two keys, one text.
    for i in [1, Id(1)]:
        await asyncio.sleep(0.7)
async def main():
    await asyncio.gather(
        *(first(n) for n in range(3)), worker(1), many(7), big(), same(), lookalike()
    )
asyncio.run(main())
`;
  const r = await run(source);
  pyodide.globals.set('SOURCE', source);
  const expected = JSON.parse(
    pyodide.runPython(`
import json
from loopscope._runner import run as _run
from loopscope._recorder import expand_wire, fill_chains, EV_WIDTH
from loopscope import schema as S
_cols = _run(SOURCE, 'main.py').columns
_strings, _events = fill_chains(list(_cols['strings']), expand_wire(_cols['events']), _cols['chain_raw'], _cols['chains'])
json.dumps([_strings, [_events[j + 5] for j in range(0, len(_events), EV_WIDTH) if _events[j] == S.AWAIT_CHAIN]])
`),
  );
  const chainEvents = eventsOf(r.trace, K.AWAIT_CHAIN);
  assert.deepEqual(r.trace.strings, expected[0]);
  assert.deepEqual(
    chainEvents.map((i) => r.trace.events.b[i]),
    expected[1],
  );
  const chains = chainEvents.map((i) => str(r.trace, r.trace.events.b[i]));
  assert.ok(chains.length > 10);
  // Equal chains share one string (same() parks three times with the same locals), and each
  // text is in the table once.
  const sameAt = chainEvents.filter((i) => chains[chainEvents.indexOf(i)].startsWith('[["same"'));
  assert.equal(sameAt.length, 3);
  assert.equal(new Set(sameAt.map((i) => r.trace.events.b[i])).size, 1);
  // Texts are shared by key: the look-alike chains are two strings with the same text.
  const look = chainEvents.filter((i) =>
    chains[chainEvents.indexOf(i)].startsWith('[["lookalike"'),
  );
  assert.equal(look.length, 2);
  assert.notEqual(r.trace.events.b[look[0]], r.trace.events.b[look[1]]);
  assert.equal(chains[chainEvents.indexOf(look[0])], chains[chainEvents.indexOf(look[1])]);
  for (const c of chains) assert.ok(Array.isArray(JSON.parse(c)), c);
  const text = chains.join('\n');
  const pieces = ['"i":"1152921504606846976"', '"j":"-9007199254740991"', '"none":"None"'];
  for (const piece of [...pieces, '"h":"None"', '"f":"True"', '"e":"3.5"', '"\u2026":"2 more"']) {
    assert.ok(text.includes(piece), `${piece} in the chains`);
  }
  assert.ok(!text.includes('__class__'));
});

test("the collector skips what existed before a run, but a program sees CPython's gc", async () => {
  const pyodide = await engine();
  const r = await run(`import gc
print(gc.get_freeze_count())
print(len(gc.get_objects()) > 100)
`);
  assert.equal(r.stdout, '0\nTrue\n');
  assert.equal(pyodide.runPython('import gc; gc.get_freeze_count()'), 0);
  await run('import asyncio\nasyncio.run(asyncio.sleep(1))\n');
  assert.equal(pyodide.runPython('import gc; gc.get_freeze_count()'), 0);
  // A program's own freeze ends with it, like everything else it changed.
  const own = await run('import gc\ngc.freeze()\nprint(gc.get_freeze_count() > 0)\n');
  assert.equal(own.stdout, 'True\n');
  assert.equal(pyodide.runPython('import gc; gc.get_freeze_count()'), 0);
});

test("debug mode names the program's line where a task was created, as CPython does", async () => {
  const r = await run(
    `import asyncio
async def inner():
    pass
async def main():
    t = asyncio.get_running_loop().create_task(inner())
    u = asyncio.create_task(inner())
    tb = u._source_traceback
    print(t._source_traceback[-1].lineno, tb[-1].filename.rsplit('/', 1)[-1], tb[-2].lineno)
    await asyncio.gather(t, u)
asyncio.run(main(), debug=True)
`,
    { filename: 'main.py' },
  );
  assert.equal(r.exitCode, 0, r.stderr);
  // What CPython 3.13 prints: asyncio.create_task's own frame is the last one it keeps.
  assert.equal(r.stdout, '5 tasks.py 6\n');
});

test('calendar clocks read the virtual clock: strftime, localtime, ctime, datetime.now', async () => {
  // asyncio's own docs time their first example this way; on a real clock start and end match.
  const r = await run(`import asyncio, datetime, time
async def main():
    print(time.strftime('%X'))
    await asyncio.sleep(3)
    print(time.strftime('%X'), time.ctime(), time.gmtime().tm_sec, time.localtime().tm_year)
    now = datetime.datetime.now()
    print(repr(now), now.isoformat(), datetime.date.today())
    later = now + datetime.timedelta(days=1)
    print(isinstance(later, datetime.datetime), type(now) is datetime.datetime, repr(later))
    print(datetime.datetime.now(datetime.timezone.utc))
    print(time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(0)))
asyncio.run(main())
`);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      '00:00:00',
      '00:00:03 Thu Jan  1 00:00:03 2026 3 2026',
      'datetime.datetime(2026, 1, 1, 0, 0, 3) 2026-01-01T00:00:03 2026-01-01',
      'True True datetime.datetime(2026, 1, 2, 0, 0, 3)',
      '2026-01-01 00:00:03+00:00',
      '1970-01-01 00:00:00',
      '',
    ].join('\n'),
  );
  const utc = await run('import datetime\nprint(datetime.datetime.utcnow())\n');
  assert.equal(utc.stdout, '2026-01-01 00:00:00\n');
  assert.match(utc.stderr, /main\.py:2: DeprecationWarning: datetime\.datetime\.utcnow\(\)/);
  // After the run the interpreter's clocks are the real ones again.
  const pyodide = await engine();
  const real = (code) => Number(pyodide.runPython(code));
  const wall = Date.now() / 1000;
  assert.ok(Math.abs(real('import datetime; datetime.datetime.now().timestamp()') - wall) < 60);
  assert.ok(Math.abs(real('import time; time.mktime(time.localtime())') - wall) < 60);
  assert.equal(real('import datetime; len(datetime.datetime.__mro__)'), 3);
});

test('after TaskGroup failures every task ends done, failed or cancelled; counts agree untraced', async () => {
  // QA saw "5 tasks, 2 live" for a program like the first: main and boom failed, the sibling
  // cancelled, plus asyncio.run's two shutdown tasks. The trace is right (checked here); the two
  // "live" ones are the failed tasks, which the Tasks panel's count (liveCount in
  // src/viz/format.ts) does not treat as finished.
  const programs = {
    uncaught: `import asyncio
async def boom():
    await asyncio.sleep(0.1)
    raise ValueError("boom")
async def sleeper():
    try:
        await asyncio.sleep(1)
    finally:
        await asyncio.sleep(0.5)
async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(boom())
        tg.create_task(sleeper())
asyncio.run(main())
`,
    caught: `import asyncio
async def boom():
    raise ValueError("boom")
async def sleeper():
    await asyncio.sleep(1)
async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper())
            tg.create_task(boom())
            tg.create_task(sleeper())
    except* ValueError:
        print("caught")
    t = asyncio.create_task(sleeper())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled before its first step")
asyncio.run(main())
`,
  };
  const expected = {
    uncaught: ['main failed', 'boom failed', 'sleeper cancelled'],
    caught: [
      'main done',
      'sleeper cancelled',
      'boom failed',
      'sleeper cancelled',
      'sleeper cancelled',
    ],
  };
  const { buildIndex, stateAt } = await import('../../src/trace/index.ts');
  for (const [name, source] of Object.entries(programs)) {
    const r = await run(source);
    const index = buildIndex(r.trace, { trusted: true });
    const tasks = stateAt(index, r.trace.events.kind.length - 1).tasks;
    const states = tasks.map((t) => `${t.coro} ${t.state}`);
    assert.deepEqual(states, [
      ...expected[name],
      'BaseEventLoop.shutdown_asyncgens done',
      'BaseEventLoop.shutdown_default_executor done',
    ]);
    assert.equal(r.stats.tasks, tasks.length, name);
    const untraced = await run(source, { trace: false });
    assert.equal(untraced.stats.tasks, tasks.length, `${name} untraced`);
    assert.equal(untraced.stdout, r.stdout);
  }
});

test("asyncio's default policy, asked for again, makes virtual loops; its warnings name the line", async () => {
  // set_event_loop_policy(None) and DefaultEventLoopPolicy() used to give real selector loops,
  // which fail here ("OSError: [Errno 28] Invalid argument"); the DeprecationWarning 3.14 gives
  // for the name pointed into the world's module __getattr__ instead of the program's line.
  const r = await run(
    `import asyncio
async def main():
    await asyncio.sleep(2)
    return asyncio.get_running_loop().time()
asyncio.set_event_loop_policy(asyncio.DefaultEventLoopPolicy())
print(asyncio.run(main()))
asyncio.set_event_loop_policy(None)
print(asyncio.run(main()))
`,
    { filename: 'main.py' },
  );
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, '2.0\n4.0\n');
  assert.match(
    r.stderr,
    /^main\.py:5: DeprecationWarning: 'asyncio\.DefaultEventLoopPolicy' is deprecated/,
  );
  assert.doesNotMatch(r.stderr, /legacy\.py|Traceback/);
  assert.equal(eventsOf(r.trace, K.CLOCK_ADVANCE).length, 2);
});

test('a coroutine never awaited is reported on stderr in CPython words, tracemalloc hint included', async () => {
  const r = await run(
    'import asyncio\nasync def main():\n    asyncio.sleep(1)\n    print("end")\nasyncio.run(main())\n',
    { filename: 'main.py' },
  );
  assert.equal(r.stdout, 'end\n');
  // What python3 prints for this program (3.13 and 3.14 alike).
  assert.equal(
    r.stderr,
    "main.py:3: RuntimeWarning: coroutine 'sleep' was never awaited\n" +
      '  asyncio.sleep(1)\n' +
      'RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n',
  );
  assert.deepEqual(warningsOf(r.trace, Warn.NEVER_AWAITED), [
    "RuntimeWarning: coroutine 'sleep' was never awaited",
  ]);
});

test("debug mode's slow-callback report names the callback and the program's line, as CPython", async () => {
  // time.sleep showed as "_make_sleep.<locals>.sleep(0.2) at .../_runner.py:NNN", and handles
  // made by the traced call_later/call_at/call_soon_threadsafe were "created at" the engine.
  const source = `import asyncio, time

def slow(tag):
    time.sleep(0.2)

async def main():
    loop = asyncio.get_running_loop()
    loop.set_debug(True)
    loop.call_soon(time.sleep, 0.2)
    loop.call_later(0.1, slow, "later")
    loop.call_at(loop.time() + 0.2, slow, "at")
    loop.call_soon_threadsafe(slow, "threadsafe")
    await asyncio.sleep(1)

asyncio.run(main())
`;
  for (const trace of [true, false]) {
    const r = await run(source, { filename: 'main.py', trace });
    assert.equal(
      r.stderr,
      [
        'Executing <Handle sleep(0.2) created at main.py:9> took 0.200 seconds',
        "Executing <_ThreadSafeHandle slow('threadsafe') at main.py:3 created at main.py:12> took 0.200 seconds",
        "Executing <TimerHandle when=0.1 slow('later') at main.py:3 created at main.py:10> took 0.200 seconds",
        "Executing <TimerHandle when=0.2 slow('at') at main.py:3 created at main.py:11> took 0.200 seconds",
        '',
      ].join('\n'),
      `trace=${trace}`,
    );
  }
});

test('printed tracebacks leave out the frames of asyncio parts that are C in CPython', async () => {
  // Future and Task run in Python here: traceback.print_exc() after `await task` showed five
  // more frames (futures.py __await__, the engine's wakeup and result, tasks.py's step) than
  // python3 does, and "Task exception was never retrieved" one more.
  const r = await run(
    `import asyncio, traceback

async def bad():
    await asyncio.sleep(0)
    raise ValueError("boom")

async def main():
    t = asyncio.create_task(bad())
    try:
        await t
    except ValueError:
        traceback.print_exc()
    try:
        await asyncio.gather(bad())
    except ValueError as e:
        print(len(traceback.extract_tb(e.__traceback__)))
    lost = asyncio.create_task(bad())
    await asyncio.sleep(0.1)
    del lost

asyncio.run(main())
`,
    { filename: 'main.py' },
  );
  // python3's output for this program (3.13; 3.14's is the same here).
  assert.equal(r.stdout, '2\n');
  assert.equal(
    r.stderr.replace(/ at 0x[0-9a-f]+/g, ''),
    [
      'Traceback (most recent call last):',
      '  File "main.py", line 10, in main',
      '    await t',
      '  File "main.py", line 5, in bad',
      '    raise ValueError("boom")',
      'ValueError: boom',
      'Task exception was never retrieved',
      "future: <Task finished name='Task-4' coro=<bad() done, defined at main.py:3> exception=ValueError('boom')>",
      'Traceback (most recent call last):',
      '  File "main.py", line 5, in bad',
      '    raise ValueError("boom")',
      'ValueError: boom',
      '',
    ].join('\n'),
  );
});

test('warnings are filtered as python3 filters them by default, and as the program asks', async () => {
  // The runner showed every warning ('default' for all): an unclosed StreamWriter printed a
  // ResourceWarning that python3 does not show.
  const source = `import asyncio, warnings
if SHOW:
    warnings.simplefilter("always", ResourceWarning)

async def handle(reader, writer):
    await reader.readline()
    writer.write(b"bye\\n")

async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 8899)
    reader, writer = await asyncio.open_connection("127.0.0.1", 8899)
    writer.write(b"hi\\n")
    print(await reader.readline())
    server.close()

asyncio.run(main())
warnings.warn("old", DeprecationWarning)
`;
  const quiet = await run(source.replace('SHOW', 'False'), { filename: 'main.py' });
  assert.equal(quiet.stdout, "b'bye\\n'\n");
  // As python3 prints it: the program's own DeprecationWarning is shown, nothing else.
  assert.equal(
    quiet.stderr,
    'main.py:17: DeprecationWarning: old\n  warnings.warn("old", DeprecationWarning)\n',
  );
  const shown = await run(source.replace('SHOW', 'True'), { filename: 'main.py' });
  assert.match(shown.stderr, /ResourceWarning: unclosed <StreamWriter/);
});

test('a task suspended inside an async generator: the chain and the deadlock go into its frame', async () => {
  // `async for` awaits the generator's asend object, which has no attribute leading to the
  // generator: the chain stopped at the consumer's line, and the deadlock named line 12.
  const r = await run(
    `import asyncio

async def ticks(ev):
    n = 0
    while True:
        await ev.wait()
        yield n
        n += 1

async def main():
    ev = asyncio.Event()
    async for n in ticks(ev):
        print(n)

asyncio.run(main())
`,
    { filename: 'main.py' },
  );
  assert.equal(r.outcome, Outcome.DEADLOCK);
  assert.equal(r.outcomeDetail, 'deadlock: Task-1 (main) waits for Event `ev` to be set at line 6');
  const chains = eventsOf(r.trace, K.AWAIT_CHAIN).map((i) =>
    JSON.parse(str(r.trace, r.trace.events.b[i])),
  );
  assert.deepEqual(
    chains.at(-1).map((frame) => frame.slice(0, 2)),
    [
      ['main', 12],
      ['ticks', 6],
      ['Event.wait', 0],
    ],
  );
});

test("the env option is the run's own: os.environ, sys.warnoptions and filters are put back", async () => {
  const probe = [
    'import os, sys, warnings',
    'print(os.environ.get("LS_A"), os.environ.get("LS_B"), sys.warnoptions)',
    'os.environ["LS_B"] = "set by the program"',
    'warnings.warn("w")',
    'print("after")',
    '',
  ].join('\n');
  const first = await run(probe, { env: { LS_A: '1', PYTHONWARNINGS: 'error' } });
  assert.equal(first.stdout, "1 None ['error']\n");
  assert.match(first.stderr, /UserWarning: w\n$/);
  const second = await run(probe);
  assert.equal(second.stdout, 'None None []\nafter\n');
  assert.match(second.stderr, /UserWarning: w\n/);
  assert.deepEqual(second.trace.meta.options.env, undefined);
  assert.deepEqual(first.trace.meta.options.env, { LS_A: '1', PYTHONWARNINGS: 'error' });
});
