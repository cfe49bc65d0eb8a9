# current_task and all_tasks see named tasks; outside a loop both need a running loop.
import asyncio


async def worker(delay):
    me = asyncio.current_task()
    print("inside", me.get_name())
    await asyncio.sleep(delay)
    return me.get_name()


async def main():
    me = asyncio.current_task()
    me.set_name("main-task")
    print("main is", me.get_name())
    t1 = asyncio.create_task(worker(0.1), name="w1")
    t2 = asyncio.create_task(worker(0.2), name="w2")
    print("all:", sorted(t.get_name() for t in asyncio.all_tasks()))
    await asyncio.sleep(0.15)
    print("after 0.15:", sorted(t.get_name() for t in asyncio.all_tasks()))
    print(await t1, await t2)
    print("at end:", sorted(t.get_name() for t in asyncio.all_tasks()))
    print("current is main:", asyncio.current_task() is me)


asyncio.run(main())
for fn in (asyncio.current_task, asyncio.all_tasks):
    try:
        fn()
    except RuntimeError as e:
        print(fn.__name__, "->", e)
