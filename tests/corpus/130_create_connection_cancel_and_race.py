# create_connection after the socket has connected: the protocol factory runs in the caller's
# task (also with happy_eyeballs_delay, where only the connect attempts run in tasks of their
# own), and a cancellation that arrives while create_connection waits for the transport closes
# the transport: connection_made has run, connection_lost follows, the server sees the end.
import asyncio


def probe(n):
    print('probe', n)
    if n < 2:
        asyncio.get_running_loop().call_soon(probe, n + 1)


async def serve(reader, writer):
    print('server read', await reader.read())
    writer.close()
    await writer.wait_closed()
    served.set_result(None)


class Client(asyncio.Protocol):
    def __init__(self, lost, cancel=None):
        print('protocol made in', asyncio.current_task().get_name())
        probe(0)
        self.lost = lost
        if cancel is not None:
            cancel.cancel()

    def connection_made(self, transport):
        print('connection_made')
        self.transport = transport

    def connection_lost(self, exc):
        print('connection_lost', exc)
        self.lost.set_result(None)


async def main():
    global served
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(serve, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]

    lost, served = loop.create_future(), loop.create_future()
    transport, protocol = await loop.create_connection(
        lambda: Client(lost), '127.0.0.1', port, happy_eyeballs_delay=0.25
    )
    print('race returned', type(protocol).__name__)
    transport.write(b'raced')
    transport.close()
    await lost
    await served

    lost, served = loop.create_future(), loop.create_future()
    caller = asyncio.current_task()
    try:
        await loop.create_connection(lambda: Client(lost, caller), '127.0.0.1', port)
    except asyncio.CancelledError:
        print('create_connection cancelled')
        caller.uncancel()
    await lost
    await served

    server.close()
    await server.wait_closed()
    print('done')


asyncio.run(main())
