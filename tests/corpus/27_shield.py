# shield: cancelling the outer await does not cancel the inner task.
import asyncio


async def important():
    print("important: start")
    await asyncio.sleep(0.3)
    print("important: finished")
    return "saved"


async def caller(inner):
    return await asyncio.shield(inner)


async def main():
    inner = asyncio.create_task(important())
    outer = asyncio.create_task(caller(inner))
    await asyncio.sleep(0.1)
    print("cancel outer:", outer.cancel())
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled:", outer.cancelled())
    print("inner done yet:", inner.done())
    print("inner result:", await inner)

    # Cancelling the shielded task itself does reach the awaiter.
    inner2 = asyncio.create_task(asyncio.sleep(1))
    outer2 = asyncio.create_task(caller(inner2))
    await asyncio.sleep(0.1)
    inner2.cancel()
    try:
        await outer2
    except asyncio.CancelledError:
        print("outer2 cancelled because inner2 was:", outer2.cancelled())

    # shield on a finished future returns its result at once.
    f = asyncio.get_running_loop().create_future()
    f.set_result(42)
    print(await asyncio.shield(f))


asyncio.run(main())
