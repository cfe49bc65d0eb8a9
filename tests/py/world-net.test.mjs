// The virtual network: streams, servers, latency, back-pressure, errors and their trace events.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { boot, rows, str } from './world-helpers.mjs';

let world;
before(async () => {
  world = await boot();
});

const ECHO = `
import asyncio

async def handle(reader, writer):
    peer = writer.get_extra_info('peername')
    print('server sees', peer, writer.get_extra_info('sockname'))
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
    print('server got EOF at', round(asyncio.get_running_loop().time(), 3))
    writer.close()
    await writer.wait_closed()

async def main():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(handle, 'localhost', 0)
    host, port = server.sockets[0].getsockname()
    print('listening', host, port)
    async with server:
        reader, writer = await asyncio.open_connection('localhost', port)
        print('connected at', round(loop.time(), 3), writer.get_extra_info('sockname'))
        writer.writelines([b'hello\\n', b'world\\n'])
        await writer.drain()
        print(await reader.readline(), round(loop.time(), 3))
        print(await reader.readexactly(6), round(loop.time(), 3))
        writer.write(b'a;b;rest')
        writer.write_eof()
        print(await reader.readuntil(b';'), await reader.read())
        print('eof', reader.at_eof())
        writer.close()
        await writer.wait_closed()
    print('closed', server.is_serving())

asyncio.run(main())
`;

describe('virtual network', () => {
  it('runs start_server/open_connection with real StreamReader/StreamWriter semantics', () => {
    const run = world.run(ECHO);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        'listening 127.0.0.1 40000',
        // the handshake takes a round trip of the 2 ms loopback latency; the server accepts
        // first, as CPython's select() returns the listening socket first...
        "server sees ('127.0.0.1', 50000) ('127.0.0.1', 40000)",
        // ...and the client is connected at the same time
        "connected at 0.004 ('127.0.0.1', 50000)",
        "b'HELLO\\n' 0.008",
        "b'WORLD\\n' 0.008",
        'server got EOF at 0.01',
        "b'A;' b'B;REST'",
        'eof True',
        'closed False',
        '',
      ].join('\n'),
    );
  });

  it('records listen, connect, accept, send, receive (bytes and preview) and close', () => {
    const run = world.run(ECHO);
    assert.equal(rows(run, 'NET_LISTEN').length, 1);
    const [connect] = rows(run, 'NET_CONNECT');
    assert.equal(str(run, connect[3]), '127.0.0.1:40000');
    assert.equal(connect[0], 0.004);
    assert.equal(connect[1], 20, 'attributed to the open_connection line');
    const [accept] = rows(run, 'NET_ACCEPT');
    assert.equal(accept[0], 0.004, 'accepted as the handshake completes');
    assert.equal(accept[3], rows(run, 'NET_LISTEN')[0][2], 'accept names the server resource');
    const sends = rows(run, 'NET_SEND');
    assert.deepEqual(sends[0].slice(0, 4), [0.004, 22, connect[2], 12]);
    assert.equal(str(run, sends[0][4]), 'hello\\nworld\\n');
    const recvs = rows(run, 'NET_RECV');
    assert.ok(
      recvs.some((r) => r[0] === 0.006 && r[3] === 12),
      'data lands one latency later',
    );
    assert.ok(recvs.some((r) => r[3] === 0 && str(run, r[4]) === 'EOF'));
    assert.equal(rows(run, 'NET_CLOSE').length, 3, 'both ends and the server');
    const kinds = run.resources.map((r) => r[0]);
    assert.deepEqual(
      kinds.filter((k) => k === 7 || k === 8),
      [7, 8, 8],
    );
  });

  it('refuses connections to a port nobody listens on, after a round trip', () => {
    const run = world.run(`
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    for host in ('127.0.0.1', 'db.internal'):
        try:
            await asyncio.open_connection(host, 5432)
        except ConnectionRefusedError as exc:
            print(type(exc).__name__, exc.errno, round(loop.time(), 3))
asyncio.run(main())
`);
    assert.match(
      run.stdout,
      /^ConnectionRefusedError 111 0\.004\nConnectionRefusedError 111 0\.064\n$/,
    );
  });

  it('lets any host name work, resolves stably, and uses more latency off loopback', () => {
    const run = world.run(`
import asyncio, socket

async def main():
    loop = asyncio.get_running_loop()
    info = await loop.getaddrinfo('chat.example.org', 'http')
    print(info[0][0] == socket.AF_INET, info[0][4] == (await loop.getaddrinfo('chat.example.org', 80))[0][4])
    print(await loop.getnameinfo(info[0][4]))
    server = await asyncio.start_server(lambda r, w: w.close(), 'chat.example.org', 7000)
    t = loop.time()
    r, w = await asyncio.open_connection('chat.example.org', 7000)
    print('connect took', round(loop.time() - t, 3))
    print(w.get_extra_info('peername')[0] == info[0][4][0])
    w.close()
    server.close()
    await server.wait_closed()

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    // The port's service name, as /etc/services gives it (docs/simulated-world.md).
    assert.equal(run.stdout, "True True\n('chat.example.org', 'http')\nconnect took 0.06\nTrue\n");
  });

  it('applies back-pressure: drain waits while the reader does not read', () => {
    const run = world.run(`
import asyncio

got = asyncio.Event()

async def slow_reader(reader, writer):
    await asyncio.sleep(1)          # does not read for a second
    data = await reader.read()
    print('reader got', len(data), 'bytes at', round(asyncio.get_running_loop().time(), 3))
    writer.close()
    got.set()

async def main():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(slow_reader, '127.0.0.1', 8888)
    reader, writer = await asyncio.open_connection('127.0.0.1', 8888)
    writer.write(b'x' * 2_000_000)
    print('buffered', writer.transport.get_write_buffer_size() > 64 * 1024)
    await writer.drain()
    print('drained at', round(loop.time(), 3), 'after the reader started reading:', loop.time() >= 1)
    writer.write_eof()
    await got.wait()
    writer.close()
    server.close()

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.match(
      run.stdout,
      /^buffered True\ndrained at 1\.\d+ after the reader started reading: True\nreader got 2000000 bytes at 1\.\d+\n$/,
    );
  });

  it('has a protocol-level API: create_server/create_connection with Protocol callbacks', () => {
    const run = world.run(`
import asyncio

class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
    def data_received(self, data):
        self.transport.write(data[::-1])
    def eof_received(self):
        print('server: eof')

class Client(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
    def connection_made(self, transport):
        print('client: connected to', transport.get_extra_info('peername'))
        transport.write(b'stressed')
        transport.write_eof()
    def data_received(self, data):
        print('client got', data)
    def connection_lost(self, exc):
        print('client: lost', exc)
        self.done.set_result(True)

async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Echo, '127.0.0.1', 9000)
    done = loop.create_future()
    transport, protocol = await loop.create_connection(lambda: Client(done), '127.0.0.1', 9000)
    print(type(protocol).__name__, transport.is_closing())
    await done
    server.close()
    await server.wait_closed()

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      "client: connected to ('127.0.0.1', 9000)\nClient False\nserver: eof\nclient got b'desserts'\nclient: lost None\n",
    );
  });

  it('serve_forever runs until cancelled; binding a used port is an OSError', () => {
    const run = world.run(`
import asyncio

async def main():
    server = await asyncio.start_server(lambda r, w: None, '0.0.0.0', 8080)
    try:
        await asyncio.start_server(lambda r, w: None, '127.0.0.1', 8080)
    except OSError as exc:
        print('OSError', exc.errno)
    task = asyncio.create_task(server.serve_forever())
    await asyncio.sleep(5)
    print('serving', server.is_serving())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print('cancelled; serving', server.is_serving())

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, 'OSError 98\nserving True\ncancelled; serving False\n');
  });

  it('shapes latency with loopscope.set_latency (fixed and seeded ranges)', () => {
    const program = `
import asyncio, loopscope
loopscope.set_latency('far.example.com', 0.25)
loopscope.set_latency('*.random.example', low=0.1, high=0.2)

async def main():
    loop = asyncio.get_running_loop()
    for host in ('far.example.com', 'a.random.example'):
        server = await asyncio.start_server(lambda r, w: w.close(), host, 80)
        t = loop.time()
        r, w = await asyncio.open_connection(host, 80)
        print(host, round(loop.time() - t, 6))
        w.close()
        server.close()

asyncio.run(main())
`;
    const first = world.run(program);
    assert.equal(first.stderr, '');
    const lines = first.stdout.trim().split('\n');
    assert.equal(lines[0], 'far.example.com 0.5');
    const spread = Number(lines[1].split(' ')[1]);
    assert.ok(spread >= 0.2 && spread <= 0.4, `round trip ${spread} within 2 x [0.1, 0.2]`);
    assert.equal(world.run(program).stdout, first.stdout, 'seeded: the same every run');
  });
});

describe('flow control at the protocol level', () => {
  it('calls pause_writing/resume_writing around the write buffer limits', () => {
    const run = world.run(`
import asyncio

class Sluggish(asyncio.Protocol):
    def connection_made(self, transport):
        self.got = 0
        transport.pause_reading()
        asyncio.get_running_loop().call_later(1, transport.resume_reading)
    def data_received(self, data):
        self.got += len(data)

class Sender(asyncio.Protocol):
    def connection_made(self, transport):
        transport.set_write_buffer_limits(high=1000)
        print('limits', transport.get_write_buffer_limits())
    def pause_writing(self):
        print('pause_writing at', asyncio.get_running_loop().time())
    def resume_writing(self):
        print('resume_writing at', asyncio.get_running_loop().time())

async def main():
    loop = asyncio.get_running_loop()
    receiver = Sluggish()
    server = await loop.create_server(lambda: receiver, '127.0.0.1', 7777)
    transport, _ = await loop.create_connection(Sender, '127.0.0.1', 7777)
    transport.write(b'x' * 400_000)
    print('buffered', transport.get_write_buffer_size())
    await asyncio.sleep(2)
    print('received', receiver.got, 'buffered', transport.get_write_buffer_size())
    transport.close()
    server.close()

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        'limits (250, 1000)',
        // 256 KiB fit in the receiver's window; the rest waits in the sender's buffer
        'pause_writing at 0.004',
        'buffered 137856',
        // the receiver (accepted at 0.004) resumes reading a second later; ACKs are instant
        'resume_writing at 1.004',
        'received 400000 buffered 0',
        '',
      ].join('\n'),
    );
  });
});

describe('the simulated internet over raw streams', () => {
  it("is not one of the program's servers waiting for a client", () => {
    const run = world.run(`
import asyncio

async def main():
    server = await asyncio.start_server(lambda r, w: w.close(), '127.0.0.1', 8888)
    reader, writer = await asyncio.open_connection('example.com', 80)
    writer.write(b'GET / HTTP/1.0\\r\\nHost: example.com\\r\\n\\r\\n')
    print((await reader.readline()).strip())
    writer.close()
    await server.serve_forever()

asyncio.run(main())
`);
    // The web server example.com:80 answered; only the program's own server waits.
    assert.equal(run.stdout, "b'HTTP/1.1 200 OK'\n");
    assert.equal(
      run.result.outcomeDetail,
      'virtual-time limit of 3600 s reached while the server on 127.0.0.1:8888 waited for a client',
    );
  });

  it('answers HTTP written by hand to port 80 of any host, as the asyncio docs example does', () => {
    const run = world.run(`
import asyncio, urllib.parse

async def print_http_headers(url):
    url = urllib.parse.urlsplit(url)
    reader, writer = await asyncio.open_connection(url.hostname, 80)
    query = (f"HEAD {url.path or '/'} HTTP/1.0\\r\\n"
             f"Host: {url.hostname}\\r\\n"
             f"\\r\\n")
    writer.write(query.encode('latin-1'))
    while True:
        line = await reader.readline()
        if not line:
            break
        line = line.decode('latin1').rstrip()
        if line:
            print(f'HTTP header> {line}')
    writer.close()
    await writer.wait_closed()

async def main():
    await print_http_headers('http://example.com/status/404')
    reader, writer = await asyncio.open_connection('example.com', 80)
    writer.write(b'GET /page.html HTTP/1.1\\r\\nHost: example.com\\r\\nConnection: close\\r\\n\\r\\n')
    data = await reader.read()
    print(data.split(b'\\r\\n')[0], b'Loopscope answered GET http://example.com/page.html' in data)
    print('at', round(asyncio.get_running_loop().time(), 3))
    writer.close()

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        'HTTP header> HTTP/1.1 404 Not Found',
        'HTTP header> Content-Type: text/plain',
        'HTTP header> Content-Length: 0',
        'HTTP header> Connection: close',
        "b'HTTP/1.1 200 OK' True",
        // two exchanges of connect round trip + request + response, 30 ms per message
        'at 0.24',
        '',
      ].join('\n'),
    );
    assert.ok(run.resources.some((r) => r[1] === 'example.com:80'));
  });
});

describe('a protocol callback that raises', () => {
  const BAD_DATA = `
import asyncio
class Bad(asyncio.Protocol):
    def data_received(self, data): raise ValueError('cannot parse')
    def connection_lost(self, exc): print('server lost:', repr(exc))
async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Bad, '127.0.0.1', 9200)
    r, w = await asyncio.open_connection('127.0.0.1', 9200)
    w.write(b'hello')
    print('client read:', await r.read())
    server.close()
asyncio.run(main())
`;

  it('is reported as asyncio reports it, and the connection closes so the peer reads EOF', () => {
    const run = world.run(BAD_DATA);
    assert.equal(run.stdout, "server lost: ValueError('cannot parse')\nclient read: b''\n");
    assert.equal(run.status, 0);
    const lines = run.stderr.split('\n');
    assert.equal(lines[0], 'Fatal error: protocol.data_received() call failed.');
    assert.match(lines[1], /^protocol: <__main__\.Bad object at 0x[0-9a-f]+>$/);
    // the transport as it was when the protocol failed, in the shape of asyncio's repr
    assert.equal(
      lines[2],
      "transport: <VirtualTransport laddr=('127.0.0.1', 9200) raddr=('127.0.0.1', 50000) " +
        'read=polling write=<idle, bufsize=0>>',
    );
    // the traceback starts at the protocol's method: no frames of the simulated network
    assert.deepEqual(lines.slice(3, 5), [
      'Traceback (most recent call last):',
      '  File "main.py", line 4, in data_received',
    ]);
    assert.ok(lines.includes('ValueError: cannot parse'), run.stderr);
    assert.doesNotMatch(run.stderr, /net\.py|deliver|deadlock/);
    const warnings = rows(run, 'WARNING').map((r) => str(run, r[3]));
    assert.ok(
      warnings.includes(
        'Fatal error: protocol.data_received() call failed.: ValueError: cannot parse',
      ),
      warnings.join('\n'),
    );
    const recvs = rows(run, 'NET_RECV').map((r) => str(run, r[4]));
    assert.deepEqual(recvs, ['hello', 'EOF'], 'the client end receives a normal end');
  });

  it('handles eof_received the same way, and reports no OSError (as asyncio)', () => {
    const run = world.run(`
import asyncio
class BadEof(asyncio.Protocol):
    def eof_received(self): raise RuntimeError('no EOF wanted')
    def connection_lost(self, exc): print('eof server lost:', repr(exc))
class Aborted(asyncio.Protocol):
    def data_received(self, data): raise ConnectionAbortedError('given up')
    def connection_lost(self, exc): print('oserror server lost:', repr(exc))
async def main():
    loop = asyncio.get_running_loop()
    for factory, port in ((BadEof, 9201), (Aborted, 9202)):
        server = await loop.create_server(factory, '127.0.0.1', port)
        r, w = await asyncio.open_connection('127.0.0.1', port)
        w.write(b'bye')
        w.write_eof()
        print('client read:', await r.read())
        w.close()
        server.close()
asyncio.run(main())
`);
    assert.equal(
      run.stdout,
      [
        "eof server lost: RuntimeError('no EOF wanted')",
        "client read: b''",
        "oserror server lost: ConnectionAbortedError('given up')",
        "client read: b''",
        '',
      ].join('\n'),
    );
    assert.equal(run.status, 0);
    assert.match(run.stderr, /^Fatal error: protocol\.eof_received\(\) call failed\.\n/);
    assert.equal(run.stderr.match(/Fatal error/g).length, 1, run.stderr);
    assert.doesNotMatch(run.stderr, /net\.py|ConnectionAbortedError/);
  });

  it('keeps delivering when connection_made fails: asyncio logs it and the connection goes on', () => {
    const run = world.run(`
import asyncio
class Greeter(asyncio.Protocol):
    def connection_made(self, transport): transport.write(b'welcome')
class BadClient(asyncio.Protocol):
    def connection_made(self, transport): raise ValueError('not ready')
    def data_received(self, data): got.set_result(data)
async def main():
    global got
    loop = asyncio.get_running_loop()
    got = loop.create_future()
    server = await loop.create_server(Greeter, '127.0.0.1', 9203)
    transport, protocol = await loop.create_connection(BadClient, '127.0.0.1', 9203)
    print('connected', type(protocol).__name__, 'got', await got)
    transport.close()
    server.close()
asyncio.run(main())
`);
    assert.equal(run.stdout, "connected BadClient got b'welcome'\n");
    assert.match(run.stderr, /^Exception in callback BadClient\.connection_made\(/);
    assert.match(run.stderr, /File "main\.py", line 6, in connection_made\n/);
    assert.doesNotMatch(run.stderr, /net\.py/);
  });

  it("logs a server protocol's failing connection_made as CPython does, from the method itself", () => {
    const run = world.run(`
import asyncio
class Boom(asyncio.Protocol):
    def connection_made(self, transport):
        raise ValueError('boom')
async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Boom, '127.0.0.1', 9204)
    reader, writer = await asyncio.open_connection('127.0.0.1', 9204)
    await asyncio.sleep(0.1)
    writer.close()
    server.close()
    await server.wait_closed()
    print('done')
asyncio.run(main())
`);
    assert.equal(run.stdout, 'done\n');
    // What python3 3.13 prints, but for the path of asyncio's events.py and its line.
    const lines = run.stderr.split('\n');
    assert.deepEqual(lines.slice(0, 3), [
      'Exception in callback Boom.connection_made()',
      'handle: <Handle Boom.connection_made()>',
      'Traceback (most recent call last):',
    ]);
    assert.match(lines[3], /^ {2}File ".*asyncio\/events\.py", line \d+, in _run$/);
    assert.deepEqual(lines.slice(6), [
      '  File "main.py", line 5, in connection_made',
      "    raise ValueError('boom')",
      'ValueError: boom',
      '',
    ]);
  });
});

describe("the client side of create_connection, in asyncio's order", () => {
  // asyncio connects the socket, then its task makes the protocol and sets the transport up:
  // connection_made, reading, the caller's wake-up, each a callback of its own.  The server
  // accepts as the handshake completes, just before the caller is woken, as CPython's select()
  // returns the listening socket first on loopback; the greeting it writes then arrives one
  // latency later.
  const GREETED = `
import asyncio
async def greet(reader, writer):
    writer.write(b'hello')
    await reader.read()
    writer.close()
class Client(asyncio.Protocol):
    def connection_made(self, transport): print('connection_made')
    def data_received(self, data): print('data_received', data); got.set_result(None)
async def main():
    global got
    loop = asyncio.get_running_loop()
    got = loop.create_future()
    server = await asyncio.start_server(greet, '127.0.0.1', 9204)
    transport, protocol = await loop.create_connection(Client, '127.0.0.1', 9204)
    print('create_connection returned')
    await got
    transport.close()
    server.close()
asyncio.run(main())
`;

  it('runs connection_made, starts reading and wakes the caller, then reads the greeting', () => {
    const run = world.run(GREETED);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      "connection_made\ncreate_connection returned\ndata_received b'hello'\n",
    );
    const { trace } = run.result;
    const ev = trace.events;
    const started = [];
    for (let i = 0; i < ev.kind.length; i++) {
      // HANDLE_START, from the moment the handshake arrives (one loopback round trip).
      if (ev.kind[i] === 5 && ev.time[i] >= 0.004) {
        started.push(`${ev.time[i]} ${trace.strings[trace.handles.descr[ev.a[i]]]}`);
      }
    }
    // python3 3.13 runs, from the select() that returns the handshake: _accept_connection,
    // _sock_connect_cb, the accept task's step, (_sock_write_done), the caller's task_wakeup,
    // StreamReaderProtocol.connection_made, _add_reader, _set_result_unless_cancelled,
    // Client.connection_made, _add_reader, _set_result_unless_cancelled, the handler's first
    // step, task_wakeup, task_wakeup (create_connection returns), then _read_ready (the
    // greeting).  The same order here, the server's reading started inside its connection_made
    // callback:
    assert.deepEqual(started.slice(0, 12), [
      '0.004 virtual_network.deliver', // the handshake: the server accepts, the client connects
      '0.004 task step', // asyncio's accept task makes the server's protocol
      '0.004 task wakeup', // the connect is done: the caller's task makes the protocol
      '0.004 StreamReaderProtocol.connection_made',
      '0.004 _set_result_unless_cancelled', // the accept task's waiter
      '0.004 Client.connection_made',
      '0.004 virtual_network.start_reading',
      '0.004 _set_result_unless_cancelled', // the transport's waiter
      '0.004 task step', // start_server's handler writes the greeting
      '0.004 task wakeup', // the accept task ends
      '0.004 task wakeup', // create_connection returns
      '0.006 virtual_network.deliver', // the greeting, one latency later
    ]);
  });

  it('closes the transport when the caller is cancelled while it is set up', () => {
    const run = world.run(`
import asyncio
async def serve(reader, writer):
    print('server read', await reader.read())
    writer.close()
class Client(asyncio.Protocol):
    def __init__(self, caller): caller.cancel()
    def connection_made(self, transport): print('connection_made')
    def connection_lost(self, exc): print('connection_lost', exc)
async def main():
    server = await asyncio.start_server(serve, '127.0.0.1', 9205)
    caller = asyncio.current_task()
    try:
        await asyncio.get_running_loop().create_connection(lambda: Client(caller), '127.0.0.1', 9205)
    except asyncio.CancelledError:
        print('cancelled')
    await asyncio.sleep(0.1)
    server.close()
asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, "connection_made\ncancelled\nconnection_lost None\nserver read b''\n");
  });
});

describe('abort', () => {
  it('ends the connection normally when everything received was read (Linux, no linger)', () => {
    const run = world.run(`
import asyncio
async def handle(reader, writer):
    print('server got', await reader.readline())
    writer.transport.abort()
class Watcher(asyncio.Protocol):
    def __init__(self, done): self.done = done
    def eof_received(self): print('protocol: eof_received')
    def connection_lost(self, exc):
        print('protocol: connection_lost', repr(exc))
        self.done.set_result(None)
async def main():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(handle, '127.0.0.1', 9204)
    reader, writer = await asyncio.open_connection('127.0.0.1', 9204)
    writer.write(b'one line\\n')
    print('stream read:', await reader.read())
    done = loop.create_future()
    transport, _ = await loop.create_connection(lambda: Watcher(done), '127.0.0.1', 9204)
    transport.write(b'two\\n')
    await done
    writer.close()
    server.close()
asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        "server got b'one line\\n'",
        "stream read: b''",
        "server got b'two\\n'",
        'protocol: eof_received',
        'protocol: connection_lost None',
        '',
      ].join('\n'),
    );
    const ends = rows(run, 'NET_RECV').filter((r) => r[3] === 0);
    assert.deepEqual(
      ends.map((r) => str(run, r[4])),
      ['EOF', 'EOF'],
    );
  });

  it('resets the connection when data it received was never read, as close() then does', () => {
    const run = world.run(`
import asyncio
ends = []
class Unread(asyncio.Protocol):
    def connection_made(self, transport):
        transport.pause_reading()
        ends.append(transport)
    def connection_lost(self, exc): print('server lost', repr(exc))
async def main():
    server = await asyncio.get_running_loop().create_server(Unread, '127.0.0.1', 9205)
    for how in ('abort', 'close'):
        reader, writer = await asyncio.open_connection('127.0.0.1', 9205)
        writer.write(b'never read')
        await asyncio.sleep(0.1)
        getattr(ends.pop(), how)()
        try:
            print(how, await reader.read())
        except ConnectionResetError as exc:
            print(how, repr(exc))
        writer.close()
    server.close()
asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        'server lost None',
        "abort ConnectionResetError(104, 'Connection reset by peer')",
        'server lost None',
        "close ConnectionResetError(104, 'Connection reset by peer')",
        '',
      ].join('\n'),
    );
    const ends = rows(run, 'NET_RECV').filter((r) => r[3] === 0);
    assert.deepEqual(
      ends.map((r) => str(run, r[4])),
      ['RST', 'RST'],
    );
    // every end closes once, the reset ones too (at their RST), and so does the server
    const closed = rows(run, 'NET_CLOSE').map((r) => r[2]);
    assert.equal(new Set(closed).size, closed.length, `one NET_CLOSE per resource: ${closed}`);
    assert.equal(closed.length, run.resources.filter((r) => r[0] === 7 || r[0] === 8).length);
  });

  it('is recorded once even when called twice', () => {
    const run = world.run(`
import asyncio
async def main():
    server = await asyncio.start_server(lambda r, w: None, '127.0.0.1', 9206)
    reader, writer = await asyncio.open_connection('127.0.0.1', 9206)
    writer.transport.abort()
    writer.transport.abort()
    await asyncio.sleep(0.1)
    server.close()
asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    const closes = rows(run, 'NET_CLOSE').map((r) => r[2]);
    assert.equal(new Set(closes).size, closes.length, `NET_CLOSE per resource: ${closes}`);
  });
});

describe('reads coalesce', () => {
  it('delivers the writes that arrive together in one data_received (PyMOTW echo client)', () => {
    const run = world.run(`
import asyncio
class Server(asyncio.Protocol):
    def data_received(self, data): print('server got', data)
    def eof_received(self): print('server eof')
class Client(asyncio.Protocol):
    def __init__(self, done): self.done = done
    def connection_made(self, transport):
        for part in (b'This is the message. ', b'It will be ', b'sent in parts.'):
            transport.write(part)
        transport.write_eof()
    def connection_lost(self, exc): self.done.set_result(None)
async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Server, '127.0.0.1', 9207)
    done = loop.create_future()
    await loop.create_connection(lambda: Client(done), '127.0.0.1', 9207)
    await done
    server.close()
asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      "server got b'This is the message. It will be sent in parts.'\nserver eof\n",
    );
    // three sends, one receive of all their bytes (then the EOF)
    assert.deepEqual(
      rows(run, 'NET_SEND').map((r) => r[3]),
      [21, 11, 14],
    );
    const [accept] = rows(run, 'NET_ACCEPT');
    const recvs = rows(run, 'NET_RECV').filter((r) => r[2] === accept[2]);
    assert.deepEqual(
      recvs.map((r) => [r[3], str(run, r[4])]),
      [
        [46, 'This is the message. It will be sent in ...'],
        [0, 'EOF'],
      ],
    );
  });

  it('delivers what arrived while reading was paused in one call, at most 256 KiB per call', () => {
    const run = world.run(`
import asyncio
got = []
class Paused(asyncio.Protocol):
    def connection_made(self, transport):
        transport.pause_reading()
        asyncio.get_running_loop().call_later(1, transport.resume_reading)
    def data_received(self, data): got.append(data)
async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Paused, '127.0.0.1', 9208)
    reader, writer = await asyncio.open_connection('127.0.0.1', 9208)
    writer.write(b'hello')
    await asyncio.sleep(0.1)
    writer.write(b' world')
    await asyncio.sleep(1)
    print(got)
    got.clear()
    reader, writer = await asyncio.open_connection('127.0.0.1', 9208)
    writer.write(b'x' * 600_000)
    await writer.drain()
    await asyncio.sleep(1)
    print([len(data) for data in got])
    server.close()
asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, "[b'hello world']\n[262144, 262144, 75712]\n");
    const server = rows(run, 'NET_RECV').filter((r) => r[3] > 0);
    assert.deepEqual(
      server.map((r) => r[3]),
      [11, 262144, 262144, 75712],
      'one NET_RECV per data_received, with its size',
    );
  });
});

// QA: task names drifted after start_server. asyncio runs tasks of its own for the network:
// create_server gathers one resolving task per host, the selector loop accepts each connection
// in a task, and happy eyeballs races addresses in tasks. Each takes a Task-N name.
describe("asyncio's own network tasks", () => {
  const PROGRAM = `
import asyncio

def next_name():
    return asyncio.create_task(asyncio.sleep(0)).get_name()

async def handle(reader, writer):
    print('handler', asyncio.current_task().get_name())
    writer.close()

async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', 8888)
    print('after start_server', next_name())
    for kwargs in ({}, {'happy_eyeballs_delay': 0.25}):
        reader, writer = await asyncio.open_connection('127.0.0.1', 8888, **kwargs)
        await reader.read()
        print('after a connection', next_name())
        writer.close()
    server.close()
    await server.wait_closed()

asyncio.run(main())
`;

  it('take Task-N names as on CPython, so the program numbers its tasks alike', () => {
    const run = world.run(PROGRAM);
    assert.equal(run.stderr, '');
    // What CPython 3.13 prints (tests/corpus/125 checks more against it).
    assert.equal(
      run.stdout,
      [
        'after start_server Task-3',
        'handler Task-5',
        'after a connection Task-6',
        'handler Task-10',
        'after a connection Task-11',
        '',
      ].join('\n'),
    );
  });

  it("are tasks of the trace, running asyncio's own coroutines", () => {
    const { trace } = world.run(PROGRAM).result;
    const coros = [...trace.tasks.coro].map((s) => trace.strings[s]);
    assert.deepEqual(coros.slice(0, 5), [
      'main',
      'BaseEventLoop._create_server_getaddrinfo',
      'sleep',
      'BaseSelectorEventLoop._accept_connection2',
      'handle',
    ]);
    assert.deepEqual(coros.slice(6, 10), [
      'staggered_race.<locals>.run_one_coro',
      'staggered_race.<locals>.run_one_coro',
      'BaseSelectorEventLoop._accept_connection2',
      'handle',
    ]);
    // The resolving task is main's, at the start_server line; an accept task is the loop's.
    assert.deepEqual([trace.tasks.parent[1], trace.tasks.line[1]], [0, 12]);
    assert.deepEqual([trace.tasks.parent[3], trace.tasks.line[3]], [-1, 0]);
  });

  it('accept as asyncio does: a failing protocol factory drops the connection, unreported', () => {
    const run = world.run(`
import asyncio

def factory():
    raise ValueError('no protocol')

async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, '127.0.0.1', 8888)
    reader, writer = await asyncio.open_connection('127.0.0.1', 8888)
    print('connected, then read', await reader.read())
    writer.close()
    server.close()
    await server.wait_closed()

asyncio.run(main())
`);
    // CPython's _accept_connection2 reports it only in debug mode; the socket is dropped.
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, "connected, then read b''\n");
    assert.equal(rows(run, 'NET_ACCEPT').length, 0, 'no connection of the server was made');
  });
});

describe('name lookups', () => {
  const PROGRAM = `
import asyncio, socket

async def handle(reader, writer):
    writer.close()

async def main():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(handle, 'localhost', 8888)
    for host in ('127.0.0.1', 'localhost'):
        reader, writer = await asyncio.open_connection(host, 8888)
        print(host, await reader.read())
        writer.close()
    infos = await loop.getaddrinfo('localhost', 'https', type=socket.SOCK_STREAM)
    print(infos[0][4])
    try:
        await asyncio.open_connection('127.0.0.1', 'no-such-service')
    except socket.gaierror as exc:
        print('gaierror', exc.errno == socket.EAI_SERVICE)
    print(await loop.getnameinfo(('127.0.0.1', 22)))
    server.close()
    await server.wait_closed()

asyncio.run(main())
`;

  it("run in the default executor, as asyncio's do; a numeric address is not looked up", () => {
    const run = world.run(PROGRAM);
    assert.equal(run.stderr, '');
    // What python3 3.13 prints for it (the getnameinfo line aside, which needs /etc/services).
    assert.equal(
      run.stdout,
      [
        "127.0.0.1 b''",
        "localhost b''",
        "('127.0.0.1', 443)",
        'gaierror True',
        "('localhost', 'ssh')",
        '',
      ].join('\n'),
    );
    const jobs = rows(run, 'WORKER_START').map((r) => [r[1], str(run, r[3])]);
    const kind = '<SocketKind.SOCK_STREAM: 1>';
    assert.deepEqual(jobs, [
      // create_server's own lookup task: the line of the start_server call, not asyncio.run's.
      [9, `getaddrinfo('localhost', 8888, 0, ${kind}, ...)`],
      // open_connection('127.0.0.1', 8888) is not looked up; 'localhost' is.
      [11, `getaddrinfo('localhost', 8888, 0, ${kind}, ...)`],
      [14, `getaddrinfo('localhost', 'https', 0, ${kind}, ...)`],
      // A service name as the port is looked up even with a numeric address, and fails there.
      [17, `getaddrinfo('127.0.0.1', 'no-such-service', 0, ${kind}, ...)`],
      [20, "getnameinfo(('127.0.0.1', 22), 0)"],
    ]);
    // All on the default pool's one worker, each an executor future the caller waited on.
    const { trace } = run.result;
    const workers = run.resources.filter((r) => r[0] === 9).map((r) => r[1]);
    assert.deepEqual(workers, ['thread asyncio_0']);
    for (const r of rows(run, 'WORKER_START')) {
      assert.equal(trace.futures.kind[r[4]], 5, 'an executor future');
    }
  });
});

// QA: Fluent Python's blogdom.py probes domains with loop.getaddrinfo and prints those that
// raise socket.gaierror; in the simulated world every name resolved, so that path never ran.
describe('names with no address', () => {
  it('.invalid and set_unresolvable names fail as a name with no DNS record does, everywhere', () => {
    const program = `
import asyncio, socket
import aiohttp, httpx
import loopscope
loopscope.set_unresolvable('*.dev')

async def main():
    loop = asyncio.get_running_loop()
    for name in ('python.org', 'nosuch.invalid', 'def.dev', 'DEF.DEV.'):
        try:
            await loop.getaddrinfo(name, 80)
            print(name, 'resolves')
        except socket.gaierror as exc:
            print(name, exc.errno == socket.EAI_NONAME, exc)
    try:
        await asyncio.open_connection('nosuch.invalid', 80)
    except socket.gaierror as exc:
        print('open_connection', exc)
    async with aiohttp.ClientSession() as session:
        try:
            await session.get('http://none.dev/x')
        except aiohttp.ClientConnectorError as exc:
            print(type(exc).__name__, exc.host, exc)
    async with httpx.AsyncClient() as client:
        try:
            await client.get('http://nosuch.invalid/')
        except httpx.ConnectError as exc:
            print('httpx async', exc)
    try:
        httpx.get('http://x.dev/')
    except httpx.ConnectError as exc:
        print('httpx sync', exc)

asyncio.run(main())
`;
    const run = world.run(program);
    assert.equal(run.stderr, '');
    const none = '[Errno -2] Name or service not known';
    assert.equal(
      run.stdout,
      [
        'python.org resolves',
        `nosuch.invalid True ${none}`,
        `def.dev True ${none}`,
        `DEF.DEV. True ${none}`,
        `open_connection ${none}`,
        'ClientConnectorDNSError none.dev Cannot connect to host none.dev:80 ssl:default [Name or service not known]',
        `httpx async ${none}`,
        `httpx sync ${none}`,
        '',
      ].join('\n'),
    );
    // The setting is the run's: the next run resolves every name again, but .invalid.
    const next = world.run(`
import asyncio, socket

async def main():
    loop = asyncio.get_running_loop()
    for name in ('def.dev', 'x.invalid'):
        try:
            await loop.getaddrinfo(name, 80)
            print(name, 'resolves')
        except socket.gaierror:
            print(name, 'has no address')

asyncio.run(main())
`);
    assert.equal(next.stdout, 'def.dev resolves\nx.invalid has no address\n');
  });
});

// QA: ('127.0.0.1', 80) gave service '80' where CPython gives 'http'.
describe('loop.getnameinfo', () => {
  it('names well-known services as /etc/services does, and honours the NI_* flags', () => {
    const run = world.run(`
import asyncio, socket

async def main():
    loop = asyncio.get_running_loop()
    for port in (80, 443, 22, 8080, 8888):
        print(await loop.getnameinfo(('127.0.0.1', port)))
    print(await loop.getnameinfo(('127.0.0.1', 80), socket.NI_NUMERICSERV | socket.NI_NUMERICHOST))
    print(await loop.getnameinfo(('127.0.0.1', 53), socket.NI_DGRAM))
    try:
        await loop.getnameinfo(('10.9.9.9', 80), socket.NI_NAMEREQD)
    except socket.gaierror as exc:
        print('gaierror', exc.errno == socket.EAI_NONAME)

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        "('localhost', 'http')",
        "('localhost', 'https')",
        "('localhost', 'ssh')",
        "('localhost', 'http-alt')",
        "('localhost', '8888')",
        "('127.0.0.1', '80')",
        "('localhost', 'domain')",
        'gaierror True',
        '',
      ].join('\n'),
    );
  });
});

// QA: Fluent Python's flags3 examples read metadata['country'] and got a KeyError.
describe("the simulated flags site's metadata.json", () => {
  it("gives the country's name, code and domain that the book's examples read", () => {
    const run = world.run(`
import asyncio, httpx

async def get_country(client, base_url, cc):
    url = f'{base_url}/{cc}/metadata.json'.lower()
    resp = await client.get(url, timeout=3.1, follow_redirects=True)
    resp.raise_for_status()
    metadata = resp.json()
    return metadata['country']

async def main():
    async with httpx.AsyncClient() as client:
        for cc in ('BR', 'CD', 'GB'):
            print(cc, await get_country(client, 'https://www.fluentpython.com/data/flags', cc))
        print((await client.get('http://flupy.org/data/flags/jp/metadata.json')).json())

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        'BR Brazil',
        'CD Democratic Republic of the Congo',
        'GB United Kingdom',
        "{'country': 'Japan', 'iso_cc': 'JP', 'tld': '.jp'}",
        '',
      ].join('\n'),
    );
  });
});
