import asyncio


async def slow_query():
    try:
        await asyncio.sleep(2.0)
        return "rows"
    except asyncio.CancelledError:
        print("slow_query: cancelled by the timeout")
        raise


async def main():
    try:
        rows = await asyncio.wait_for(slow_query(), timeout=0.5)
        print(rows)
    except TimeoutError:
        print("main: gave up after 0.5 s")


asyncio.run(main())
