# asyncio.wait(ALL_COMPLETED), with and without a timeout; wait never cancels on timeout.
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


def names(ts):
    return sorted(t.get_name() for t in ts)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in [("a", 0.3), ("b", 0.1)]]
    done, pending = await asyncio.wait(tasks)
    print("all:", names(done), names(pending), round(loop.time() - t0, 1))

    t0 = loop.time()
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in [("c", 0.1), ("d", 0.5), ("e", 0.2)]]
    done, pending = await asyncio.wait(tasks, timeout=0.3)
    print("timeout:", names(done), names(pending), round(loop.time() - t0, 1))
    print("pending tasks still running:", [not t.done() for t in pending])
    done, pending = await asyncio.wait(pending, timeout=1)
    print("later:", names(done), names(pending), round(loop.time() - t0, 1))

    # A bare coroutine is rejected.
    coro = job("raw", 0)
    try:
        await asyncio.wait([coro])
    except TypeError as e:
        print("TypeError for coroutine")
    coro.close()


asyncio.run(main())
