import asyncio
import time


async def heartbeat(loop, start):
    for n in range(4):
        print(f"heartbeat {n} at {loop.time() - start:.1f} s")
        await asyncio.sleep(0.1)


async def make_thumbnail():
    print("resizing the image...")
    time.sleep(0.3)  # a blocking call: the whole loop stops here
    print("thumbnail ready")


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.gather(heartbeat(loop, loop.time()), make_thumbnail())


asyncio.run(main())
