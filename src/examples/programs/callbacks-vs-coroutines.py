import asyncio


def stage1(loop, done):
    print("callbacks: stage 1")
    loop.call_later(0.1, stage2, loop, done)


def stage2(loop, done):
    print("callbacks: stage 2")
    loop.call_later(0.1, stage3, done)


def stage3(done):
    print("callbacks: stage 3")
    done.set_result("callback chain finished")


async def pipeline():
    print("coroutine: stage 1")
    await asyncio.sleep(0.1)
    print("coroutine: stage 2")
    await asyncio.sleep(0.1)
    print("coroutine: stage 3")
    return "coroutine finished"


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_soon(stage1, loop, done)
    print(await pipeline())
    print(await done)


asyncio.run(main())
