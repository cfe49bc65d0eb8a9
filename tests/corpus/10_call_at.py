# call_at with absolute loop times, mixed with call_later.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    finished = asyncio.Event()
    seen = []

    def cb(name):
        seen.append(name)
        print(name, round(loop.time() - t0, 1))
        if len(seen) == 4:
            finished.set()

    loop.call_at(t0 + 0.3, cb, "at+0.3")
    loop.call_at(t0 + 0.1, cb, "at+0.1")
    loop.call_later(0.2, cb, "later+0.2")
    h = loop.call_at(t0 + 0.2, cb, "never")
    h.cancel()
    loop.call_at(t0 + 0.4, cb, "at+0.4")
    # A time in the past runs on the next iteration, like call_soon.
    loop.call_at(t0 - 5, print, "past deadline runs first")
    await finished.wait()
    print(seen)


asyncio.run(main())
