# A deep chain of coroutines awaiting each other, and nested TaskGroups.
import asyncio


async def depth(n):
    if n == 0:
        await asyncio.sleep(0.1)
        return 0
    return 1 + await depth(n - 1)


async def nested(level):
    if level == 0:
        await asyncio.sleep(0.1)
        return 1
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(nested(level - 1))
        b = tg.create_task(nested(level - 1))
    return a.result() + b.result()


async def main():
    print("depth", await depth(150))
    print("leaves", await nested(5))
    results = await asyncio.gather(*(depth(i) for i in range(0, 60, 10)))
    print(results)


asyncio.run(main())
