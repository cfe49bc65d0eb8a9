# Semaphore(2): at most two holders at once; waiters enter FIFO.
import asyncio

active = 0
peak = 0


async def worker(sem, name, delay):
    global active, peak
    async with sem:
        active += 1
        peak = max(peak, active)
        print(name, "in, active =", active)
        await asyncio.sleep(delay)
        active -= 1
        print(name, "out")


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(worker(sem, f"w{i}", d) for i, d in enumerate([0.3, 0.1, 0.25, 0.1, 0.1])))
    print("peak:", peak, "locked:", sem.locked())
    # An unbounded semaphore may be released above its initial value.
    sem.release()
    sem.release()
    print("after extra releases, can acquire 4 without waiting:")
    for _ in range(4):
        await sem.acquire()
    print("locked:", sem.locked())
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
