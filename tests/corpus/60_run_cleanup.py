# When main returns, asyncio.run cancels leftover tasks and finalises async generators.
import asyncio


async def background(name):
    try:
        while True:
            await asyncio.sleep(0.1)
    except asyncio.CancelledError:
        print(name, "cancelled at shutdown")
        raise
    finally:
        print(name, "finally")


async def agen():
    try:
        yield 1
        yield 2
    finally:
        print("async generator finalised")


g = None


async def main():
    global g
    # Only one leftover task: asyncio.run cancels leftovers in set order, which is not stable.
    asyncio.create_task(background("bg"))
    g = agen()
    print("first item", await anext(g))
    await asyncio.sleep(0.25)
    print("main returns")
    return "result"


print(asyncio.run(main()))
print("after run")
