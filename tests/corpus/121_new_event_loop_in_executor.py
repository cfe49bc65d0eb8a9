# A worker thread has no running loop, no current task and no current event loop; it may make
# a loop of its own with new_event_loop() and run it to completion.
import asyncio
import threading


async def inner(outer):
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    await asyncio.sleep(0.1)
    return [loop is not outer, task is not None, loop.is_running()]


def own_loop(outer):
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(inner(outer))
    finally:
        loop.close()


def what_the_thread_sees():
    seen = [threading.current_thread() is not threading.main_thread()]
    try:
        asyncio.get_running_loop()
    except RuntimeError as exc:
        seen.append(str(exc))
    try:
        asyncio.get_event_loop()
    except RuntimeError as exc:
        seen.append(str(exc))
    try:
        asyncio.current_task()
    except RuntimeError as exc:
        seen.append(str(exc))
    return seen


def set_and_get():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        return asyncio.get_event_loop() is loop
    finally:
        asyncio.set_event_loop(None)
        loop.close()


async def main():
    outer = asyncio.get_running_loop()
    print(await outer.run_in_executor(None, what_the_thread_sees))
    print(await outer.run_in_executor(None, own_loop, outer))
    print(await asyncio.to_thread(set_and_get))
    print(asyncio.get_running_loop() is outer, asyncio.current_task().get_coro().__name__)


asyncio.run(main())
