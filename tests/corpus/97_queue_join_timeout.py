# Effective Python's worker pool on an asyncio.Queue: a bounded queue, join(), cancelling idle
# workers, gather(return_exceptions=True), then asyncio.timeout turning a CancelledError into a
# TimeoutError outside the block.
import asyncio


async def worker(q, results):
    while True:
        item = await q.get()
        try:
            await asyncio.sleep(item / 10)
            results.append(item * item)
        finally:
            q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    results = []
    workers = [asyncio.create_task(worker(q, results)) for _ in range(3)]
    for i in range(7):
        await q.put(i)
    await q.join()
    for w in workers:
        w.cancel()
    res = await asyncio.gather(*workers, return_exceptions=True)
    print(sorted(results), [type(r).__name__ for r in res])
    async with asyncio.timeout(0.1) as cm:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("cancelled inside the timeout block")
            raise
    print("unreachable")


try:
    asyncio.run(main())
except TimeoutError:
    print("TimeoutError escaped the block")
