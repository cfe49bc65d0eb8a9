// A stopped run (budget, deadlock, Stop) ends like a killed process: from the stop on, no line of
// the program runs and nothing reaches stdout or stderr but the run-end message. Before this,
// coroutines closed while the run was torn down ran their cleanup: "Exception ignored while
// closing generator ... RunStopped", "coroutine ignored GeneratorExit", "coroutine 'work' was
// never awaited", a `finally:` print after the stop message, or all of that on the real stderr at
// the start of the next run (the describe cache kept gather's children alive past the run).
// Run: node --import tsx --test tests/py/stop.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPyodide } from 'pyodide';
import { installEngine, runProgram } from '../../src/runtime/engine.ts';
import { pythonFiles } from '../../src/runtime/python-files.node.ts';
import { validateTrace } from '../../src/trace/decode.ts';
import { EventKind as K, Outcome } from '../../src/trace/schema.ts';

// Pyodide's own stdout/stderr: whatever reaches them was printed outside any run's capture.
const escaped = [];
let booting = null;
function engine() {
  booting ??= (async () => {
    const pyodide = await loadPyodide({
      stdout: (line) => escaped.push(`stdout: ${line}`),
      stderr: (line) => escaped.push(`stderr: ${line}`),
    });
    installEngine(pyodide, pythonFiles());
    return pyodide;
  })();
  return booting;
}

/**
 * Runs `source` traced and untraced; each time checks the outcome, that stdout is `stdout` (what
 * was printed before the stop), that stderr is only the run-end message, and that nothing leaks
 * out of the run, into Pyodide's stderr or the next run.
 */
async function stopsQuietly(source, options, outcome, stdout, message) {
  const pyodide = await engine();
  for (const trace of [true, false]) {
    const what = `trace=${trace}`;
    escaped.length = 0;
    const r = runProgram(pyodide, source, { ...options, trace });
    assert.equal(r.outcome, outcome, `${what}: ${r.outcomeDetail}`);
    assert.equal(r.stdout, stdout, what);
    if (message instanceof RegExp) assert.match(r.stderr, message, what);
    else assert.equal(r.stderr, message, what);
    const next = runProgram(pyodide, 'print("next run")', {});
    assert.equal(next.stdout, 'next run\n', what);
    assert.equal(next.stderr, '', what);
    assert.deepEqual(escaped, [], what);
  }
}

const SERVER = `import asyncio

async def handle(reader, writer):
    try:
        while line := await reader.readline():
            writer.write(line.upper())
            await writer.drain()
    finally:
        print("handler cleanup")
        writer.close()

async def client(i):
    reader, writer = await asyncio.open_connection('127.0.0.1', 8888)
    try:
        n = 0
        while True:
            writer.write(b'ping %d.%d\\n' % (i, n))
            print((await reader.readline()).decode().strip())
            n += 1
            await asyncio.sleep(1)
    finally:
        print("client cleanup")

async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', 8888)
    for i in range(2):
        asyncio.create_task(client(i))
    try:
        async with server:
            await server.serve_forever()
    finally:
        print("server closed")

asyncio.run(main())
`;

test('serve_forever stopped at the virtual-time and the event budget', async () => {
  const pings = 'PING 0.0\nPING 1.0\nPING 0.1\nPING 1.1\nPING 0.2\nPING 1.2\n';
  await stopsQuietly(
    SERVER,
    { maxVirtualTime: 2.5 },
    Outcome.LIMIT_VIRTUAL_TIME,
    pings,
    'loopscope: run stopped: virtual-time limit of 2.5 s reached\n',
  );
  // Traced only: an untraced run records no events (and stops at its wall time here).
  const pyodide = await engine();
  escaped.length = 0;
  const r = runProgram(pyodide, SERVER, { maxEvents: 2000 });
  assert.equal(r.outcome, Outcome.LIMIT_EVENTS);
  assert.equal(r.stderr, 'loopscope: run stopped: event limit of 2000 reached\n');
  assert.doesNotMatch(r.stdout, /cleanup|closed/);
  assert.deepEqual(escaped, []);
});

test('async generators suspended when the run stops run no cleanup', async () => {
  const source = `import asyncio

async def ticker():
    try:
        n = 0
        while True:
            yield n
            n += 1
            await asyncio.sleep(1)
    finally:
        print("ticker closed")
        await asyncio.sleep(0)

async def consumer():
    async for n in ticker():
        print(n)

async def main():
    task = asyncio.create_task(consumer())
    await asyncio.sleep(0.5)
    await task

asyncio.run(main())
`;
  await stopsQuietly(
    source,
    { maxVirtualTime: 2.5 },
    Outcome.LIMIT_VIRTUAL_TIME,
    '0\n1\n2\n',
    'loopscope: run stopped: virtual-time limit of 2.5 s reached\n',
  );
  // The event budget stops it between two lines of the consumer: its generator's `finally:` used
  // to raise the stop again ("Exception ignored while closing generator ... RunStopped").
  const pyodide = await engine();
  escaped.length = 0;
  const r = runProgram(pyodide, source.replace('sleep(1)', 'sleep(0)'), { maxEvents: 3000 });
  assert.equal(r.outcome, Outcome.LIMIT_EVENTS);
  assert.equal(r.stderr, 'loopscope: run stopped: event limit of 3000 reached\n');
  assert.doesNotMatch(r.stdout, /ticker closed/);
  assert.deepEqual(escaped, []);
});

test('a deadlock of tasks awaiting each other, with cleanup code and an unawaited coroutine', async () => {
  const source = `import asyncio

tasks = {}

async def worker(name, other):
    try:
        await asyncio.sleep(0.1)
        await tasks[other]
    finally:
        print(name, "cleanup")

async def main():
    tasks['a'] = asyncio.create_task(worker('a', 'b'))
    tasks['b'] = asyncio.create_task(worker('b', 'a'))
    later = asyncio.sleep(5)
    print("waiting")
    await asyncio.gather(tasks['a'], tasks['b'])

asyncio.run(main())
`;
  await stopsQuietly(
    source,
    {},
    Outcome.DEADLOCK,
    'waiting\n',
    /^loopscope: deadlock: Task-1 \(main\) waits for gather of task Task-2 \(worker\), task Task-3 \(worker\) at line 17; Task-2 \(worker\) waits for task Task-3 \(worker\) at line 8; Task-3 \(worker\) waits for task Task-2 \(worker\) at line 8\n$/,
  );
});

test('TaskGroup and gather children pending at the stop', async () => {
  // The TaskGroup's __aexit__ awaits when its coroutine is closed: "coroutine ignored
  // GeneratorExit" used to follow the stop message.
  await stopsQuietly(
    `import asyncio

async def slow(i):
    try:
        await asyncio.sleep(100)
    finally:
        print("slow", i, "cleanup")

async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(asyncio.wait_for(lock.acquire(), None))
        for i in range(3):
            tg.create_task(slow(i))
        await asyncio.sleep(1)
        print("in group")
        await lock.acquire()

asyncio.run(main())
`,
    { maxVirtualTime: 50 },
    Outcome.LIMIT_VIRTUAL_TIME,
    'in group\n',
    'loopscope: run stopped: virtual-time limit of 50 s reached\n',
  );
  // Stopped while gather is still wrapping its coroutines: the ones left were "never awaited".
  const pyodide = await engine();
  escaped.length = 0;
  const r = runProgram(
    pyodide,
    'import asyncio\nasync def work(i):\n    await asyncio.sleep(1)\nasync def main():\n    await asyncio.gather(*[work(i) for i in range(2000)])\nasyncio.run(main())\n',
    { maxEvents: 3000 },
  );
  assert.equal(r.outcome, Outcome.LIMIT_EVENTS);
  assert.equal(r.stderr, 'loopscope: run stopped: event limit of 3000 reached\n');
  runProgram(pyodide, 'pass', {});
  assert.deepEqual(escaped, []);
});

test('a program that catches the stop cannot carry on after it', async () => {
  await stopsQuietly(
    `import asyncio

async def main():
    while True:
        try:
            await asyncio.sleep(1)
        except BaseException:
            print("main caught it")

while True:
    try:
        asyncio.run(main())
    except BaseException:
        print("again")
`,
    { maxVirtualTime: 3 },
    Outcome.LIMIT_VIRTUAL_TIME,
    '',
    'loopscope: run stopped: virtual-time limit of 3 s reached\n',
  );
});

test('os._exit ends the program where it stands: no finally block runs, as in python3', async () => {
  const pyodide = await engine();
  for (const trace of [true, false]) {
    escaped.length = 0;
    const r = runProgram(
      pyodide,
      `import asyncio, os

async def other():
    try:
        await asyncio.sleep(10)
    finally:
        print("other cleanup")

async def main():
    asyncio.create_task(other())
    await asyncio.sleep(0.1)
    try:
        print("exiting")
        os._exit(4)
    finally:
        print("main finally")

try:
    asyncio.run(main())
finally:
    print("finally")
`,
      { trace },
    );
    // python3 prints "exiting" and exits with status 4.
    assert.equal(r.stdout, 'exiting\n', `trace=${trace}`);
    assert.equal(r.stderr, '');
    assert.equal(r.outcomeDetail, 'os._exit(4)');
    runProgram(pyodide, 'pass', {});
    assert.deepEqual(escaped, []);
  }
});

test("a stopped run's trace holds no task, future or handle made by the teardown after the stop", async () => {
  // asyncio.run's cleanup creates a task for loop.shutdown_asyncgens once the run is stopped.
  // Its events were dropped but its row stayed in the tasks table: the timeline drew an empty
  // lane for it and counted one task more than the Tasks panel.
  const pyodide = await engine();
  const spin =
    'import asyncio\nasync def main():\n    print("started")\n    while True:\n        await asyncio.sleep(0)\nasyncio.run(main())\n';
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  pyodide.setInterruptBuffer(buffer);
  try {
    const stop = { onStdout: (text) => text.includes('started') && (buffer[0] = 2) };
    const deadlock =
      'import asyncio\nasync def main():\n    await asyncio.Event().wait()\nasyncio.run(main())\n';
    for (const [what, source, options, hooks, outcome] of [
      ['event budget', spin, { maxEvents: 3000 }, {}, Outcome.LIMIT_EVENTS],
      [
        'wall time',
        spin,
        { maxWallTime: 0.3, maxEvents: 100_000_000 },
        {},
        Outcome.LIMIT_WALL_TIME,
      ],
      ['Stop', spin, { maxWallTime: 30 }, stop, Outcome.INTERRUPTED],
      ['deadlock', deadlock, {}, {}, Outcome.DEADLOCK],
    ]) {
      buffer[0] = 0;
      const r = runProgram(pyodide, source, options, hooks);
      assert.equal(r.outcome, outcome, `${what}: ${r.outcomeDetail}`);
      const { trace } = r;
      validateTrace(trace);
      const coros = Array.from(trace.tasks.coro, (s) => trace.strings[s]);
      assert.deepEqual(coros, ['main'], what);
      assert.equal(r.stats.tasks, 1, what);
      // Every task, future and handle left in the tables is one the kept events created.
      const created = { tasks: new Set(), futures: new Set(), handles: new Set() };
      const e = trace.events;
      for (let i = 0; i < e.kind.length; i++) {
        if (e.kind[i] === K.TASK_CREATED) created.tasks.add(e.a[i]);
        if (e.kind[i] === K.FUTURE_CREATED) created.futures.add(e.a[i]);
        if (e.kind[i] === K.HANDLE_SCHEDULED) created.handles.add(e.a[i]);
      }
      assert.equal(created.tasks.size, trace.tasks.future.length, `${what}: tasks`);
      assert.equal(created.futures.size, trace.futures.kind.length, `${what}: futures`);
      assert.equal(created.handles.size, trace.handles.kind.length, `${what}: handles`);
    }
  } finally {
    buffer[0] = 0;
  }
});

test("a stop taken inside new_task, between the task's future row and its own, keeps a valid trace", async () => {
  // The stop is a signal and can land between any two bytecodes; here, by hand, right after
  // new_task has written the future's row and before the task's.
  const py = await engine();
  const out = py
    .runPython(
      `
import json
from loopscope import _recorder, schema as S
rec = _recorder.Recorder('main.py', 1000)
tid = len(rec.tasks) // 5
rec.futures.extend((S.FUTURE_TASK, rec.string('t'), -1, 1, tid))
rec.stop_mark()
rec.tasks.extend((0, rec.string('t'), rec.string('c'), -1, 1))
cols = rec.columns()
json.dumps({'futures': list(cols['futures']), 'tasks': list(cols['tasks'])})
`,
    )
    .toString();
  const { futures, tasks } = JSON.parse(out);
  assert.equal(tasks.length, 0);
  // The future stays (its row came first) as a plain future naming no task.
  assert.equal(futures.length, 5);
  assert.equal(futures[0], 0); // FUTURE_PLAIN
  assert.equal(futures[4], -1);
});
