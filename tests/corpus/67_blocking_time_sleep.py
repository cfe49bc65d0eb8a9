# time.sleep inside a coroutine blocks the whole loop: the other task's timer fires late.
import asyncio
import time


async def ticker(loop, t0, log):
    for _ in range(3):
        await asyncio.sleep(0.3)
        log.append(round(loop.time() - t0, 1))


async def blocker():
    await asyncio.sleep(0.2)
    print("blocking for 0.5 s")
    time.sleep(0.5)
    print("unblocked")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []
    await asyncio.gather(ticker(loop, t0, log), blocker())
    print("ticker woke at", log)
    print("total", round(loop.time() - t0, 1))


asyncio.run(main())
