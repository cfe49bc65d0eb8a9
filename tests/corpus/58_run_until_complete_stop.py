# run_until_complete ends early if the loop is stopped; the future can be finished later.
import asyncio

loop = asyncio.new_event_loop()


async def long_job():
    await asyncio.sleep(0.3)
    print("long_job finished")
    return "late result"


task = loop.create_task(long_job())
loop.call_later(0.1, loop.stop)
try:
    loop.run_until_complete(task)
except RuntimeError as e:
    print("RuntimeError:", e)
print("task done after stop:", task.done())
print("resumed:", loop.run_until_complete(task))
print("run_until_complete on a done task:", loop.run_until_complete(task))


async def raises():
    await asyncio.sleep(0)
    raise ZeroDivisionError("from run_until_complete")


try:
    loop.run_until_complete(raises())
except ZeroDivisionError as e:
    print("propagated:", e)
loop.close()
