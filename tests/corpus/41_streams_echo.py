# A TCP echo server and client in one program, on 127.0.0.1 with an OS-chosen port.
import asyncio


async def handle(reader, writer):
    while True:
        line = await reader.readline()
        if not line:
            break
        print("server got", line)
        writer.write(line.upper())
        await writer.drain()
    print("server: client closed")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print("listening on a port:", port > 0)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for msg in (b"hello\n", b"asyncio streams\n", b"bye\n"):
        writer.write(msg)
        await writer.drain()
        print("client got", await reader.readline())
    writer.write_eof()
    print("client read after eof:", await reader.read())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    print("server closed, serving:", server.is_serving())


asyncio.run(main())
