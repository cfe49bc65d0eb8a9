// Discrepancies with python3 found by QA in the virtual network and the aiohttp stand-in.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { boot } from './world-helpers.mjs';

let world;
before(async () => {
  world = await boot();
});

describe('writing to a closed connection', () => {
  it('drops the write silently and logs from the fifth dropped write on, as python3', () => {
    const run = world.run(`
import asyncio

async def handle(reader, writer):
    print('server read', await reader.read())

async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', 8900)
    reader, writer = await asyncio.open_connection('127.0.0.1', 8900)
    writer.write(b'sent')
    await writer.drain()
    writer.close()
    for i in range(6):
        writer.write(b'late')
    writer.writelines([b'late', b'r'])
    print('no error')
    await asyncio.sleep(1)
    server.close()

asyncio.run(main())
`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "no error\nserver read b'sent'\n");
    // close() counts 1; the writes count 2..8 and the ones that find 5 or more log
    assert.equal(run.stderr, 'socket.send() raised exception.\n'.repeat(3));
  });

  it('still refuses a write after write_eof()', () => {
    const run = world.run(`
import asyncio

async def main():
    server = await asyncio.start_server(lambda r, w: None, '127.0.0.1', 8900)
    reader, writer = await asyncio.open_connection('127.0.0.1', 8900)
    writer.write_eof()
    for write in (lambda: writer.write(b'x'), lambda: writer.writelines([b'x'])):
        try:
            write()
        except RuntimeError as exc:
            print(exc)
    writer.close()
    server.close()

asyncio.run(main())
`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      'Cannot call write() after write_eof()\nCannot call writelines() after write_eof()\n',
    );
  });
});

describe('writing what is not bytes', () => {
  it("raises TypeError in Python 3.14's words, the stdlib Loopscope ships", () => {
    const run = world.run(`
import asyncio

async def main():
    server = await asyncio.start_server(lambda r, w: None, '127.0.0.1', 8900)
    reader, writer = await asyncio.open_connection('127.0.0.1', 8900)
    try:
        writer.write('str')
    except TypeError as exc:
        print(exc)
    writer.close()
    server.close()

asyncio.run(main())
`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      "data argument must be a bytes, bytearray, or memoryview object, not 'str'\n",
    );
  });
});
