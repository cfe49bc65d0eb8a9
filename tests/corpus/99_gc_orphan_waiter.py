# A task waiting on an Event that only garbage refers to is collected by gc.collect(), as any
# cycle is, and the loop reports it as destroyed while pending (that report goes to stderr).
import asyncio
import gc


async def waiter(event):
    await event.wait()


async def main():
    event = asyncio.Event()
    asyncio.ensure_future(waiter(event))
    await asyncio.sleep(0.1)
    print("main done")


loop = asyncio.new_event_loop()
loop.run_until_complete(main())
print("pending before:", len(asyncio.all_tasks(loop)))
gc.collect()
print("pending after:", len(asyncio.all_tasks(loop)))
loop.close()
