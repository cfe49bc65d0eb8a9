# as_completed yields in completion order; with a timeout it raises TimeoutError.
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    coros = [job("slow", 0.3), job("fast", 0.1), job("mid", 0.2)]
    for next_done in asyncio.as_completed(coros):
        print("got", await next_done)

    # Since 3.13 it is also an async iterator that yields the original tasks.
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in [("x", 0.2), ("y", 0.1)]]
    async for t in asyncio.as_completed(tasks):
        print("task", t.get_name(), "is original:", t in tasks, t.result())

    got = []
    try:
        for f in asyncio.as_completed([job("one", 0.1), job("two", 1), job("three", 2)], timeout=0.5):
            got.append(await f)
    except TimeoutError:
        print("timeout after", got)


asyncio.run(main())
