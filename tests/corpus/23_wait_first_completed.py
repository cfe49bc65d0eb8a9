# asyncio.wait(FIRST_COMPLETED) returns as soon as one task is done.
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


def names(ts):
    return sorted(t.get_name() for t in ts)


async def main():
    tasks = {asyncio.create_task(job(n, d), name=n) for n, d in [("a", 0.3), ("b", 0.1), ("c", 0.2)]}
    pending = tasks
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        print("done", names(done), "pending", names(pending))
    # Tasks released by one Event.set() all finish before the waiter resumes.
    ev = asyncio.Event()

    async def released(n):
        await ev.wait()
        return n

    tasks = [asyncio.create_task(released(n), name=n) for n in "xyz"]
    await asyncio.sleep(0.1)
    ev.set()
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("batch", names(done), names(pending))
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
