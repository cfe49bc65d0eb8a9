import asyncio


async def mirror(city, delay):
    await asyncio.sleep(delay)
    return f"file from {city}"


async def main():
    tasks = {
        asyncio.create_task(mirror("berlin", 0.4), name="berlin"),
        asyncio.create_task(mirror("tokyo", 0.15), name="tokyo"),
        asyncio.create_task(mirror("lima", 0.25), name="lima"),
    }
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in done:
        print("fastest:", task.result())
    for task in pending:
        task.cancel()
    await asyncio.wait(pending)
    print("cancelled:", sorted(t.get_name() for t in pending if t.cancelled()))


asyncio.run(main())
