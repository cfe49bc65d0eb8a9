# Cancelling a gather cancels every child that is still pending.
import asyncio


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "done")
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    g = asyncio.gather(child("a", 0.1), child("b", 1), child("c", 2))
    await asyncio.sleep(0.5)
    print("cancel returns", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("awaiting gather raised CancelledError")
    print("gather cancelled:", g.cancelled())

    # Cancelling one child (not the gather) makes the gather raise CancelledError.
    t1 = asyncio.create_task(child("x", 0.3))
    t2 = asyncio.create_task(child("y", 0.1))
    g = asyncio.gather(t1, t2)
    await asyncio.sleep(0.2)
    t1.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather saw the child's cancellation")

    # A task awaiting gather is cancelled: the gather and its children are cancelled too.
    inner = asyncio.gather(child("p", 1), child("q", 1))

    async def waiter():
        return await inner

    w = asyncio.create_task(waiter())
    await asyncio.sleep(0.1)
    w.cancel()
    await asyncio.gather(w, return_exceptions=True)
    print("waiter cancelled:", w.cancelled(), "inner cancelled:", inner.cancelled())


asyncio.run(main())
