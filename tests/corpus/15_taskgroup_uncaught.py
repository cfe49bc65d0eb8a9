# Two children fail; nobody catches the ExceptionGroup, so the program exits with status 1.
import asyncio


async def fail(delay, exc):
    # Both failing children resume in the same loop iteration, so both errors are collected.
    await asyncio.sleep(delay)
    print("raising", repr(exc))
    raise exc


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail(0, ValueError("first")))
        tg.create_task(fail(0, TypeError("second")))
        tg.create_task(fail(0.5, KeyError("never")))
    print("not reached")


try:
    asyncio.run(main())
except ExceptionGroup as eg:
    print("group of", len(eg.exceptions), [type(e).__name__ for e in eg.exceptions])
    raise
