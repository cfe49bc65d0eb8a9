import asyncio


async def ticker(count, interval):
    for n in range(count):
        await asyncio.sleep(interval)
        yield n


async def main():
    async for tick in ticker(4, 0.25):
        print("tick", tick)
    squares = [n * n async for n in ticker(3, 0.1)]
    print("squares", squares)


asyncio.run(main())
