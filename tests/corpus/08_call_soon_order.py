# call_soon callbacks run FIFO, with their arguments; cancelled handles are skipped.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    order = []

    def cb(name, *rest):
        order.append(name)
        print("callback", name, rest)

    loop.call_soon(cb, "a")
    h = loop.call_soon(cb, "b", 1, 2)
    loop.call_soon(cb, "c")
    print("handle cancelled before:", h.cancelled())
    h.cancel()
    print("handle cancelled after:", h.cancelled())

    def nested():
        print("nested runs, schedules d")
        loop.call_soon(cb, "d")
        loop.call_soon(done.set_result, None)

    loop.call_soon(nested)
    loop.call_soon(cb, "e")
    print("scheduled, now awaiting")
    await done
    print("order:", order)


asyncio.run(main())
