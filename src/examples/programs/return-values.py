import asyncio

PRICES = {"tea": 3, "cake": 5}


async def fetch_price(item):
    await asyncio.sleep(0.2)  # pretend to ask a server
    return PRICES[item]


async def main():
    tea = await fetch_price("tea")
    cake = await fetch_price("cake")
    print(f"tea {tea} + cake {cake} = {tea + cake}")


asyncio.run(main())
