# transport.abort() on Linux closes the socket without lingering: the peer sees a normal end
# (EOF) when everything it sent was read, and a reset only when data it sent was never read.
# A close() with unread data resets the connection too.
import asyncio


async def abort_after_line(reader, writer):
    print("server got", await reader.readline())
    writer.write(b"sent before the abort")
    writer.transport.abort()
    print("server transport closing:", writer.transport.is_closing())


class Watcher(asyncio.Protocol):
    def __init__(self, done):
        self.done = done

    def data_received(self, data):
        print("client protocol got", data)

    def eof_received(self):
        print("client protocol: eof_received")

    def connection_lost(self, exc):
        print("client protocol: connection_lost", repr(exc))
        self.done.set_result(None)


class Unread(asyncio.Protocol):
    """Never reads: what the client sends stays unread in the socket."""

    def connection_made(self, transport):
        transport.pause_reading()
        servers.append(transport)

    def connection_lost(self, exc):
        print("unread server lost:", repr(exc))


servers = []


async def main():
    loop = asyncio.get_running_loop()

    server = await asyncio.start_server(abort_after_line, "127.0.0.1", 9213)
    reader, writer = await asyncio.open_connection("127.0.0.1", 9213)
    writer.write(b"one line\n")
    print("stream client read:", await reader.read())
    writer.close()
    server.close()
    await server.wait_closed()

    server = await loop.create_server(lambda: abort_after_line_protocol(), "127.0.0.1", 9214)
    done = loop.create_future()
    transport, _ = await loop.create_connection(lambda: Watcher(done), "127.0.0.1", 9214)
    transport.write(b"ping")
    await done
    server.close()
    await server.wait_closed()

    for how in ("abort", "close"):
        server = await loop.create_server(Unread, "127.0.0.1", 9215)
        reader, writer = await asyncio.open_connection("127.0.0.1", 9215)
        writer.write(b"never read")
        await asyncio.sleep(0.1)  # the bytes reach the server's socket
        getattr(servers.pop(), how)()
        try:
            print(how, "with unread data: client read", await reader.read())
        except ConnectionResetError as exc:
            print(how, "with unread data: client read raised", repr(exc))
        writer.close()
        server.close()
        await server.wait_closed()


class AbortOnData(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        print("server protocol got", data, "and aborts")
        self.transport.abort()

    def connection_lost(self, exc):
        print("server protocol lost:", repr(exc))


def abort_after_line_protocol():
    return AbortOnData()


asyncio.run(main())
