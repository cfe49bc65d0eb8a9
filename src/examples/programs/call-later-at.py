import asyncio


def ring(label, loop, start):
    print(f"{loop.time() - start:.1f} s  {label}")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    loop.call_later(0.3, ring, "call_later(0.3)", loop, start)
    loop.call_at(start + 0.1, ring, "call_at(start + 0.1)", loop, start)
    forgotten = loop.call_later(0.2, ring, "this one never rings", loop, start)
    loop.call_soon(ring, "call_soon", loop, start)
    forgotten.cancel()
    await asyncio.sleep(0.5)


asyncio.run(main())
