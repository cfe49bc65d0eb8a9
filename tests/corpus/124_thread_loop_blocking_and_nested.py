# A thread's own loop may block (time.sleep) and use to_thread itself: that time is the worker's,
# while the main loop's task keeps going.
import asyncio
import time


async def inner():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    time.sleep(0.2)  # blocks the thread's own loop, not the main one
    nested = await asyncio.to_thread(lambda: time.sleep(0.1) or "nested")
    return nested, round(loop.time() - t0, 1)


def job():
    return asyncio.run(inner())


async def steady(log):
    for _ in range(4):
        await asyncio.sleep(0.12)
        log.append("main loop step")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []

    async def run_job():
        result = await asyncio.to_thread(job)
        log.append(f"job done: {result}")

    await asyncio.gather(run_job(), steady(log))
    print(log)
    print("elapsed", round(loop.time() - t0, 1))


asyncio.run(main())
