import asyncio


async def diner(name, cond, plates):
    async with cond:
        await cond.wait_for(lambda: plates)
        print(f"{name} took the {plates.pop(0)}")


async def kitchen(cond, plates):
    for dish in ("soup", "noodles"):
        await asyncio.sleep(0.2)
        async with cond:
            plates.append(dish)
            print(f"kitchen served {dish}")
            cond.notify()


async def main():
    cond = asyncio.Condition()
    plates = []
    await asyncio.gather(
        diner("ana", cond, plates),
        diner("ben", cond, plates),
        kitchen(cond, plates),
    )


asyncio.run(main())
