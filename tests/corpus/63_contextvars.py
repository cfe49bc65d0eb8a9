# Each task runs in a copy of the context that was current when it was created.
import asyncio
import contextvars

request = contextvars.ContextVar("request", default="none")


async def handler(name):
    request.set(name)
    await asyncio.sleep(0.1)
    await inner()
    return request.get()


async def inner():
    print("inner sees", request.get())


async def main():
    request.set("main")
    results = await asyncio.gather(handler("a"), handler("b"))
    print(results, "main still sees", request.get())
    ctx = contextvars.copy_context()
    ctx.run(request.set, "custom")
    t = asyncio.create_task(inner(), context=ctx)
    await t
    print("main after custom", request.get())

    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_soon(lambda: (print("callback sees", request.get()), done.set_result(None)), context=ctx)
    await done


asyncio.run(main())
