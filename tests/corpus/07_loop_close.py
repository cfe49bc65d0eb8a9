# loop.close: idempotent, refuses while running, and a closed loop refuses to run.
import asyncio

loop = asyncio.new_event_loop()


async def try_close():
    try:
        asyncio.get_running_loop().close()
    except RuntimeError as e:
        print("close while running:", e)
    return "ok"


print(loop.run_until_complete(try_close()))
loop.close()
loop.close()
print("closed twice, is_closed:", loop.is_closed())


async def never():
    return 1


coro = never()
try:
    loop.run_until_complete(coro)
except RuntimeError as e:
    print("run on closed loop:", e)
coro.close()
try:
    loop.call_soon(print, "nope")
except RuntimeError as e:
    print("call_soon on closed loop:", e)
try:
    loop.run_forever()
except RuntimeError as e:
    print("run_forever on closed loop:", e)
