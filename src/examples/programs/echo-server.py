import asyncio


async def handle(reader, writer):
    host, port = writer.get_extra_info("peername")[:2]
    while line := await reader.readline():
        print(f"server: {line!r} from {host}")
        writer.write(line.upper())
        await writer.drain()
    print("server: client said goodbye")
    writer.close()


async def client(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for word in ("hello", "event loop"):
        writer.write(f"{word}\n".encode())
        await writer.drain()
        reply = await reader.readline()
        print("client:", reply.decode().strip())
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 8888)
    async with server:
        await client(8888)


asyncio.run(main())
