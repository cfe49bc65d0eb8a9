# A program's own __repr__ and __str__ run only when the program asks for them: describing the
# locals and results of its tasks must not call them where anyone can see (no extra output).
import asyncio


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        print("repr called")
        return f"Point({self.x}, {self.y})"


class Failure(Exception):
    def __str__(self):
        print("str called")
        return "failed"


async def make(x):
    await asyncio.sleep(0.1)
    return Point(x, x)


async def fail():
    await asyncio.sleep(0.1)
    raise Failure()


async def main():
    p = await make(1)
    q = await asyncio.create_task(make(2))
    await asyncio.sleep(0.1)
    try:
        await asyncio.create_task(fail())
    except Failure as e:
        print("caught", type(e).__name__)
    print("done", p.x, q.y)
    print([p])
    print(f"{Failure()}")


asyncio.run(main())
