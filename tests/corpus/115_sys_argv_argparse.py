# sys.argv[0] is the program's path as it was run, so argparse names the program in its usage
# line and its errors; with no arguments given, the defaults apply.
import argparse
import asyncio
import os
import sys

print(os.path.basename(sys.argv[0]), sys.argv[1:])
parser = argparse.ArgumentParser(description="fetch a few pages")
parser.add_argument("--count", type=int, default=3)
parser.add_argument("--delay", type=float, default=0.1)
print(parser.format_usage(), end="")
args = parser.parse_args()
print(args)


async def fetch(i):
    await asyncio.sleep(args.delay * (args.count - i))
    return i


async def main():
    print(await asyncio.gather(*(fetch(i) for i in range(args.count))))


asyncio.run(main())
try:
    parser.parse_args(["--count", "many"])  # the error goes to stderr, naming the program
except SystemExit as e:
    print("exit", e.code)
