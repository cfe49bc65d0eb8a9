# gather(return_exceptions=True) puts exceptions in the result list.
import asyncio


async def ok(v, delay):
    await asyncio.sleep(delay)
    return v


async def bad(msg, delay):
    await asyncio.sleep(delay)
    raise ValueError(msg)


async def main():
    results = await asyncio.gather(
        ok(1, 0.2), bad("x", 0.1), ok(3, 0.3), bad("y", 0.4), return_exceptions=True
    )
    for r in results:
        print(type(r).__name__, r)

    async def cancelled_child():
        raise asyncio.CancelledError("stop me")

    results = await asyncio.gather(ok("fine", 0.1), cancelled_child(), return_exceptions=True)
    print([type(r).__name__ for r in results])


asyncio.run(main())
