import asyncio


async def slow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("slow: cancelled, cleaning up")
        raise


async def main():
    task = asyncio.create_task(slow(), name="slow")
    await asyncio.sleep(0.5)
    task.cancel("enough")
    try:
        await task
    except asyncio.CancelledError:
        print("main: slow was cancelled:", task.cancelled())
    try:
        async with asyncio.timeout(0.2):
            await asyncio.sleep(1)
    except TimeoutError:
        print("main: timed out")


asyncio.run(main())
