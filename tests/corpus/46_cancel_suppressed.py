# A task that swallows CancelledError finishes normally: cancelled() is False.
import asyncio


async def swallow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("swallowed the cancellation")
    await asyncio.sleep(0.1)
    return "finished anyway"


async def main():
    t = asyncio.create_task(swallow())
    await asyncio.sleep(0.1)
    t.cancel()
    print(await t)
    print("cancelled:", t.cancelled(), "cancelling:", t.cancelling())

    async def swallow_then_sleep_forever():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            pass
        await asyncio.sleep(0.2)
        return "second sleep completed"

    # wait_for cancels the inner task; it swallows the cancel and returns late.
    try:
        print(await asyncio.wait_for(swallow_then_sleep_forever(), 0.1))
    except TimeoutError:
        print("TimeoutError")


asyncio.run(main())
