# A coroutine created but never awaited only warns (stderr); awaited ones run in order.
import asyncio


async def step(name):
    print("step", name)
    await asyncio.sleep(0.1)
    return name


async def main():
    forgotten = step("forgotten")
    print("created a coroutine object:", type(forgotten).__name__)
    del forgotten
    print(await step("one"))
    print(await step("two"))


asyncio.run(main())
