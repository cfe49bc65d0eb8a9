# run_forever until stop(); stop from a callback and from a task.
import asyncio

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
ticks = []


def tick(n):
    ticks.append(n)
    print("tick", n)
    if n < 3:
        loop.call_later(0.1, tick, n + 1)
    else:
        loop.stop()


loop.call_soon(tick, 0)
loop.run_forever()
print("stopped after ticks:", ticks)
print("is_running:", loop.is_running())


async def stopper():
    print("stopper runs")
    await asyncio.sleep(0.2)
    print("stopper stops the loop")
    loop.stop()
    return "stopper finished"


task = loop.create_task(stopper())
loop.run_forever()
print("task done:", task.done(), task.result())

# stop() before run_forever: the loop runs one iteration of ready callbacks, then stops.
loop.call_soon(print, "ran in the single iteration")
loop.stop()
loop.run_forever()
print("after single iteration")
loop.close()
