# An exception escaping asyncio.run ends the program with status 1 and a traceback on stderr.
import asyncio


async def level2():
    await asyncio.sleep(0.1)
    raise ValueError("deep failure")


async def level1():
    print("level1 calling level2")
    await level2()


async def main():
    print("main starts")
    await level1()
    print("not reached")


print("before run")
asyncio.run(main())
print("not reached either")
