import asyncio


async def roll(player, delay, points):
    await asyncio.sleep(delay)
    return player, points


async def main():
    rolls = [roll("ana", 0.3, 4), roll("ben", 0.1, 6), roll("chen", 0.2, 2)]
    total = 0
    for earliest in asyncio.as_completed(rolls):
        player, points = await earliest
        total += points
        print(f"{player} rolled {points}, total {total}")


asyncio.run(main())
