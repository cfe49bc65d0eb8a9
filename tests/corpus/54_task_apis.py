# Task and future inspection: done callbacks, result()/exception() states, names, coro.
import asyncio


async def work(x):
    await asyncio.sleep(0.1)
    if x < 0:
        raise ValueError("negative")
    return x * 2


async def main():
    t = asyncio.create_task(work(5), name="worker-5")
    print("name:", t.get_name(), "coro name:", t.get_coro().__name__)
    try:
        t.result()
    except asyncio.InvalidStateError as e:
        print("result too early:", e)
    try:
        t.exception()
    except asyncio.InvalidStateError as e:
        print("exception too early:", e)

    def cb1(task):
        print("cb1 sees result", task.result())

    def cb2(task):
        print("cb2 never runs")

    t.add_done_callback(cb1)
    t.add_done_callback(cb2)
    t.add_done_callback(lambda task: print("lambda cb after cb1"))
    print("removed:", t.remove_done_callback(cb2))
    print("awaited:", await t)
    await asyncio.sleep(0)
    t.add_done_callback(lambda task: print("added after done: runs soon"))
    await asyncio.sleep(0)

    bad = asyncio.create_task(work(-1))
    await asyncio.sleep(0.2)
    print("exception():", repr(bad.exception()))
    try:
        bad.result()
    except ValueError as e:
        print("result() raises:", e)
    print("done:", bad.done(), "cancelled:", bad.cancelled())


asyncio.run(main())
