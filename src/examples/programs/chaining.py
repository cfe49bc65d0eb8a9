import asyncio


async def compute(x, y):
    print(f"computing {x} + {y} ...")
    await asyncio.sleep(1.0)
    return x + y


async def print_sum(x, y):
    result = await compute(x, y)
    print(f"{x} + {y} = {result}")


async def main():
    await print_sum(1, 2)
    await print_sum(3, 4)


asyncio.run(main())
