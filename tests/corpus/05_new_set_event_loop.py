# new_event_loop + set_event_loop, then run_until_complete on that loop.
import asyncio


async def work(n):
    await asyncio.sleep(0.1)
    return n * n


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print("get_event_loop returns it:", asyncio.get_event_loop() is loop)
print("result:", loop.run_until_complete(work(7)))
fut = loop.create_future()
loop.call_later(0.1, fut.set_result, "from call_later")
print("future:", loop.run_until_complete(fut))
other = asyncio.new_event_loop()
print("a second loop is different:", other is not loop)
print("second loop result:", other.run_until_complete(work(3)))
other.close()
asyncio.set_event_loop(None)
loop.close()
print("closed:", loop.is_closed(), other.is_closed())
