# stdout is captured byte for byte: partial writes, unicode, many lines, stderr kept apart.
import asyncio
import sys


async def main():
    print("no newline yet...", end="")
    await asyncio.sleep(0.1)
    print(" done")
    sys.stdout.write("written directly\n")
    print("naïve café", "漢字", "😀", sep=" | ")
    print("to stderr", file=sys.stderr)
    for i in range(300):
        print(f"line {i:03d}", "x" * (i % 17))
        if i % 100 == 0:
            await asyncio.sleep(0)
    sys.stdout.flush()
    print("tab\tand\\backslash", repr("quote'\""))
    print()
    print("end")


asyncio.run(main())
