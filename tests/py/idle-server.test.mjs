// A server nobody connects to (issue 3: "a server that runs forever, such as serve_forever(),
// stops at its budget rather than hanging"): with nothing else left to run, the virtual clock
// runs out to the budget and the run ends there naming the waiting server; it is not a deadlock.
// Run: node --import tsx --test tests/py/idle-server.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Outcome } from '../../src/trace/schema.ts';
import { run } from './engine-helpers.mjs';

/** PyMOTW's style: start_server through run_until_complete, then run_forever. */
const RUN_FOREVER = `import asyncio

async def handle(reader, writer):
    writer.close()

loop = asyncio.get_event_loop()
server = loop.run_until_complete(asyncio.start_server(handle, '127.0.0.1', 8888))
print('Serving on {}'.format(server.sockets[0].getsockname()))
try:
    loop.run_forever()
except KeyboardInterrupt:
    pass
`;

const SERVE_FOREVER = `import asyncio

async def handle(reader, writer):
    writer.close()

async def main():
    server = await asyncio.start_server(handle, 'localhost', 9000)
    print('serving')
    async with server:
        await server.serve_forever()

asyncio.run(main())
`;

for (const [label, source, stdout, address] of [
  ['run_forever', RUN_FOREVER, "Serving on ('127.0.0.1', 8888)\n", '127.0.0.1:8888'],
  ['serve_forever', SERVE_FOREVER, 'serving\n', '127.0.0.1:9000'],
]) {
  test(`a server left waiting (${label}) ends at the virtual-time budget, named`, async () => {
    for (const trace of [true, false]) {
      const r = await run(source, { filename: 'main.py', maxVirtualTime: 120, trace });
      assert.equal(r.stdout, stdout);
      assert.equal(r.outcome, Outcome.LIMIT_VIRTUAL_TIME, r.outcomeDetail);
      assert.equal(
        r.outcomeDetail,
        `virtual-time limit of 120 s reached while the server on ${address} waited for a client`,
      );
      assert.equal(r.stats.virtualTime, 120);
    }
  });
}

test('a server whose client came and went still ends at the budget; a closed one ends the run', async () => {
  const served = await run(
    `import asyncio

async def handle(reader, writer):
    writer.write(await reader.readline())
    await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', 8888)
    reader, writer = await asyncio.open_connection('127.0.0.1', 8888)
    writer.write(b'hi\\n')
    print((await reader.readline()).decode().strip())
    writer.close()
    await server.serve_forever()

asyncio.run(main())
`,
    { filename: 'main.py', maxVirtualTime: 30 },
  );
  assert.equal(served.stdout, 'hi\n');
  assert.equal(served.outcome, Outcome.LIMIT_VIRTUAL_TIME);
  assert.match(served.outcomeDetail, /server on 127\.0\.0\.1:8888 waited for a client$/);

  // Closed before the program waits on something nobody completes: a real deadlock again.
  const closed = await run(
    `import asyncio

async def main():
    server = await asyncio.start_server(lambda r, w: None, '127.0.0.1', 8888)
    server.close()
    await server.wait_closed()
    await asyncio.get_running_loop().create_future()

asyncio.run(main())
`,
    { filename: 'main.py' },
  );
  assert.equal(closed.outcome, Outcome.DEADLOCK, closed.outcomeDetail);
});

test('a client and a server stuck on their own connection are a deadlock, though the server listens', async () => {
  // The classic mistake: the client sends no newline (or never closes), and both sides wait to
  // read. No one else is on the virtual network, so waiting for clients would only hide it.
  const stuck = `import asyncio

async def handle(reader, writer):
    data = await reader.readline()
    writer.write(data)
    await writer.drain()

async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', 8888)
    reader, writer = await asyncio.open_connection('127.0.0.1', 8888)
    writer.write(b'no newline')
    await writer.drain()
    print(await reader.read())

asyncio.run(main())
`;
  for (const trace of [true, false]) {
    const r = await run(stuck, { filename: 'main.py', trace });
    assert.equal(r.outcome, Outcome.DEADLOCK, r.outcomeDetail);
    assert.equal(
      r.outcomeDetail,
      'deadlock: Task-1 (main) waits for read() on a stream at line 13; ' +
        // Task-2 resolved the host and Task-3 accepted the connection, as asyncio's own tasks.
        'Task-4 (handle) waits for readline() on a stream at line 4',
    );
  }
});

test('a task at the end of a TaskGroup block waits for the tasks of its TaskGroup', async () => {
  const r = await run(
    `import asyncio

async def waiter(ev):
    await ev.wait()

async def main():
    ev = asyncio.Event()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(waiter(ev), name='waiter')

asyncio.run(main())
`,
    { filename: 'main.py' },
  );
  assert.equal(r.outcome, Outcome.DEADLOCK);
  assert.equal(
    r.outcomeDetail,
    'deadlock: Task-1 (main) waits for the tasks of its TaskGroup at line 8; ' +
      'waiter (waiter) waits for Event `ev` to be set at line 4',
  );
});

test('the CLI says to add a client, not to raise the budget', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ls-idle-'));
  const file = join(dir, 'server.py');
  writeFileSync(file, SERVE_FOREVER);
  const cli = fileURLToPath(new URL('../../bin/loopscope.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [cli, 'run', file], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, 'serving\n');
  assert.match(
    r.stderr,
    /run stopped: virtual-time limit of 3600 s reached while the server on 127\.0\.0\.1:9000 waited for a client\nloopscope: no other client will connect to the server \(the virtual network holds only the program's own\): add one/,
  );
  assert.doesNotMatch(r.stderr, /--max-virtual-time/);
});
