import asyncio


async def runner(name, start):
    print(f"{name} waits for the signal")
    await start.wait()
    print(f"{name} runs")


async def main():
    start = asyncio.Event()
    runners = [asyncio.create_task(runner(n, start)) for n in ("ana", "ben", "chen")]
    await asyncio.sleep(0.5)
    print("referee: go!")
    start.set()
    await asyncio.gather(*runners)


asyncio.run(main())
