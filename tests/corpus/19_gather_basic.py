# gather returns results in argument order, whatever the completion order.
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print("finished", name)
    return name


async def main():
    results = await asyncio.gather(job("a", 0.3), job("b", 0.1), job("c", 0.2))
    print(results)
    print(await asyncio.gather())
    fut = asyncio.get_running_loop().create_future()
    fut.set_result("pre-set")
    print(await asyncio.gather(fut, job("d", 0.1), asyncio.sleep(0.1, result="slept")))
    # The same coroutine-object twice is not allowed, but the same task twice is.
    t = asyncio.create_task(job("t", 0.1))
    print(await asyncio.gather(t, t))


asyncio.run(main())
