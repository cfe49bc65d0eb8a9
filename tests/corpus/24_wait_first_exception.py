# asyncio.wait(FIRST_EXCEPTION) returns when a task raises (or all finish); exceptions stay in tasks.
import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name)
    return name


def names(ts):
    return sorted(t.get_name() for t in ts)


async def main():
    tasks = [
        asyncio.create_task(job("ok1", 0.1), name="ok1"),
        asyncio.create_task(job("bad", 0.2, fail=True), name="bad"),
        asyncio.create_task(job("ok2", 0.5), name="ok2"),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("done", names(done), "pending", names(pending))
    for t in sorted(done, key=lambda t: t.get_name()):
        print(t.get_name(), "exception:", repr(t.exception()))
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    print("cancelled:", [t.cancelled() for t in pending])

    # Without any exception FIRST_EXCEPTION behaves like ALL_COMPLETED.
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in [("p", 0.2), ("q", 0.1)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("done", names(done), "pending", names(pending))


asyncio.run(main())
