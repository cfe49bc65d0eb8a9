# PriorityQueue returns the smallest item first.
import asyncio


async def main():
    q = asyncio.PriorityQueue()
    for item in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent")]:
        q.put_nowait(item)
    print("size", q.qsize())
    while not q.empty():
        print(await q.get())
        q.task_done()

    async def late_put():
        await asyncio.sleep(0.1)
        await q.put((5, "late"))

    asyncio.create_task(late_put())
    print("blocked get receives:", await q.get())
    q.task_done()
    await q.join()
    print("joined")


asyncio.run(main())
