# The common entry point sys.exit(asyncio.run(main())): exit status comes from main's return value.
import asyncio
import sys


async def main():
    await asyncio.sleep(0.1)
    print("main finishing")
    return 0


if __name__ == "__main__":
    print("name is __main__")
    sys.exit(asyncio.run(main()))
