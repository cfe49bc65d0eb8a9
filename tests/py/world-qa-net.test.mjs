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

describe('aiohttp.web through loop.create_server', () => {
  it("serves liaoxuefeng's app.make_handler() tutorial, with aiohttp's warnings", () => {
    const run = world.run(`
import logging; logging.basicConfig(level=logging.INFO)

import asyncio
import aiohttp
from aiohttp import web

def index(request):
    return web.Response(body=b'<h1>Awesome</h1>')

async def init(loop):
    app = web.Application(loop=loop)
    app.router.add_route('GET', '/', index)
    srv = await loop.create_server(app.make_handler(), '127.0.0.1', 9000)
    logging.info('server started at http://127.0.0.1:9000...')
    return srv

async def client():
    async with aiohttp.ClientSession() as session:
        async with session.get('http://127.0.0.1:9000/') as resp:
            print(resp.status, resp.headers['Content-Type'], await resp.read())
    loop.stop()

loop = asyncio.get_event_loop()
loop.run_until_complete(init(loop))
loop.create_task(client())
loop.run_forever()
`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "200 application/octet-stream b'<h1>Awesome</h1>'\n");
    assert.equal(
      run.stderr,
      [
        'main.py:12: DeprecationWarning: loop argument is deprecated',
        '  app = web.Application(loop=loop)',
        'main.py:14: DeprecationWarning: Application.make_handler(...) is deprecated, use AppRunner API instead',
        "  srv = await loop.create_server(app.make_handler(), '127.0.0.1', 9000)",
        'INFO:root:server started at http://127.0.0.1:9000...',
        '',
      ].join('\n'),
    );
  });

  it('serves a low-level web.Server to a raw stream client', () => {
    const run = world.run(`
import asyncio
from aiohttp import web

async def handler(request):
    return web.Response(text=f'{request.method} {request.path}')

async def main():
    server = web.Server(handler)
    await asyncio.get_running_loop().create_server(server, '127.0.0.1', 8080)
    reader, writer = await asyncio.open_connection('127.0.0.1', 8080)
    writer.write(b'GET /hello HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n')
    print((await reader.read()).split(b'\\r\\n')[-1], server.requests_count)
    writer.close()

asyncio.run(main())
`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "b'GET /hello' 1\n");
  });
});

describe('multiprocessing', () => {
  it("stops Fluent Python's spinner_proc.py at Event() with a message that says what to use", () => {
    const run = world.run(`
import itertools
import time
from multiprocessing import Process, Event
from multiprocessing import synchronize

def spin(msg: str, done: synchronize.Event) -> None:
    for char in itertools.cycle(r'\\|/-'):
        print(f'\\r{char} {msg}', end='', flush=True)
        if done.wait(.1):
            break

def supervisor() -> int:
    done = Event()
    spinner = Process(target=spin, args=('thinking!', done))
    spinner.start()

supervisor()
`);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /\nRuntimeError: multiprocessing\.Event\(\): Loopscope runs the program in one process, so there is no other process to share it with\. Between asyncio tasks use asyncio\.Event; .* use threading\.Event\.\n$/,
    );
  });

  it('refuses to start a process, a pool or a lock, naming the call', () => {
    const run = world.run(`
import multiprocessing.synchronize
from multiprocessing import Process

for make in (lambda: Process(target=print).start(), lambda: multiprocessing.Pool(2),
             lambda: multiprocessing.get_context('spawn').Lock(),
             lambda: multiprocessing.synchronize.Semaphore(ctx=None)):
    try:
        make()
    except RuntimeError as exc:
        print(str(exc).split(':')[0])
print(multiprocessing.current_process().name)
`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        "multiprocessing.Process('Process-1').start()",
        'multiprocessing.Pool()',
        'multiprocessing.Lock()',
        'multiprocessing locks, events, semaphores, queues and pools',
        'MainProcess',
        '',
      ].join('\n'),
    );
  });
});
