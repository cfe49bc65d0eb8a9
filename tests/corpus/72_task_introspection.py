# Default task names, isinstance checks, get_stack, custom task factories and debug mode.
import asyncio


async def child():
    await asyncio.sleep(0.1)
    return asyncio.current_task().get_name()


async def main():
    me = asyncio.current_task()
    print("main task name:", me.get_name())
    t = asyncio.create_task(child())
    u = asyncio.ensure_future(child())
    print("default names:", t.get_name(), u.get_name())
    print("isinstance Task:", isinstance(t, asyncio.Task), "Future:", isinstance(t, asyncio.Future))
    fut = asyncio.get_running_loop().create_future()
    print("future isinstance:", isinstance(fut, asyncio.Future), "isfuture:", asyncio.isfuture(fut))
    print("future repr:", repr(fut))
    fut.set_result([1, 2])
    print("future repr:", repr(fut))
    print("type names:", type(t).__name__, type(fut).__name__)
    await asyncio.sleep(0)
    stack = t.get_stack()
    print("child stack:", [(f.f_code.co_name, f.f_lineno) for f in stack])
    print(await t, await u)
    print("done task stack:", t.get_stack())
    print("get_event_loop inside a coroutine is the running loop:",
          asyncio.get_event_loop() is asyncio.get_running_loop())
    print("debug:", asyncio.get_running_loop().get_debug())

    made = []

    def factory(loop, coro, **kwargs):
        task = asyncio.Task(coro, loop=loop, **kwargs)
        made.append(task)
        return task

    asyncio.get_running_loop().set_task_factory(factory)
    named = asyncio.create_task(child(), name="custom")
    print("factory made:", len(made), made[0] is named, await named)
    print("factory is set:", asyncio.get_running_loop().get_task_factory() is factory)


asyncio.run(main())


async def debug_main():
    loop = asyncio.get_running_loop()
    return loop.get_debug()


print("asyncio.run(debug=True):", asyncio.run(debug_main(), debug=True))
