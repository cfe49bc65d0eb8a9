# Async context managers: a class, contextlib.asynccontextmanager, and AsyncExitStack.
import asyncio
import contextlib


class Resource:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print("enter", self.name)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.1)
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return exc_type is KeyError  # swallow KeyError only


@contextlib.asynccontextmanager
async def opened(name):
    print("open", name)
    await asyncio.sleep(0.1)
    try:
        yield name.upper()
    except ValueError as e:
        print("cm saw", repr(e))
        raise
    finally:
        await asyncio.sleep(0.1)
        print("close", name)


async def main():
    async with Resource("r1") as r:
        print("using", r.name)
    async with Resource("r2"):
        raise KeyError("swallowed")
    print("KeyError was swallowed")
    try:
        async with Resource("r3"):
            raise IndexError("passes through")
    except IndexError as e:
        print("caught", repr(e))

    async with opened("file") as f:
        print("inside with", f)
    try:
        async with opened("broken"):
            raise ValueError("oops")
    except ValueError:
        print("ValueError propagated")

    async with contextlib.AsyncExitStack() as stack:
        for n in ("s1", "s2", "s3"):
            print("got", await stack.enter_async_context(opened(n)))
        stack.push_async_callback(asyncio.sleep, 0)
        print("stack body")
    print("stack unwound in reverse order")


asyncio.run(main())
