# A task that fails and is never awaited: Python only logs it (stderr); the exit status stays 0.
import asyncio


async def fails():
    print("fails runs")
    raise RuntimeError("nobody looks at me")


async def main():
    t = asyncio.create_task(fails())
    await asyncio.sleep(0.1)
    print("task done:", t.done())
    del t
    await asyncio.sleep(0.1)
    print("main returns normally")


asyncio.run(main())
print("program end")
