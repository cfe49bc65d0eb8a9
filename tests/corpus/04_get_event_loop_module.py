# The classic style: get_event_loop() at module level, then run_until_complete.
# (CPython 3.13 prints a DeprecationWarning on stderr here; only stdout is compared.)
import asyncio


async def greet(name, delay):
    await asyncio.sleep(delay)
    print("hello", name)
    return name.upper()


loop = asyncio.get_event_loop()
print("same loop again:", asyncio.get_event_loop() is loop)
print(loop.run_until_complete(greet("world", 0.1)))
tasks = [loop.create_task(greet(n, d)) for n, d in [("b", 0.2), ("a", 0.1)]]
print(loop.run_until_complete(asyncio.gather(*tasks)))
print("running:", loop.is_running())
loop.close()
print("closed:", loop.is_closed())
