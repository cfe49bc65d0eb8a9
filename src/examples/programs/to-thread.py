import asyncio
import time


async def heartbeat(loop, start):
    for n in range(4):
        print(f"heartbeat {n} at {loop.time() - start:.1f} s")
        await asyncio.sleep(0.1)


def make_thumbnail():
    print("resizing the image in a worker thread...")
    time.sleep(0.3)  # blocks only the worker thread
    return "thumbnail.png"


async def main():
    loop = asyncio.get_running_loop()
    _, thumbnail = await asyncio.gather(
        heartbeat(loop, loop.time()),
        asyncio.to_thread(make_thumbnail),
    )
    print(thumbnail, "ready")


asyncio.run(main())
