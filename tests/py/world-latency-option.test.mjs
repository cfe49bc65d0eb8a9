// Run options reach the simulated world: remoteLatency / loopbackLatency (seconds, one way) and
// jitter (seconds of random extra delay; the page derives all three from a share link's `latency`
// and `jitter` in ms) change when responses arrive.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { boot, rows } from './world-helpers.mjs';

let world;
before(async () => {
  world = await boot();
});

// Raw HTTP over open_connection to a host on the simulated internet: plain TCP, so every
// message pays the remote one-way latency (aiohttp's client answers after its own per-URL delay).
const HTTP = `
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    reader, writer = await asyncio.open_connection('example.com', 80)
    writer.write(b'GET /data.json HTTP/1.1\\r\\nHost: example.com\\r\\nConnection: close\\r\\n\\r\\n')
    await writer.drain()
    status = await reader.readline()
    await reader.read()
    print(round(loop.time(), 4), status.decode().strip())
    writer.close()

asyncio.run(main())
`;

const ECHO = `
import asyncio

async def handle(reader, writer):
    writer.write(await reader.readline())
    await writer.drain()
    writer.close()

async def main():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(handle, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        writer.write(b'ping\\n')
        await reader.readline()
        print(round(loop.time(), 4))
        writer.close()

asyncio.run(main())
`;

// Ten downloads from the simulated internet through aiohttp, each printing when it finished.
const DOWNLOADS = `
import asyncio, aiohttp

async def get(session, i):
    async with session.get(f'http://flags.example.com/{i}.gif') as resp:
        await resp.read()
    return round(asyncio.get_running_loop().time(), 6)

async def main():
    async with aiohttp.ClientSession() as session:
        print(*await asyncio.gather(*(get(session, i) for i in range(10))))

asyncio.run(main())
`;

const times = (run) => {
  assert.equal(run.stderr, '');
  return run.stdout.trim().split(' ').map(Number);
};

const arrival = (run) => {
  assert.equal(run.stderr, '');
  return Number(run.stdout.trim().split(' ')[0]);
};

describe('network latency run options', () => {
  it('remoteLatency delays an open_connection response from a remote host', () => {
    const plain = world.run(HTTP);
    const slow = world.run(HTTP, { remoteLatency: 0.5 });
    const base = arrival(plain);
    const late = arrival(slow);
    assert.match(plain.stdout, / HTTP\/1\.1 200 OK\n$/);
    // Connect, request and response each cross the network at least once: two trips at least.
    assert.ok(late - base >= 2 * (0.5 - 0.03) - 1e-9, `${base} s → ${late} s`);
    // The receive event itself moved, not only the print.
    assert.ok(rows(slow, 'NET_RECV')[0][0] > rows(plain, 'NET_RECV')[0][0] + 0.9);
    // The option is per run: the next run without it is back to the default.
    assert.equal(arrival(world.run(HTTP)), base);
  });

  it('loopbackLatency delays an open_connection round trip to a local server', () => {
    const base = arrival(world.run(ECHO));
    const late = arrival(world.run(ECHO, { loopbackLatency: 0.25 }));
    assert.ok(late - base >= 2 * (0.25 - 0.002) - 1e-9, `${base} s → ${late} s`);
    // A remote latency leaves loopback traffic alone.
    assert.equal(arrival(world.run(ECHO, { remoteLatency: 5 })), base);
  });

  it('with loopbackLatency 0 a loopback exchange interleaves with sleep(0) steps as on CPython', () => {
    const source = `
import asyncio

async def ticker():
    for i in range(8):
        print('tick', i)
        await asyncio.sleep(0)

async def handle(reader, writer):
    print('server got', await reader.readline())
    writer.write(b'pong\\n')
    await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', 8899)
    t = asyncio.create_task(ticker())
    reader, writer = await asyncio.open_connection('127.0.0.1', 8899)
    print('client connected')
    writer.write(b'ping\\n')
    print('client got', await reader.readline())
    writer.close()
    await t
    server.close()

asyncio.run(main())
`;
    // What python3 3.13 prints: the handshake completes in the iteration after the connect.
    const cpython = [
      'tick 0',
      'tick 1',
      'tick 2',
      'tick 3',
      'client connected',
      'tick 4',
      'tick 5',
      "server got b'ping\\n'",
      'tick 6',
      'tick 7',
      "client got b'pong\\n'",
      '',
    ].join('\n');
    const run = world.run(source, { loopbackLatency: 0 });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, cpython);
    // With the default 2 ms every tick runs before the first message arrives.
    assert.match(world.run(source).stdout, /^(tick \d\n){8}client connected\n/);
  });

  it('with loopbackLatency 0 an EOF behind data is read an iteration later, as on CPython', () => {
    // PyMOTW's protocol echo: the client writes its message in parts, then write_eof, in
    // connection_made; the server echoes the data and answers the EOF with its own.
    const source = `
import asyncio

class EchoServer(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
    def data_received(self, data):
        print('server received', data)
        self.transport.write(data)
    def eof_received(self):
        print('server received EOF')
        self.transport.write_eof()
    def connection_lost(self, exc):
        print('server closing')

class EchoClient(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
    def connection_made(self, transport):
        self.transport = transport
        for part in (b'This is the message. ', b'It will be sent ', b'in parts.'):
            transport.write(part)
        transport.write_eof()
    def data_received(self, data):
        print('client received', data)
    def eof_received(self):
        print('client received EOF')
        self.transport.close()
    def connection_lost(self, exc):
        print('client closed')
        self.done.set_result(True)

async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(EchoServer, '127.0.0.1', 10000)
    done = loop.create_future()
    await loop.create_connection(lambda: EchoClient(done), '127.0.0.1', 10000)
    await done
    server.close()
    await server.wait_closed()

asyncio.run(main())
`;
    // What python3 3.13 prints. recv() returns the data; the EOF that came with it is read by
    // the server socket's next callback, which epoll reports before the client socket the echo
    // made ready; the server's connection_lost is scheduled by that read, so it comes after
    // the client's.
    const message = "b'This is the message. It will be sent in parts.'";
    const cpython = [
      `server received ${message}`,
      'server received EOF',
      `client received ${message}`,
      'server closing',
      'client received EOF',
      'client closed',
      '',
    ].join('\n');
    const run = world.run(source, { loopbackLatency: 0 });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, cpython);
  });

  it('remoteLatency replaces the simulated internet per-URL delay with a round trip', () => {
    const plain = times(world.run(DOWNLOADS));
    // The default: 50-150 ms fixed per URL, so the ten finish at different times.
    assert.ok(new Set(plain).size > 1, `${plain}`);
    for (const t of plain) assert.ok(t >= 0.05 && t <= 0.15, `${plain}`);
    // A chosen remote latency applies to aiohttp too: request out, answer back.
    for (const t of times(world.run(DOWNLOADS, { remoteLatency: 0.4 }))) assert.equal(t, 0.8);
  });

  it('jitter spreads arrivals by a seeded random delay, the same for the same seed', () => {
    const fixed = times(world.run(DOWNLOADS, { remoteLatency: 0.4 }));
    const a = times(world.run(DOWNLOADS, { remoteLatency: 0.4, jitter: 0.1 }));
    const again = times(world.run(DOWNLOADS, { remoteLatency: 0.4, jitter: 0.1 }));
    const other = times(world.run(DOWNLOADS, { remoteLatency: 0.4, jitter: 0.1, seed: 9 }));
    assert.deepEqual(again, a, 'same code, same options: same run');
    assert.notDeepEqual(other, a, 'another seed draws other delays');
    assert.ok(new Set(a).size > 5, `${a}`);
    a.forEach((t, i) => assert.ok(t >= fixed[i] && t < fixed[i] + 0.1, `${a}`));
  });

  it('jitter keeps the messages of one connection in order', () => {
    const program = `
import asyncio

async def handle(reader, writer):
    for i in range(20):
        writer.write(f'{i}\\n'.encode())
    await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        print((await reader.read()).decode().split())
        writer.close()

asyncio.run(main())
`;
    const run = world.run(program, { jitter: 0.05 });
    assert.equal(run.stderr, '');
    const expected = Array.from({ length: 20 }, (_, i) => `'${i}'`).join(', ');
    assert.equal(run.stdout.trim(), `[${expected}]`);
    // The run did draw delays: the server's data did not all arrive at one instant.
    assert.ok(new Set(rows(run, 'NET_RECV').map((r) => r[0])).size > 1);
  });

  it('the program can set them with loopscope.set_default_latency', () => {
    const program = `import loopscope\nloopscope.set_default_latency(remote=0.25)\n` + DOWNLOADS;
    for (const t of times(world.run(program))) assert.equal(t, 0.5);
    const bad = world.run(`import loopscope\nloopscope.set_default_latency(jitter=-1)\n`);
    assert.match(bad.stderr, /ValueError: jitter latency must be non-negative/);
  });
});
