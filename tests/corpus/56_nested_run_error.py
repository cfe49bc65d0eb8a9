# asyncio.run refuses to run inside a running loop; run_until_complete on a running loop too.
import asyncio


async def inner():
    return "inner"


async def main():
    coro = inner()
    try:
        asyncio.run(coro)
    except RuntimeError as e:
        print("asyncio.run inside loop:", e)
    coro.close()
    loop = asyncio.get_running_loop()
    coro = inner()
    try:
        loop.run_until_complete(coro)
    except RuntimeError as e:
        print("run_until_complete inside loop:", e)
    coro.close()
    return "main done"


# (asyncio.run of a non-coroutine is left out: 3.13 raises ValueError, 3.14 TypeError.)
print(asyncio.run(main()))
print(asyncio.run(inner()))
