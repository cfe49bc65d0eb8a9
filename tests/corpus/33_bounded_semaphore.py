# BoundedSemaphore raises ValueError when released more often than acquired.
import asyncio


async def main():
    sem = asyncio.BoundedSemaphore(2)
    await sem.acquire()
    print("acquired once, locked:", sem.locked())
    sem.release()
    print("released once")
    try:
        sem.release()
    except ValueError as e:
        print("ValueError:", e)

    async def hold(name):
        async with sem:
            print(name, "holds")
            await asyncio.sleep(0.1)

    await asyncio.gather(hold("x"), hold("y"), hold("z"))
    print("all done, locked:", sem.locked())


asyncio.run(main())
