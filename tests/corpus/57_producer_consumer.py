# The classic pipeline: a producer, a bounded queue, workers, sentinel shutdown, timing summary.
import asyncio


async def producer(q, n):
    for i in range(n):
        await asyncio.sleep(0.1)
        await q.put(i)
        print(f"produced {i}")
    for _ in range(2):
        await q.put(None)


async def worker(q, name, results):
    while True:
        item = await q.get()
        if item is None:
            print(f"{name} stops")
            return
        await asyncio.sleep(0.27)
        results.append((item, name))
        print(f"{name} finished {item}")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    q = asyncio.Queue(maxsize=2)
    results = []
    await asyncio.gather(producer(q, 5), worker(q, "A", results), worker(q, "B", results))
    print(sorted(results))
    print("elapsed", round(loop.time() - t0, 1))


asyncio.run(main())
