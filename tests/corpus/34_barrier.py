# Barrier: parties wait until all have arrived; abort breaks waiters.
import asyncio


async def party(barrier, name, delay):
    await asyncio.sleep(delay)
    print(name, "arrives, waiting =", barrier.n_waiting)
    index = await barrier.wait()
    print(name, "passes with index", index)
    return index


async def main():
    barrier = asyncio.Barrier(3)
    print("parties:", barrier.parties)
    idx = await asyncio.gather(party(barrier, "a", 0.1), party(barrier, "b", 0.3), party(barrier, "c", 0.2))
    print("indexes:", idx, "broken:", barrier.broken)
    # The barrier is reusable.
    idx = await asyncio.gather(*(party(barrier, n, 0.1 * (i + 1)) for i, n in enumerate("xyz")))
    print("second round:", idx)

    async def stuck(name):
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            print(name, "got BrokenBarrierError")

    tasks = [asyncio.create_task(stuck(n)) for n in ("s1", "s2")]
    await asyncio.sleep(0.1)
    await barrier.abort()
    await asyncio.gather(*tasks)
    print("broken:", barrier.broken)
    await barrier.reset()
    print("after reset broken:", barrier.broken)


asyncio.run(main())
