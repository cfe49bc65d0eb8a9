# loop.time() differences around sleeps, rounded to 0.1 s.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await asyncio.sleep(0.5)
    print("after 0.5:", round(loop.time() - t0, 1))
    await asyncio.gather(asyncio.sleep(0.3), asyncio.sleep(0.6))
    print("after gather of 0.3 and 0.6:", round(loop.time() - t0, 1))
    t1 = loop.time()
    for _ in range(3):
        await asyncio.sleep(0.2)
    print("three sleeps of 0.2:", round(loop.time() - t1, 1))
    print("clock is monotonic:", loop.time() >= t1)
    t2 = loop.time()
    await asyncio.sleep(0)
    print("sleep(0) takes no time:", round(loop.time() - t2, 1))


asyncio.run(main())
