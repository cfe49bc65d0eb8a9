# An exception inside a task reaches whoever awaits it; unhandled there, it exits with status 1.
import asyncio


async def worker(n):
    await asyncio.sleep(0.1 * n)
    if n == 2:
        raise LookupError(f"worker {n} failed")
    return n


async def main():
    t1 = asyncio.create_task(worker(1))
    t2 = asyncio.create_task(worker(2))
    print("t1:", await t1)
    try:
        await t2
    except LookupError as e:
        print("caught:", e)
        print("task.exception():", repr(t2.exception()))
    t3 = asyncio.create_task(worker(2))
    print("awaiting t3 without a handler")
    await t3


asyncio.run(main())
