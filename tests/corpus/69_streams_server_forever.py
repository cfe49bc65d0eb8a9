# serve_forever in a task, clients one after another, then cancel; refused connection afterwards.
import asyncio

served = []


async def handle(reader, writer):
    name = (await reader.readline()).decode().strip()
    served.append(name)
    writer.write(f"hello {name}, you are client {len(served)}\n".encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, name):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{name}\n".encode())
    await writer.drain()
    reply = await reader.readline()
    print("client", name, "got", reply.decode().strip())
    print("then EOF:", await reader.read())
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    forever = asyncio.create_task(server.serve_forever())
    await asyncio.sleep(0)
    print("serving:", server.is_serving())
    for name in ("ann", "bob", "cy"):
        await client(port, name)
    forever.cancel()
    try:
        await forever
    except asyncio.CancelledError:
        print("serve_forever cancelled")
    print("serving:", server.is_serving(), "served:", served)
    await server.wait_closed()
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError:
        print("connection refused after close")


asyncio.run(main())
