# asyncio.run drives a coroutine to completion and returns its result.
import asyncio


async def add(a, b):
    await asyncio.sleep(0)
    return a + b


async def main():
    print("main started")
    total = await add(2, 3)
    print("add returned", total)
    loop = asyncio.get_running_loop()
    print("running loop is set:", loop is not None, loop.is_running())
    return total * 10


result = asyncio.run(main())
print("asyncio.run returned", result)
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("after run:", e)
