import asyncio


async def brew(drink, seconds):
    await asyncio.sleep(seconds)
    print(f"{drink} ready")
    return drink


async def main():
    loop = asyncio.get_running_loop()

    start = loop.time()
    await brew("tea", 0.3)
    await brew("coffee", 0.2)
    print(f"one after the other: {loop.time() - start:.1f} s")

    start = loop.time()
    tea = asyncio.create_task(brew("tea", 0.3))
    coffee = asyncio.ensure_future(brew("coffee", 0.2))
    await tea
    await coffee
    print(f"as two tasks: {loop.time() - start:.1f} s")


asyncio.run(main())
