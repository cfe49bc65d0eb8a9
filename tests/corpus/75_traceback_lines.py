# Tracebacks through tasks keep the user's frames and line numbers (asyncio's frames filtered out).
import asyncio
import os
import traceback

HERE = os.path.basename(__file__)


def user_frames(exc):
    return [(f.name, f.lineno) for f in traceback.extract_tb(exc.__traceback__)
            if os.path.basename(f.filename) == HERE]


async def inner(n):
    await asyncio.sleep(0.1)
    if n > 1:
        return await inner(n - 1)
    raise KeyError(f"depth {n}")


async def outer():
    return await inner(3)


async def main():
    try:
        await asyncio.create_task(outer())
    except KeyError as e:
        print("via task:", user_frames(e))
    try:
        await asyncio.gather(outer())
    except KeyError as e:
        print("via gather:", user_frames(e))
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(outer())
    except* KeyError as eg:
        print("via TaskGroup:", user_frames(eg.exceptions[0]))
    try:
        await asyncio.wait_for(outer(), 1)
    except KeyError as e:
        print("via wait_for:", user_frames(e))
        print("formatted:", traceback.format_exception_only(e)[-1].strip())
    print("__name__:", __name__)


asyncio.run(main())
