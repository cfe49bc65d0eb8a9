# One read takes all the data that has arrived: a message written in parts in one callback
# reaches the peer's data_received in one call, as does everything sent while the receiver
# paused reading.
import asyncio


class EchoServer(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        print("server: data_received", data)
        self.transport.write(data)

    def eof_received(self):
        print("server: eof_received")
        if self.transport.can_write_eof():
            self.transport.write_eof()


class EchoClient(asyncio.Protocol):
    def __init__(self, messages, done):
        self.messages = messages
        self.done = done

    def connection_made(self, transport):
        for part in self.messages:
            transport.write(part)
        transport.write_eof()

    def data_received(self, data):
        print("client: data_received", data)

    def eof_received(self):
        print("client: eof_received")

    def connection_lost(self, exc):
        print("client: connection_lost", exc)
        self.done.set_result(None)


class Paused(asyncio.Protocol):
    def connection_made(self, transport):
        transport.pause_reading()
        paused.append(transport)

    def data_received(self, data):
        print("paused server: data_received", data)
        got.set()


paused = []
got = asyncio.Event()


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(EchoServer, "127.0.0.1", 9216)
    done = loop.create_future()
    parts = [b"This is the message. ", b"It will be ", b"sent in parts."]
    await loop.create_connection(lambda: EchoClient(parts, done), "127.0.0.1", 9216)
    await done
    server.close()
    await server.wait_closed()

    server = await loop.create_server(Paused, "127.0.0.1", 9217)
    reader, writer = await asyncio.open_connection("127.0.0.1", 9217)
    writer.write(b"hello")
    await asyncio.sleep(0.05)
    writer.write(b" world")
    await asyncio.sleep(0.05)
    transport = paused.pop()
    print("reading:", transport.is_reading())
    transport.resume_reading()
    await got.wait()
    print("reading:", transport.is_reading())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
