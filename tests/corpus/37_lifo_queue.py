# LifoQueue returns the most recent item first; task_done/join as usual.
import asyncio


async def main():
    q = asyncio.LifoQueue(maxsize=3)
    for i in range(3):
        await q.put(i)
    print("full:", q.full())

    async def putter():
        print("putter blocked")
        await q.put(99)
        print("putter unblocked")

    t = asyncio.create_task(putter())
    await asyncio.sleep(0.1)
    print("get", await q.get())
    await asyncio.sleep(0)
    await t
    out = []
    while not q.empty():
        out.append(q.get_nowait())
    print("rest", out)
    for _ in range(4):
        q.task_done()
    await q.join()
    print("joined")


asyncio.run(main())
