# Queue.shutdown (3.13+): blocked getters and putters wake with QueueShutDown.
import asyncio


async def main():
    q = asyncio.Queue(maxsize=1)
    await q.put("kept")

    async def getter(name):
        try:
            while True:
                item = await q.get()
                print(name, "got", item)
                q.task_done()
        except asyncio.QueueShutDown:
            print(name, "sees QueueShutDown")

    async def putter():
        try:
            await q.put("blocked")
            print("putter put (not expected)")
        except asyncio.QueueShutDown:
            print("putter sees QueueShutDown")

    p = asyncio.create_task(putter())
    await asyncio.sleep(0.1)
    q.shutdown()
    try:
        q.put_nowait("after")
    except asyncio.QueueShutDown:
        print("put_nowait after shutdown: QueueShutDown")
    await p
    # Items queued before shutdown can still be taken.
    await asyncio.gather(getter("g1"), getter("g2"))
    await q.join()
    print("joined")

    q2 = asyncio.Queue()
    for i in range(3):
        q2.put_nowait(i)
    q2.shutdown(immediate=True)
    print("immediate shutdown drops items, size:", q2.qsize())
    await q2.join()
    print("join returns at once")


asyncio.run(main())
