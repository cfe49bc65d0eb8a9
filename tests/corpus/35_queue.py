# Queue with producers and consumers; join() waits for every task_done().
import asyncio


async def producer(q, name, n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        await q.put(f"{name}{i}")
        print("put", f"{name}{i}", "size", q.qsize())


async def consumer(q, name, log):
    while True:
        item = await q.get()
        await asyncio.sleep(0.15)
        log.append(item)
        print(name, "handled", item)
        q.task_done()


async def main():
    q = asyncio.Queue()
    log = []
    consumers = [asyncio.create_task(consumer(q, f"c{i}", log)) for i in range(2)]
    await asyncio.gather(producer(q, "p", 3, 0.1), producer(q, "r", 2, 0.13))
    print("producers done, unfinished items remain:", q.qsize())
    await q.join()
    print("joined, handled:", sorted(log))
    for c in consumers:
        c.cancel()
    res = await asyncio.gather(*consumers, return_exceptions=True)
    print([type(r).__name__ for r in res])
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
