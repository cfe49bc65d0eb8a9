import asyncio


def deliver(fut, value):
    print(f"callback: set_result({value!r})")
    fut.set_result(value)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("done callback saw", f.result()))
    loop.call_later(0.5, deliver, fut, "parcel")
    print("main: waiting, done() =", fut.done())
    value = await fut
    print("main: got", value)


asyncio.run(main())
