# Bare futures: set_result wakes awaiters; callbacks run via call_soon; double set is an error.
import asyncio


async def waiter(fut, name):
    value = await fut
    print(name, "got", value)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("callback 1", f.result()))
    tasks = [asyncio.create_task(waiter(fut, n)) for n in ("w1", "w2")]
    fut.add_done_callback(lambda f: print("callback 2", f.result()))
    await asyncio.sleep(0.1)
    loop.call_later(0.1, fut.set_result, "payload")
    print("before set, done:", fut.done())
    await asyncio.gather(*tasks)
    try:
        fut.set_result("again")
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)

    efut = loop.create_future()
    efut.set_exception(OSError("io broke"))
    try:
        await efut
    except OSError as e:
        print("awaiting failed future:", e)

    wrapped = asyncio.ensure_future(waiter(fut, "w3"))
    print("ensure_future made a task:", isinstance(wrapped, asyncio.Task))
    await wrapped
    print("ensure_future on a future returns it:", asyncio.ensure_future(fut) is fut)


asyncio.run(main())
