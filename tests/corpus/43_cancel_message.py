# Task.cancel(msg): the message travels in the CancelledError.
import asyncio


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("inside, args:", e.args)
        raise


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0.1)
    print("cancel:", t.cancel("stop now"))
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiter sees args:", e.args)
    print("cancelled:", t.cancelled(), "done:", t.done())
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("result() raises CancelledError", e.args)

    t2 = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t2.cancel()
    try:
        await t2
    except asyncio.CancelledError as e:
        print("no message, args:", e.args)

    # Cancelled before its first step: the coroutine body never runs.
    async def never_runs():
        print("should not print")

    t3 = asyncio.create_task(never_runs())
    t3.cancel("early")
    await asyncio.gather(t3, return_exceptions=True)
    print("early cancelled:", t3.cancelled())


asyncio.run(main())
