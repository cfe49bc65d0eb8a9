# Condition: notify(n), notify_all and wait_for with a predicate.
import asyncio


async def consumer(cond, items, name):
    async with cond:
        await cond.wait_for(lambda: len(items) > 0)
        item = items.pop(0)
        print(name, "took", item)


async def listener(cond, name):
    async with cond:
        print(name, "waits")
        await cond.wait()
        print(name, "notified")


async def main():
    cond = asyncio.Condition()
    items = []
    consumers = [asyncio.create_task(consumer(cond, items, f"c{i}")) for i in range(3)]
    await asyncio.sleep(0.1)
    for i in range(3):
        async with cond:
            items.append(i)
            cond.notify(1)
        await asyncio.sleep(0.1)
    await asyncio.gather(*consumers)

    listeners = [asyncio.create_task(listener(cond, f"l{i}")) for i in range(4)]
    await asyncio.sleep(0.1)
    async with cond:
        cond.notify(2)
    await asyncio.sleep(0.1)
    print("after notify(2)")
    async with cond:
        cond.notify_all()
    await asyncio.gather(*listeners)
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
