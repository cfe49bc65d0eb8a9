import asyncio


async def greet(name):
    print(f"hello, {name}")
    await asyncio.sleep(0.5)
    print(f"goodbye, {name}")


async def main():
    coro = greet("Ada")
    print("greet() returned a", type(coro).__name__, "and nothing has run yet")
    await coro


asyncio.run(main())
