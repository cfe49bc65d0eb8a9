# Sleeps wake in deadline order; equal delays wake in the order they started sleeping.
import asyncio

order = []


async def sleeper(name, delay):
    await asyncio.sleep(delay)
    order.append(name)
    print("woke", name)


async def main():
    await asyncio.gather(*(sleeper(f"eq{i}", 0.2) for i in range(8)))
    print(order)
    order.clear()
    await asyncio.gather(
        sleeper("d0.4", 0.4), sleeper("d0.1", 0.1), sleeper("d0.3", 0.3), sleeper("d0.2", 0.2),
        sleeper("d0", 0), sleeper("d-1", -1),
    )
    print(order)
    order.clear()

    # sleep(0) yields exactly once: two tasks alternate.
    async def alternator(name):
        for i in range(3):
            order.append(f"{name}{i}")
            await asyncio.sleep(0)

    await asyncio.gather(alternator("a"), alternator("b"))
    print(order)


asyncio.run(main())
