# 60 tasks with shuffled distinct delays (20 ms apart) wake in delay order.
import asyncio
import random

rng = random.Random(7)
delays = [i * 0.02 for i in range(1, 61)]
rng.shuffle(delays)
woke = []


async def sleeper(i, d):
    await asyncio.sleep(d)
    woke.append(i)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await asyncio.gather(*(sleeper(i, d) for i, d in enumerate(delays)))
    expected = sorted(range(len(delays)), key=lambda i: delays[i])
    print("woke in delay order:", woke == expected)
    print("first ten:", woke[:10])
    print("elapsed", round(loop.time() - t0, 1))


asyncio.run(main())
