# Task.cancel(msg): the message reaches the task's own CancelledError and whoever awaits it;
# cancelling() counts requests, uncancel() takes one back, and a cancelled gather child says why.
import asyncio


async def worker(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log.append(("worker", e.args))
        raise


async def stubborn():
    task = asyncio.current_task()
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("stubborn got", e.args, "cancelling", task.cancelling())
        print("uncancel ->", task.uncancel())
    await asyncio.sleep(0.1)
    return "finished anyway"


async def main():
    log = []
    t = asyncio.create_task(worker(log))
    await asyncio.sleep(1)
    print("cancel returns", t.cancel("shutting down"))
    print("cancel again returns", t.cancel("twice"))
    try:
        await t
    except asyncio.CancelledError as e:
        print("main got", e.args)
    print(log, t.cancelled())

    s = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    s.cancel("please stop")
    print(await s, s.cancelled())

    g = asyncio.gather(asyncio.sleep(5), asyncio.sleep(6))
    await asyncio.sleep(0)
    g.cancel("gather told to stop")
    try:
        await g
    except asyncio.CancelledError as e:
        print("gather got", e.args)


asyncio.run(main())
