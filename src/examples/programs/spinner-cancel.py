import asyncio
import itertools


async def spin(message):
    for char in itertools.cycle("|/-\\"):
        print(f"{char} {message}")
        try:
            await asyncio.sleep(0.1)
        except asyncio.CancelledError:
            print("spinner: cancelled, cleaning up")
            raise


async def slow_function():
    await asyncio.sleep(0.35)  # stands in for slow I/O
    return 42


async def supervisor():
    spinner = asyncio.create_task(spin("thinking!"))
    result = await slow_function()
    spinner.cancel()
    try:
        await spinner
    except asyncio.CancelledError:
        print("supervisor: the spinner is gone")
    return result


print("answer:", asyncio.run(supervisor()))
