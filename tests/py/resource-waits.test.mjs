// What a task waits on inside a queue's join(), at the end of a TaskGroup, and in the streams of a
// connection or a server: QA found the Tasks panel saying "awaits future Future", the explanation
// "Task-1 resumed because future `Future` is done", and the Resources panel listing no waiter.
// Run: node --import tsx --test tests/py/resource-waits.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildIndex, stateAt } from '../../src/trace/index.ts';
import { startServerLine } from '../../src/trace/normalize.ts';
import { EventKind as K, FutureKind, Step } from '../../src/trace/schema.ts';
import { awaitedText, buildTimelineModel } from '../../src/viz/timeline/model.ts';
import { run } from './engine-helpers.mjs';

/**
 * Runs a program and reads what the page shows at each suspension and each wakeup: per task,
 * the texts it awaits (and whether the resource named lists it among its waiters), and the
 * sentences explaining why it resumed.
 */
async function waits(source) {
  const r = await run(source);
  assert.equal(r.stderr, '');
  const index = buildIndex(r.trace);
  const e = r.trace.events;
  const awaits = new Set();
  const unlisted = [];
  const resumed = new Set();
  for (let i = 0; i < e.kind.length; i++) {
    if (e.kind[i] === K.TASK_STEP_END && e.b[i] === Step.SUSPENDED) {
      const state = stateAt(index, i);
      const task = state.tasks[e.a[i]];
      if (!task.awaiting) continue;
      awaits.add(`${task.name}: ${task.awaiting.text}`);
      const res = task.awaiting.resource;
      if (res >= 0 && !state.resources[res].waiters.includes(task.id))
        unlisted.push(`${task.name}: ${task.awaiting.text}`);
    } else if (e.kind[i] === K.TASK_STEP_START) {
      const text = stateAt(index, i).explanation;
      if (text.includes(' resumed because ')) resumed.add(text);
    }
  }
  return { stdout: r.stdout, awaits, unlisted, resumed, trace: r.trace };
}

/** Texts of `set` that would read "future `Future`" (the fallback QA saw). */
const bare = (set) => [...set].filter((text) => /future `Future`/.test(text));

test('await q.join() waits on the queue, and is listed among its waiters', async () => {
  const w = await waits(`import asyncio

async def consumer(q):
    while True:
        item = await q.get()
        await asyncio.sleep(0.1)
        q.task_done()

async def main():
    q = asyncio.Queue()
    for i in range(3):
        q.put_nowait(i)
    worker = asyncio.create_task(consumer(q))
    await q.join()
    worker.cancel()
    print('all processed')

asyncio.run(main())
`);
  assert.equal(w.stdout, 'all processed\n');
  assert.ok(w.awaits.has('Task-1: queue `q`.join()'), [...w.awaits].join('\n'));
  assert.ok(w.awaits.has('Task-2: queue `q`.get()'));
  assert.deepEqual(w.unlisted, []);
  assert.ok(w.resumed.has('Task-1 resumed because every item put in Queue `q` was marked done.'));
  assert.deepEqual(bare(w.awaits), []);
  assert.deepEqual(bare(w.resumed), []);
});

test('the owner of a TaskGroup waits for the tasks of its TaskGroup', async () => {
  const w = await waits(`import asyncio

async def work(n):
    await asyncio.sleep(n)

async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work(0.1))
        tg.create_task(work(0.2))
    print('group done')

asyncio.run(main())
`);
  assert.equal(w.stdout, 'group done\n');
  assert.ok(w.awaits.has('Task-1: the tasks of its TaskGroup'), [...w.awaits].join('\n'));
  assert.ok(w.resumed.has('Task-1 resumed because every task of its TaskGroup has finished.'));
  assert.deepEqual(bare(w.awaits), []);
  assert.deepEqual(bare(w.resumed), []);
});

test('stream reads, drain, wait_closed and serve_forever wait on their connection or server', async () => {
  const w = await waits(`import asyncio

async def handle(reader, writer):
    data = await reader.readexactly(1_000_000)
    line = await reader.readline()
    writer.write(b'got %d %s' % (len(data), line))
    await writer.drain()
    writer.close()
    await writer.wait_closed()

async def main():
    server = await asyncio.start_server(handle, 'localhost', 8888)
    serving = asyncio.create_task(server.serve_forever())
    reader, writer = await asyncio.open_connection('localhost', 8888)
    writer.write(b'x' * 1_000_000)
    await writer.drain()
    writer.write(b'end\\n')
    print((await reader.read()).decode().strip())
    writer.close()
    await writer.wait_closed()
    serving.cancel()
    try:
        await serving
    except asyncio.CancelledError:
        print('server stopped')

asyncio.run(main())
`);
  assert.equal(w.stdout, 'got 1000000 end\nserver stopped\n');
  const client = 'connection `127.0.0.1:50000 -> 127.0.0.1:8888`';
  const server = 'connection `127.0.0.1:8888 <- 127.0.0.1:50000`';
  for (const text of [
    'Task-1: open_connection()',
    `Task-1: drain() on ${client}`,
    `Task-1: read() on ${client}`,
    `Task-1: wait_closed() on ${client}`,
    // (Task-2 resolves start_server's host and Task-4 accepts the connection, as in asyncio.)
    'Task-3: serve_forever() on server `127.0.0.1:8888`',
    'Task-4: connection_made()',
    `Task-5: readexactly() on ${server}`,
    `Task-5: wait_closed() on ${server}`,
  ]) {
    assert.ok(w.awaits.has(text), `${text} not among\n${[...w.awaits].join('\n')}`);
  }
  assert.deepEqual(w.unlisted, []);
  for (const text of [
    `Task-1 resumed because the write buffer of ${client} drained.`,
    `Task-1 resumed because ${client} received data or end of file.`,
    `Task-5 resumed because ${server} is closed.`,
  ]) {
    assert.ok(w.resumed.has(text), `${text} not among\n${[...w.resumed].join('\n')}`);
  }
  assert.deepEqual(bare(w.awaits), []);
  assert.deepEqual(bare(w.resumed), []);
});

test('readline() is named as the program called it (it waits inside readuntil)', async () => {
  const w = await waits(`import asyncio

async def handle(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
    writer.close()

async def main():
    async with await asyncio.start_server(handle, 'localhost', 8888):
        reader, writer = await asyncio.open_connection('localhost', 8888)
        writer.write(b'hello\\n')
        print(await reader.readline())
        writer.close()
        await writer.wait_closed()

asyncio.run(main())
`);
  assert.equal(w.stdout, "b'HELLO\\n'\n");
  assert.ok(w.awaits.has('Task-1: readline() on connection `127.0.0.1:50000 -> 127.0.0.1:8888`'));
  assert.ok(w.awaits.has('Task-4: readline() on connection `127.0.0.1:8888 <- 127.0.0.1:50000`'));
  // `async with server` ends waiting for the server to close.
  assert.ok(w.awaits.has('Task-1: wait_closed() on server `127.0.0.1:8888`'));
  assert.deepEqual(w.unlisted, []);
});

test("as_completed's next result: awaits as_completed(), not a bare Future", async () => {
  const w = await waits(`import asyncio

async def fetch(n):
    await asyncio.sleep(0.1 * n)
    return n

async def main():
    for fut in asyncio.as_completed([fetch(3), fetch(1), fetch(2)]):
        print(await fut)
    async for task in asyncio.as_completed([fetch(2), fetch(1)]):
        print(task.result())

asyncio.run(main())
`);
  assert.equal(w.stdout, '1\n2\n3\n1\n2\n');
  assert.deepEqual(
    [...w.awaits].filter((t) => t.startsWith('Task-1:')),
    ['Task-1: as_completed()'],
  );
  assert.deepEqual(bare(w.awaits), []);
  assert.deepEqual(bare(w.resumed), []);
  assert.ok(
    w.resumed.has(
      'Task-1 resumed because the next of the awaitables given to as_completed() finished.',
    ),
    [...w.resumed].join('\n'),
  );
});

test('a connect is named as the program called it: open_connection() or create_connection()', async () => {
  // asyncio.open_connection awaits loop.create_connection: a learner who wrote the first should
  // not read the second on the task card, in the explanation or on the timeline.
  const w = await waits(`import asyncio

async def handle(reader, writer):
    writer.close()

async def streams():
    reader, writer = await asyncio.open_connection('localhost', 8888)
    writer.close()

async def timed():
    reader, writer = await asyncio.wait_for(asyncio.open_connection('localhost', 8888), 1)
    writer.close()

async def protocol():
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_connection(asyncio.Protocol, 'localhost', 8888)
    transport.close()

async def main():
    async with await asyncio.start_server(handle, 'localhost', 8888):
        await asyncio.gather(
            asyncio.create_task(streams(), name='streams'),
            asyncio.create_task(timed(), name='timed'),
            asyncio.create_task(protocol(), name='protocol'),
        )
    print('connected 3 times')

asyncio.run(main())
`);
  assert.equal(w.stdout, 'connected 3 times\n');
  const cards = [...w.awaits].filter((text) => /connection\(\)$/.test(text)).sort();
  assert.deepEqual(cards, [
    'protocol: create_connection()',
    'streams: open_connection()',
    'timed: open_connection()',
  ]);
  for (const text of [
    'streams resumed because open_connection() is done.',
    'timed resumed because open_connection() is done.',
    'protocol resumed because create_connection() is done.',
  ]) {
    assert.ok(w.resumed.has(text), `${text} not among\n${[...w.resumed].join('\n')}`);
  }
  // The timeline words a task's wait as the card does (one connect future per task).
  const trace = w.trace;
  const model = buildTimelineModel(trace);
  const spans = [];
  for (let f = 0; f < trace.futures.kind.length; f++) {
    if (trace.futures.kind[f] !== FutureKind.CALL) continue;
    const text = awaitedText(model, f);
    if (!text.endsWith('connection()')) continue;
    const task = trace.strings[trace.tasks.name[trace.futures.owner[f]]];
    spans.push(`${task}: ${text}`);
  }
  assert.deepEqual(spans.sort(), cards);
});

test('asyncio.wait: awaits asyncio.wait(), and resumes for the reason its arguments give (QA)', async () => {
  // QA: "Task-1 resumed because future Future is done" and "awaits future Future".
  const w = await waits(`import asyncio

async def job(n):
    await asyncio.sleep(n)
    return n

async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(job(1))
    b = asyncio.create_task(job(2))
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending))
    done, pending = await asyncio.wait(pending, timeout=0.5)
    print(len(done), len(pending))
    done, pending = await asyncio.wait(pending)
    print(len(done), len(pending))
    fut = loop.create_future()
    loop.call_later(1, fut.set_result, 3)
    print(await fut)

asyncio.run(main())
`);
  assert.equal(w.stdout, '1 1\n0 1\n1 0\n3\n');
  assert.deepEqual(
    [...w.awaits].filter((t) => t.startsWith('Task-1:')),
    ['Task-1: asyncio.wait()', 'Task-1: a Future created at line 17'],
  );
  assert.deepEqual(
    [...w.resumed].filter((t) => t.startsWith('Task-1 ')),
    [
      'Task-1 resumed because one of the awaitables given to asyncio.wait() finished.',
      'Task-1 resumed because the timeout given to asyncio.wait() ran out; the awaitables not done yet come back as pending.',
      'Task-1 resumed because every awaitable given to asyncio.wait() has finished.',
      'Task-1 resumed because a Future created at line 17 is done.',
    ],
  );
  assert.deepEqual(
    [...w.awaits, ...w.resumed].filter((t) => /future `?Future/i.test(t)),
    [],
  );
  const labels = [...w.trace.futures.label].map((s) => w.trace.strings[s] ?? '');
  assert.deepEqual(
    labels.filter((l) => l.startsWith('asyncio.wait')),
    ['asyncio.wait FIRST_COMPLETED', 'asyncio.wait timeout', 'asyncio.wait'],
  );
});

test("start_server's connection tasks: created by start_server for a new connection (QA)", async () => {
  const source = `import asyncio

async def handle(reader, writer):
    await reader.readline()
    writer.close()

async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', 8888)
    async with server:
        reader, writer = await asyncio.open_connection('127.0.0.1', 8888)
        writer.write(b'hi\\n')
        writer.close()
        await writer.wait_closed()

asyncio.run(main())
`;
  const r = await run(source);
  assert.equal(r.stderr, '');
  const index = buildIndex(r.trace);
  const e = r.trace.events;
  const accepts = [];
  const created = [];
  for (let i = 0; i < e.kind.length; i++) {
    if (e.kind[i] === K.NET_ACCEPT) accepts.push(e.c[i]);
    if (e.kind[i] === K.TASK_CREATED && r.trace.strings[r.trace.tasks.coro[e.a[i]]] === 'handle') {
      created.push([startServerLine(index.nz, e.a[i]), stateAt(index, i).explanation]);
    }
  }
  assert.deepEqual(accepts, [1], 'NET_ACCEPT says the server is start_server');
  // The task views the cards read: the connection's task names start_server's line ("created by
  // start_server (line 8) for a new connection"); the others have none, asyncio's own tasks
  // (resolving the host, accepting the connection) included.
  const views = stateAt(index, e.kind.length - 1).tasks;
  assert.deepEqual(
    views.slice(0, 4).map((v) => [v.coro, v.startServerLine]),
    [
      ['main', undefined],
      ['BaseEventLoop._create_server_getaddrinfo', undefined],
      ['BaseSelectorEventLoop._accept_connection2', undefined],
      ['handle', 8],
    ],
  );
  assert.deepEqual(created, [
    [
      8,
      'start_server (line 8) created task Task-4 for handle to serve a new connection to server `127.0.0.1:8888`; it will start when the loop gets to it.',
    ],
  ]);
  // A protocol of the program's own (loop.create_server) is not start_server's.
  const own = await run(`import asyncio

class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        transport.close()

async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Echo, '127.0.0.1', 8888)
    reader, writer = await asyncio.open_connection('127.0.0.1', 8888)
    await asyncio.sleep(0.1)
    server.close()

asyncio.run(main())
`);
  assert.equal(own.stderr, '');
  const ev = own.trace.events;
  assert.deepEqual(
    [...ev.kind].flatMap((k, i) => (k === K.NET_ACCEPT ? [ev.c[i]] : [])),
    [0],
  );
});
