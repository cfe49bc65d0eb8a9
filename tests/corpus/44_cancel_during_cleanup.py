# A task cancelled while it is already cleaning up after an earlier cancellation.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("first cancel: cleaning up")
        try:
            await asyncio.sleep(1)
            print("cleanup finished (not expected)")
        except asyncio.CancelledError:
            print("second cancel interrupted cleanup")
            raise
    finally:
        print("finally runs")


async def slow_cleanup():
    try:
        await asyncio.sleep(10)
    finally:
        print("slow cleanup starts")
        await asyncio.sleep(0.2)
        print("slow cleanup done")


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0.1)
    t.cancel()
    await asyncio.sleep(0.1)
    print("cancelling count:", t.cancelling())
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print("stubborn cancelled:", t.cancelled())

    t2 = asyncio.create_task(slow_cleanup())
    await asyncio.sleep(0.1)
    t2.cancel()
    await asyncio.sleep(0.1)
    print("still cleaning, done:", t2.done())
    await asyncio.gather(t2, return_exceptions=True)
    print("slow_cleanup cancelled:", t2.cancelled())


asyncio.run(main())
