# Streams: a 1 MB echo with flow control, peer addresses, and the reader's line-length limit.
import asyncio
import hashlib


async def echo(reader, writer):
    peer = writer.get_extra_info("peername")
    print("server sees a client from", peer[0])
    while data := await reader.read(65536):
        writer.write(data)
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def send_all(writer, payload):
    for i in range(0, len(payload), 100_000):
        writer.write(payload[i:i + 100_000])
        await writer.drain()
    writer.write_eof()


async def main():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    peer = writer.get_extra_info("peername")
    print("client peer is the server:", peer == ("127.0.0.1", port))
    payload = bytes(range(256)) * 4096  # 1 MiB
    sender = asyncio.create_task(send_all(writer, payload))
    received = await reader.read(-1)
    await sender
    print("echoed bytes:", len(received), "same:", hashlib.sha256(received).hexdigest() == hashlib.sha256(payload).hexdigest())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()

    async def long_line(reader, writer):
        writer.write(b"x" * 200 + b"\nshort\n")
        await writer.drain()
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(long_line, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=64)
    try:
        await reader.readuntil(b"\n")
    except asyncio.LimitOverrunError as e:
        print("LimitOverrunError, consumed:", e.consumed)
    try:
        await reader.readline()
    except ValueError as e:
        print("readline over the limit raises", type(e).__name__)
    rest = await reader.read()
    print("rest ends with:", rest[-6:])
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
