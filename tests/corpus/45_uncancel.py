# cancelling() counts pending cancel requests; uncancel() takes one back.
import asyncio


async def absorb():
    me = asyncio.current_task()
    for round_ in range(2):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("round", round_, "cancelling =", me.cancelling())
            left = me.uncancel()
            print("after uncancel =", left)
    await asyncio.sleep(0.1)
    return "survived"


async def main():
    t = asyncio.create_task(absorb())
    await asyncio.sleep(0.1)
    print("first cancel:", t.cancel(), "count", t.cancelling())
    print("repeat cancel:", t.cancel(), "count", t.cancelling())
    await asyncio.sleep(0.1)
    print("count after absorb:", t.cancelling())
    t.cancel()
    print(await t)
    print("cancelled flag:", t.cancelled())

    # A timeout inside a task that was also cancelled from outside does not swallow the outer cancel.
    async def inner():
        try:
            async with asyncio.timeout(0.5):
                await asyncio.sleep(10)
        except TimeoutError:
            print("timeout (not expected)")

    t2 = asyncio.create_task(inner())
    await asyncio.sleep(0.1)
    t2.cancel()
    await asyncio.gather(t2, return_exceptions=True)
    print("outer cancel wins:", t2.cancelled(), t2.cancelling())


asyncio.run(main())
