# asyncio.run() in jobs of a ThreadPoolExecutor used from plain code: each worker runs its own
# loop; the pool of two finishes three jobs in two rounds.
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


async def download(n):
    await asyncio.sleep(0.2 * n)
    parts = await asyncio.gather(*(asyncio.sleep(0.1, result=f"{n}.{i}") for i in range(2)))
    return parts


def job(n):
    return asyncio.run(download(n))


t0 = time.monotonic()
with ThreadPoolExecutor(max_workers=2) as pool:
    for parts in pool.map(job, [1, 2, 1]):
        print(parts, round(time.monotonic() - t0, 1))
print("elapsed", round(time.monotonic() - t0, 1))
