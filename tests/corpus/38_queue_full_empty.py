# Bounded queue: put waits for space, get waits for items; *_nowait raise QueueFull/QueueEmpty.
import asyncio


async def main():
    q = asyncio.Queue(maxsize=2)
    print("maxsize", q.maxsize, "empty", q.empty())
    q.put_nowait("a")
    q.put_nowait("b")
    try:
        q.put_nowait("c")
    except asyncio.QueueFull:
        print("QueueFull")

    async def put(item):
        await q.put(item)
        print("put done", item)

    putters = [asyncio.create_task(put(x)) for x in ("c", "d")]
    await asyncio.sleep(0.1)
    print("putters waiting:", [not t.done() for t in putters])
    for _ in range(4):
        print("got", await q.get())
        await asyncio.sleep(0)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")

    async def get():
        item = await q.get()
        print("getter got", item)

    getters = [asyncio.create_task(get()) for _ in range(2)]
    await asyncio.sleep(0.1)
    q.put_nowait("e")
    q.put_nowait("f")
    await asyncio.gather(*getters)
    await asyncio.gather(*putters)


asyncio.run(main())
