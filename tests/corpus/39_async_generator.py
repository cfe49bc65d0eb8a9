# Async generators: async for, asend, athrow, aclose running the finally block.
import asyncio


async def ticker(n, delay):
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            yield i
    finally:
        print("ticker cleanup")


async def echo():
    received = None
    try:
        while True:
            received = yield f"echo:{received}"
            await asyncio.sleep(0.1)
    except KeyError as e:
        print("echo caught", repr(e))
        yield "after-throw"
    finally:
        print("echo closing")


async def main():
    async for i in ticker(3, 0.1):
        print("tick", i)
    print([x async for x in ticker(2, 0.1)])

    gen = ticker(10, 0.1)
    print("first", await anext(gen))
    await gen.aclose()
    print("closed; next raises:", end=" ")
    try:
        await anext(gen)
    except StopAsyncIteration:
        print("StopAsyncIteration")

    e = echo()
    print(await e.asend(None))
    print(await e.asend("hi"))
    print(await e.asend(42))
    print(await e.athrow(KeyError("k")))
    await e.aclose()
    print("default for exhausted:", await anext(ticker(0, 0), "nothing"))

    async def squares():
        for i in range(4):
            yield i * i
            await asyncio.sleep(0)

    print("comprehension:", [s async for s in squares() if s % 2 == 0])


asyncio.run(main())
