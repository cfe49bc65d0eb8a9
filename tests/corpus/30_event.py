# Event: waiters wake in order when set; clear makes later waiters block again.
import asyncio


async def waiter(ev, name):
    print(name, "waiting")
    await ev.wait()
    print(name, "woke, is_set =", ev.is_set())
    return name


async def main():
    ev = asyncio.Event()
    print("is_set:", ev.is_set())
    tasks = [asyncio.create_task(waiter(ev, n)) for n in ("w1", "w2", "w3")]
    await asyncio.sleep(0.1)
    print("setting")
    ev.set()
    print("after set, before yielding")
    print(await asyncio.gather(*tasks))
    print("already set, wait returns:", await ev.wait())
    ev.clear()
    late = asyncio.create_task(waiter(ev, "late"))
    await asyncio.sleep(0.2)
    print("late done:", late.done())
    ev.set()
    ev.clear()
    # set() then clear() before the waiter runs: it still wakes.
    print(await late)


asyncio.run(main())
