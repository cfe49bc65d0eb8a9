# time.sleep inside a coroutine blocks the whole loop: the other task's timer fires late.
# (Whole seconds: a blocked real loop on a busy machine can overshoot by tens of milliseconds.)
import asyncio
import time


async def ticker(loop, t0, log):
    for _ in range(3):
        await asyncio.sleep(1.0)
        log.append(loop.time() - t0)


async def blocker():
    await asyncio.sleep(0.1)
    print("blocking for 2 s")
    time.sleep(2.0)
    print("unblocked")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []
    await asyncio.gather(ticker(loop, t0, log), blocker())
    # Gaps rather than absolute times after the block: drift does not pile up in them.
    print("first tick at", round(log[0]), "s (due at 1, blocked until 2.1)")
    print("gaps after it:", [round(b - a) for a, b in zip(log, log[1:])])


asyncio.run(main())
