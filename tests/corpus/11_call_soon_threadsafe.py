# call_soon_threadsafe from the loop's own thread queues like call_soon, FIFO with it.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    order = []
    done = loop.create_future()
    loop.call_soon(order.append, 1)
    loop.call_soon_threadsafe(order.append, 2)
    loop.call_soon(order.append, 3)
    h = loop.call_soon_threadsafe(order.append, "cancelled")
    h.cancel()
    loop.call_soon_threadsafe(order.append, 4)
    loop.call_soon_threadsafe(done.set_result, "woken")
    print(await done)
    print(order)


asyncio.run(main())
