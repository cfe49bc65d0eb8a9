import asyncio


async def first(a, b):
    async with a:
        await asyncio.sleep(0.1)
        async with b:
            print("first got both")


async def second(a, b):
    async with b:
        await asyncio.sleep(0.1)
        async with a:
            print("second got both")


async def main():
    lock_a = asyncio.Lock()
    lock_b = asyncio.Lock()
    await asyncio.gather(first(lock_a, lock_b), second(lock_a, lock_b))


asyncio.run(main())
