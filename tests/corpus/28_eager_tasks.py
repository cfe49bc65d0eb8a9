# eager_task_factory: a new task runs synchronously until its first real suspension.
import asyncio


async def no_await(n):
    print("no_await body", n)
    return n * 10


async def with_await(n):
    print("with_await before", n)
    await asyncio.sleep(0.1)
    print("with_await after", n)
    return n + 1


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(no_await(1))
    print("lazy: created, done =", t.done())
    print(await t)

    loop.set_task_factory(asyncio.eager_task_factory)
    print("factory set")
    t1 = asyncio.create_task(no_await(2))
    print("eager: created, done =", t1.done(), "result =", t1.result())
    t2 = asyncio.create_task(with_await(3))
    print("eager: created, done =", t2.done())
    print(await t2)
    print("gather:", await asyncio.gather(no_await(4), with_await(5)))
    loop.set_task_factory(None)
    t3 = asyncio.create_task(no_await(6))
    print("lazy again: done =", t3.done())
    print(await t3)


asyncio.run(main())
