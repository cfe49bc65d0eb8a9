# A server that stops on SIGTERM or SIGINT (loop.add_signal_handler + an Event).
import asyncio, os, signal

async def handle(reader, writer):
    data = await reader.readline()
    writer.write(data.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()

async def client():
    r, w = await asyncio.open_connection('127.0.0.1', 8888)
    w.write(b'hello\n')
    print('client got', await r.readline())
    w.close()
    await w.wait_closed()
    os.kill(os.getpid(), signal.SIGTERM)

async def main():
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    server = await asyncio.start_server(handle, '127.0.0.1', 8888)
    async with server:
        asyncio.create_task(client())
        await stop.wait()
        print('stopping on signal')
    print('removed', loop.remove_signal_handler(signal.SIGTERM), loop.remove_signal_handler(signal.SIGTERM))

asyncio.run(main())
