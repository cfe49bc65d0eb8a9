# Stream readers: readline, readexactly, readuntil, read(n), IncompleteReadError and EOF.
import asyncio


async def handle(reader, writer):
    writer.write(b"line one\nline two\n")
    writer.write(b"12345ABCDE")
    writer.write(b"key=value;rest")
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        print(await reader.readline())
        print(await reader.readline())
        print(await reader.readexactly(5))
        print(await reader.readexactly(5))
        print(await reader.readuntil(b"="))
        try:
            await reader.readexactly(100)
        except asyncio.IncompleteReadError as e:
            print("IncompleteReadError:", e.partial, e.expected, len(e.partial))
        print("at_eof:", reader.at_eof())
        print("read at eof:", await reader.read(10))
        print("readline at eof:", await reader.readline())
        try:
            await reader.readexactly(1)
        except asyncio.IncompleteReadError as e:
            print("IncompleteReadError at eof:", e)
        writer.close()
        await writer.wait_closed()
    print("done")


asyncio.run(main())
