# Lock: mutual exclusion, FIFO hand-over, release of an unlocked lock raises.
import asyncio


async def user(lock, name, hold):
    print(name, "wants the lock")
    async with lock:
        print(name, "holds the lock")
        await asyncio.sleep(hold)
        print(name, "releases")


async def main():
    lock = asyncio.Lock()
    print("locked:", lock.locked())
    await asyncio.gather(user(lock, "a", 0.2), user(lock, "b", 0.1), user(lock, "c", 0.1))
    print("locked:", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)
    await lock.acquire()
    print("acquired directly, locked:", lock.locked())

    async def try_acquire():
        try:
            await lock.acquire()
        except asyncio.CancelledError:
            print("waiter cancelled while waiting")
            raise

    t = asyncio.create_task(try_acquire())
    await asyncio.sleep(0.1)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    lock.release()
    print("released, locked:", lock.locked())


asyncio.run(main())
