import asyncio


async def worker(delay):
    me = asyncio.current_task()
    print(f"{me.get_name()} starts")
    await asyncio.sleep(delay)
    print(f"{me.get_name()} done")


async def main():
    asyncio.current_task().set_name("supervisor")
    users = asyncio.create_task(worker(0.2), name="fetch-users")
    orders = asyncio.create_task(worker(0.1))
    print("unnamed task has a default name:", orders.get_name().startswith("Task-"))
    orders.set_name("fetch-orders")
    print("all tasks:", sorted(t.get_name() for t in asyncio.all_tasks()))
    await users
    await orders


asyncio.run(main())
