import asyncio


async def fetch(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name}: cancelled by the group")
        raise
    if fail:
        raise ValueError(f"{name} sent garbage")
    print(f"{name}: ok")
    return name


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fetch("profile", 0.1))
            tg.create_task(fetch("orders", 0.2, fail=True))
            tg.create_task(fetch("reviews", 0.5))
    except* ValueError as group:
        for error in group.exceptions:
            print("the group failed:", error)


asyncio.run(main())
