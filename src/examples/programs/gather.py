import asyncio


async def measure(sensor, delay, value):
    await asyncio.sleep(delay)
    print(f"{sensor} answered after {delay} s")
    return value


async def main():
    readings = await asyncio.gather(
        measure("north", 0.3, 12.5),
        measure("south", 0.1, 14.0),
        measure("east", 0.2, 13.1),
    )
    print("readings, in the order asked:", readings)


asyncio.run(main())
