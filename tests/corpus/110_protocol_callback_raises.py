# A Protocol whose data_received or eof_received raises: asyncio reports the error to the loop's
# exception handler (stderr, not compared) and closes the connection, so the protocol's
# connection_lost gets the exception and the client reads EOF instead of waiting for ever.
import asyncio


class BadData(asyncio.Protocol):
    def data_received(self, data):
        raise ValueError(f"cannot parse {data!r}")

    def connection_lost(self, exc):
        print("data server lost:", repr(exc))


class BadEof(asyncio.Protocol):
    def data_received(self, data):
        print("eof server got", data)

    def eof_received(self):
        raise RuntimeError("no EOF wanted")

    def connection_lost(self, exc):
        print("eof server lost:", repr(exc))


class QuietOSError(asyncio.Protocol):
    def data_received(self, data):
        raise ConnectionAbortedError("given up")

    def connection_lost(self, exc):
        print("oserror server lost:", repr(exc))


async def main():
    loop = asyncio.get_running_loop()
    errors = []
    loop.set_exception_handler(lambda loop, context: errors.append(context))

    server = await loop.create_server(BadData, "127.0.0.1", 9210)
    reader, writer = await asyncio.open_connection("127.0.0.1", 9210)
    writer.write(b"hello")
    print("client read:", await reader.read())
    writer.close()
    server.close()
    await server.wait_closed()

    server = await loop.create_server(BadEof, "127.0.0.1", 9211)
    reader, writer = await asyncio.open_connection("127.0.0.1", 9211)
    writer.write(b"bye")
    writer.write_eof()
    print("client read:", await reader.read())
    writer.close()
    server.close()
    await server.wait_closed()

    # An OSError is not reported to the handler (only logged in debug mode).
    server = await loop.create_server(QuietOSError, "127.0.0.1", 9212)
    reader, writer = await asyncio.open_connection("127.0.0.1", 9212)
    writer.write(b"x")
    print("client read:", await reader.read())
    writer.close()
    server.close()
    await server.wait_closed()

    for context in errors:
        print("handler:", context["message"], repr(context["exception"]))
        print("  with", sorted(k for k in context if k not in ("message", "exception")))
        print("  protocol:", type(context["protocol"]).__name__)
        print("  transport closing:", context["transport"].is_closing())


asyncio.run(main())
