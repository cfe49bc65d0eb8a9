# A failing child cancels its siblings; the group raises an ExceptionGroup.
# (TaskGroup cancels siblings in set order, which is not stable: cancellations are collected.)
import asyncio

cancelled = []


async def sleeper(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
    except asyncio.CancelledError:
        cancelled.append(name)
        raise


async def boom(delay):
    await asyncio.sleep(delay)
    print("boom raises")
    raise ValueError("bad value")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper("fast", 0.1))
            tg.create_task(boom(0.2))
            tg.create_task(sleeper("slow", 1.0))
            tg.create_task(sleeper("slower", 2.0))
            print("body done")
    except* ValueError as eg:
        print("caught", type(eg).__name__, eg.message, [repr(e) for e in eg.exceptions])
    print("cancelled:", sorted(cancelled))
    cancelled.clear()

    # The body itself raising also cancels children.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper("child", 1.0))
            await asyncio.sleep(0.1)
            raise KeyError("body")
    except* KeyError as eg:
        print("body error:", [repr(e) for e in eg.exceptions], "cancelled:", cancelled)


asyncio.run(main())
