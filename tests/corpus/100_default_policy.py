# A program that asks for asyncio's own default policy back (set_event_loop_policy(None), or a
# DefaultEventLoopPolicy instance) still runs; its loops are Loopscope's, on the virtual clock.
# (3.14 deprecates these names: a DeprecationWarning on stderr, not compared.)
import asyncio


async def main(tag):
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.sleep(1)
    print(tag, round(loop.time() - start, 1))


asyncio.set_event_loop_policy(asyncio.DefaultEventLoopPolicy())
asyncio.run(main("instance"))
asyncio.set_event_loop_policy(None)
asyncio.run(main("reset"))
loop = asyncio.get_event_loop_policy().new_event_loop()
loop.run_until_complete(main("policy loop"))
loop.close()
