# What happens inside a worker thread's asyncio.run(): an exception crosses back through the
# job's future, and tasks left pending there are cancelled when that run ends.
import asyncio


async def background(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append("background cancelled by the inner asyncio.run")
        raise


async def inner(log, fail):
    asyncio.create_task(background(log))
    await asyncio.sleep(0.1)
    if fail:
        raise ValueError("raised in the thread's loop")
    return "inner result"


def job(log, fail):
    return asyncio.run(inner(log, fail))


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []
    print(await asyncio.to_thread(job, log, False))
    try:
        await asyncio.to_thread(job, log, True)
    except ValueError as exc:
        print("caught:", exc)
    print(log)
    print("elapsed", round(loop.time() - t0, 1))


asyncio.run(main())
