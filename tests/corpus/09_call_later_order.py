# call_later: ordered by delay; equal delays keep scheduling order; cancelled timers never run.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    t0 = loop.time()
    order = []

    def cb(name):
        order.append(name)
        print(name, "at", round(loop.time() - t0, 1))

    loop.call_later(0.3, cb, "c-0.3")
    loop.call_later(0.1, cb, "a-0.1")
    for i in range(5):
        loop.call_later(0.2, cb, f"b{i}-0.2")
    h = loop.call_later(0.15, cb, "cancelled")
    print("timer when is in the future:", h.when() > t0)
    h.cancel()
    loop.call_later(0.4, done.set_result, None)
    await done
    print(order)


asyncio.run(main())
