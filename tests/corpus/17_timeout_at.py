# asyncio.timeout_at with an absolute deadline; nested timeouts, the inner one fires first.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with asyncio.timeout_at(t0 + 0.3):
            for i in range(10):
                await asyncio.sleep(0.11)
                print("step", i)
    except TimeoutError:
        print("deadline reached at", round(loop.time() - t0, 1))

    t0 = loop.time()
    try:
        async with asyncio.timeout_at(t0 + 1.0):
            try:
                async with asyncio.timeout_at(t0 + 0.2):
                    await asyncio.sleep(5)
            except TimeoutError:
                print("inner fired at", round(loop.time() - t0, 1))
            await asyncio.sleep(5)
    except TimeoutError:
        print("outer fired at", round(loop.time() - t0, 1))


asyncio.run(main())
