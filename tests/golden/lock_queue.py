import asyncio


async def producer(queue, n):
    for i in range(n):
        await queue.put(i)
        print(f"put {i}")
    await queue.put(None)


async def consumer(queue, lock, results):
    while (item := await queue.get()) is not None:
        async with lock:
            await asyncio.sleep(0.1)
            results.append(item * 10)


async def main():
    queue = asyncio.Queue(maxsize=2)
    lock = asyncio.Lock()
    results = []
    await asyncio.gather(producer(queue, 4), consumer(queue, lock, results))
    print(results)


asyncio.run(main())
