import asyncio


async def step(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name} finished")


async def main():
    try:
        async with asyncio.timeout(1.0) as deadline:
            await step("prepare", 0.4)
            await step("upload", 0.4)
            await step("verify", 0.4)
    except TimeoutError:
        print("the whole block ran out of time")
    print("expired:", deadline.expired())


asyncio.run(main())
