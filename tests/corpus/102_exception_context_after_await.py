# After a task catches an exception that an await raised, nothing of it stays "being handled":
# sys.exc_info() is empty again and the next exception has no __context__. (The C Task throws the
# awaited exception into the coroutine from outside any except block.)
import asyncio
import sys


async def child():
    await asyncio.sleep(1)


async def fails():
    await asyncio.sleep(0.1)
    raise ValueError('first, handled')


async def main():
    t = asyncio.create_task(child())
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('cancelled')
    print('after cancel, exc_info:', sys.exc_info()[0])
    try:
        raise KeyError('y')
    except KeyError as k:
        print('after cancel, context:', repr(k.__context__))

    try:
        await asyncio.wait_for(child(), 0.1)
    except TimeoutError:
        print('timed out')
    try:
        raise KeyError('z')
    except KeyError as k:
        print('after timeout, context:', repr(k.__context__))

    try:
        await asyncio.create_task(fails())
    except ValueError:
        print('handled it')
    try:
        {}['missing']
    except KeyError as k:
        print('after a failed task, context:', repr(k.__context__))

    # The same through a future set with an exception by a callback.
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_later(0.1, fut.set_exception, OSError('callback'))
    try:
        await fut
    except OSError as e:
        print('future raised', e)
    print('after the future, exc_info:', sys.exc_info()[0])


asyncio.run(main())
