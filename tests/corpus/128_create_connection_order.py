# The client side of loop.create_connection, callback by callback.  asyncio connects the socket
# first; its task then resumes, makes the protocol and sets the transport up, which schedules
# connection_made, then reading, then the wake-up of create_connection, each a callback of its
# own.  So the protocol is made one iteration before connection_made, create_connection returns
# one iteration after it, and a greeting the server sent at once is read only after that.
# A call_soon probe started in the protocol factory counts the iterations.
import asyncio


def probe(n):
    print('probe', n)
    if n < 2:
        asyncio.get_running_loop().call_soon(probe, n + 1)


async def greet(reader, writer):
    writer.write(b'hello\n')
    await writer.drain()
    print('server read', await reader.read())
    writer.close()
    await writer.wait_closed()


class Client(asyncio.Protocol):
    def __init__(self, done):
        print('protocol made')
        probe(0)
        self.done = done

    def connection_made(self, transport):
        print('connection_made')
        self.transport = transport

    def data_received(self, data):
        print('data_received', data)
        self.transport.write(b'bye')
        self.transport.write_eof()

    def eof_received(self):
        print('eof_received')

    def connection_lost(self, exc):
        print('connection_lost', exc)
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(greet, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    done = loop.create_future()
    print('create_connection called')
    transport, protocol = await loop.create_connection(lambda: Client(done), '127.0.0.1', port)
    print('create_connection returned', type(protocol).__name__)
    await done
    server.close()
    await server.wait_closed()
    print('done')


asyncio.run(main())
