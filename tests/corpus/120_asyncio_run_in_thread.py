# Sync code calling async code from a worker thread: asyncio.run() inside a to_thread job starts
# the thread's own loop, while the main loop keeps running (its ticker ticks meanwhile).
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}"


def sync_fetch(name, delay):
    # The usual bridge from sync code: the worker thread has no running loop of its own.
    return asyncio.run(fetch(name, delay))


async def ticker(log):
    for _ in range(5):
        await asyncio.sleep(0.1)
        log.append("tick")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []

    async def job(name, delay):
        result = await asyncio.to_thread(sync_fetch, name, delay)
        log.append(result)
        return result

    results = await asyncio.gather(job("a", 0.25), job("b", 0.45), ticker(log))
    print(results[:2])
    print(log)
    print("elapsed", round(loop.time() - t0, 1))


asyncio.run(main())
