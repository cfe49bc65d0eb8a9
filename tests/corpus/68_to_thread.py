# Blocking work moved off the loop with to_thread / run_in_executor runs concurrently.
import asyncio
import time


def blocking(name, seconds):
    time.sleep(seconds)
    return f"{name} slept {seconds}"


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    results = await asyncio.gather(
        asyncio.to_thread(blocking, "a", 0.3),
        loop.run_in_executor(None, blocking, "b", 0.2),
    )
    print(results)
    print("in parallel, elapsed", round(loop.time() - t0, 1))

    def fails():
        raise ValueError("from the thread")

    try:
        await asyncio.to_thread(fails)
    except ValueError as e:
        print("exception crosses back:", e)


asyncio.run(main())
