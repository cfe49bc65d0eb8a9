# wait_for: result in time, TimeoutError on expiry (the inner task is cancelled), None waits forever.
import asyncio


async def slow(name, delay):
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError:
        print(name, "was cancelled")
        raise


async def main():
    print(await asyncio.wait_for(slow("quick", 0.1), timeout=1))
    try:
        await asyncio.wait_for(slow("sluggish", 1), timeout=0.2)
    except TimeoutError:
        print("TimeoutError from wait_for")
    print(await asyncio.wait_for(slow("patient", 0.3), timeout=None))

    task = asyncio.create_task(slow("task", 1))
    try:
        await asyncio.wait_for(task, 0.1)
    except TimeoutError:
        await asyncio.sleep(0)
        print("task cancelled:", task.cancelled())

    # timeout=0 on a coroutine that is not done yet times out at once.
    try:
        await asyncio.wait_for(slow("zero", 0.1), timeout=0)
    except TimeoutError:
        print("timeout=0 -> TimeoutError")

    fut = asyncio.get_running_loop().create_future()
    fut.set_result("already done")
    print(await asyncio.wait_for(fut, timeout=0))


asyncio.run(main())
