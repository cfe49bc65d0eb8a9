# A deadline reached by one long sleep and by a chain of shorter sleeps (binary-exact delays):
# the timer scheduled first wakes first.
import asyncio

order = []


async def long_sleep():
    await asyncio.sleep(1.0)
    order.append("long 1.0")


async def chain():
    await asyncio.sleep(0.5)
    order.append("chain 0.5")
    await asyncio.sleep(0.5)
    order.append("chain 0.5+0.5")


async def main():
    await asyncio.gather(long_sleep(), chain())
    print(order)


asyncio.run(main())
