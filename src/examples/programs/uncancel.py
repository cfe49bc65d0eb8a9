import asyncio


async def worker():
    try:
        await asyncio.sleep(1.0)
        return "slept in peace"
    except asyncio.CancelledError:
        me = asyncio.current_task()
        print("worker: cancelling() =", me.cancelling())
        me.uncancel()
        print("worker: after uncancel(), cancelling() =", me.cancelling())
        await asyncio.sleep(0.2)  # safe now: no cancellation is pending
        return "recovered"


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    task.cancel()
    print("main: result is", await task)


asyncio.run(main())
