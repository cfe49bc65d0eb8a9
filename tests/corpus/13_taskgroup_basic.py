# TaskGroup waits for all children; results in creation order.
import asyncio


async def job(name, delay):
    print("start", name)
    await asyncio.sleep(delay)
    print("end", name)
    return name * 2


async def main():
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(job(n, d)) for n, d in [("a", 0.3), ("b", 0.1), ("c", 0.2)]]
        print("created", len(tasks))
    print("group exited, results:", [t.result() for t in tasks])
    async with asyncio.TaskGroup() as tg:
        pass
    print("empty group ok")

    async with asyncio.TaskGroup() as tg:
        async def spawner():
            await asyncio.sleep(0.1)
            tg.create_task(job("late", 0.1))
        tg.create_task(spawner())
    print("group with late child done")


asyncio.run(main())
