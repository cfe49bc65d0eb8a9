# connection_made runs as a callback of its own: when it raises, asyncio reports "Exception in
# callback ..." to the loop's exception handler and the connection goes on, on both ends.
import asyncio


class Server(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        raise ValueError("server not ready")

    def data_received(self, data):
        self.transport.write(data.upper())


class Client(asyncio.Protocol):
    def __init__(self, got):
        self.got = got

    def connection_made(self, transport):
        transport.write(b"ping")
        raise RuntimeError("client not ready")

    def data_received(self, data):
        self.got.set_result(data)


async def main():
    loop = asyncio.get_running_loop()
    errors = []
    loop.set_exception_handler(lambda loop, context: errors.append(context))
    server = await loop.create_server(Server, "127.0.0.1", 9219)
    got = loop.create_future()
    transport, protocol = await loop.create_connection(lambda: Client(got), "127.0.0.1", 9219)
    print("connected:", type(protocol).__name__, transport.is_closing())
    print("client got:", await got)
    transport.close()
    server.close()
    await server.wait_closed()
    for context in sorted(errors, key=lambda c: c["message"]):
        print(context["message"], repr(context["exception"]), sorted(context))


asyncio.run(main())
