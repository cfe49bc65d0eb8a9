# The tutorial way to time concurrent work: time.perf_counter() / time.monotonic() around awaits.
import asyncio
import time


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    start = time.perf_counter()
    mono = time.monotonic()
    results = await asyncio.gather(fetch("a", 1.0), fetch("b", 0.5), fetch("c", 0.8))
    elapsed = time.perf_counter() - start
    print(results)
    print(f"finished in {elapsed:.1f} s (perf_counter)")
    print(f"finished in {time.monotonic() - mono:.1f} s (monotonic)")


asyncio.run(main())
