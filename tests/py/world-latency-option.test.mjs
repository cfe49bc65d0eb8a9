// Run options reach the simulated world: remoteLatency / loopbackLatency (seconds, one way; the
// page derives them from a share link's `latency` in ms) change when responses arrive.
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
});
