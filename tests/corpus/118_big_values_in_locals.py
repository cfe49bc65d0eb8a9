# Values that are costly to show (a megabyte of bytes, an int past the str() digit limit) may sit
# in a task's locals and be its result while it runs step after step.
import asyncio


async def produce():
    await asyncio.sleep(0.1)
    return 10**5000


async def main():
    big = 10**5000
    data = bytes(1_000_000)
    chunk = bytearray(b"\"quoted\" and 'single' ") * 1000
    for _ in range(50):
        await asyncio.sleep(0)
    n = await asyncio.create_task(produce())
    print(n == big, len(data), len(chunk), chunk[:8])


asyncio.run(main())
