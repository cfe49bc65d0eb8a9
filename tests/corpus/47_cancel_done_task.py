# cancel() on a finished task returns False and changes nothing; on a pending task it returns True.
import asyncio


async def quick():
    return "quick result"


async def main():
    t = asyncio.create_task(quick())
    await t
    print("cancel done task:", t.cancel(), "cancelled:", t.cancelled(), "result:", t.result())

    failed = asyncio.create_task(asyncio.sleep(0, result=None))
    await failed
    print("cancel again:", failed.cancel())

    pending = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    print("cancel pending:", pending.cancel())
    print("cancel it twice:", pending.cancel(), "cancelling:", pending.cancelling())
    await asyncio.gather(pending, return_exceptions=True)
    print("cancel after cancelled:", pending.cancel())

    fut = asyncio.get_running_loop().create_future()
    fut.set_result(1)
    print("future cancel after result:", fut.cancel())
    fut2 = asyncio.get_running_loop().create_future()
    print("future cancel pending:", fut2.cancel(), fut2.cancelled())
    try:
        fut2.set_result(2)
    except asyncio.InvalidStateError:
        print("InvalidStateError setting a cancelled future")


asyncio.run(main())
