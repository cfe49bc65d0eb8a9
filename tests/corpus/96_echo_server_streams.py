# The asyncio docs' TCP echo server and client (start_server / open_connection), two clients in
# turn, on a port the system picks; peername, EOF and wait_closed as the docs use them.
import asyncio


async def handle_echo(reader, writer):
    data = await reader.read(100)
    message = data.decode()
    addr = writer.get_extra_info("peername")
    print(f"server: received {message!r} from {addr[0]}")
    writer.write(data.upper())
    await writer.drain()
    print("server: eof from client:", await reader.read() == b"")
    writer.close()
    await writer.wait_closed()


async def client(port, message):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    print(f"client: send {message!r}")
    writer.write(message.encode())
    await writer.drain()
    data = await reader.read(100)
    print(f"client: received {data.decode()!r}")
    writer.write_eof()
    print("client: eof from server:", await reader.read() == b"")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print("serving:", server.is_serving(), port > 0)
    async with server:
        await client(port, "Hello World!")
        await client(port, "second")
    print("serving after close:", server.is_serving())


asyncio.run(main())
