import asyncio


async def transfer(name, first, second):
    async with first:
        print(f"{name} holds one lock and wants the other")
        await asyncio.sleep(0.1)
        async with second:
            print(f"{name} got both")  # never printed


async def main():
    a, b = asyncio.Lock(), asyncio.Lock()
    await asyncio.gather(
        transfer("left", a, b),
        transfer("right", b, a),
    )


asyncio.run(main())
