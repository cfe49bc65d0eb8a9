# gather(return_exceptions=False): the first exception propagates; the other children keep running.
import asyncio


async def ok(v, delay):
    await asyncio.sleep(delay)
    print("ok", v, "finished")
    return v


async def bad(delay):
    await asyncio.sleep(delay)
    print("bad raises")
    raise RuntimeError("failed child")


async def main():
    t_ok = asyncio.create_task(ok("slow", 0.3))
    try:
        await asyncio.gather(ok("fast", 0.1), bad(0.2), t_ok)
    except RuntimeError as e:
        print("gather raised:", e)
    print("slow still running:", not t_ok.done())
    print("slow result:", await t_ok)


asyncio.run(main())
