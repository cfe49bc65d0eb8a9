import asyncio


async def producer(queue):
    for n in range(1, 6):
        await queue.put(f"order-{n}")
        print(f"producer: put order-{n}, queue size {queue.qsize()}")
        await asyncio.sleep(0.05)


async def packer(name, queue):
    while True:
        order = await queue.get()
        await asyncio.sleep(0.2)
        print(f"{name}: packed {order}")
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    packers = [asyncio.create_task(packer(n, queue)) for n in ("left", "right")]
    await producer(queue)
    await queue.join()
    for p in packers:
        p.cancel()
    print("all orders packed")


asyncio.run(main())
