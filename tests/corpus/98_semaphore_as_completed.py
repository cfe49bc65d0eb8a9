# Concurrent downloads limited by a Semaphore, results taken with as_completed: the order of
# starts and finishes follows the sleeps, three at a time.
import asyncio

CONCURRENCY = 3


async def download(name, sem, delay):
    async with sem:
        print(f"start {name}")
        await asyncio.sleep(delay)
        print(f"done {name}")
        return len(name)


async def main():
    sem = asyncio.Semaphore(CONCURRENCY)
    names = [f"file{i}.bin" for i in range(8)]
    tasks = [asyncio.create_task(download(n, sem, 0.1 * (i + 1))) for i, n in enumerate(names)]
    total = 0
    for coro in asyncio.as_completed(tasks):
        total += await coro
    print("total", total, "locked at the end:", sem.locked())


asyncio.run(main())
