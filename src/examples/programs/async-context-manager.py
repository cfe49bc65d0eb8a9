import asyncio
from contextlib import asynccontextmanager


class Connection:
    async def __aenter__(self):
        print("connecting...")
        await asyncio.sleep(0.1)
        print("connected")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.05)
        print("connection closed")
        return False


@asynccontextmanager
async def transaction(name):
    print(f"begin {name}")
    try:
        yield name
    except ValueError:
        print(f"rollback {name}")
        raise
    print(f"commit {name}")


async def main():
    async with Connection():
        async with transaction("t1"):
            await asyncio.sleep(0.1)
        try:
            async with transaction("t2"):
                raise ValueError("bad row")
        except ValueError as error:
            print("caught:", error)


asyncio.run(main())
