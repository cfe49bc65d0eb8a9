# sys.stdout and sys.stderr are text streams: reconfigure(), their names and modes, a buffer
# for bytes, which a program may wrap in its own TextIOWrapper; sys.__stdout__ and os.write(1)
# reach the same output.
import asyncio
import io
import os
import sys

sys.stdout.reconfigure(encoding="utf-8")
print(sys.stdout.name, sys.stdout.mode, sys.stdout.encoding, sys.stdout.newlines)
print(sys.stderr.name, sys.stderr.errors, sys.stderr.line_buffering)
print(sys.stdout.buffer.name, sys.stdout.buffer.mode, sys.stdout.writable())
sys.stdout.flush()
os.write(1, "straight to the descriptor\n".encode())
sys.__stdout__.write("through sys.__stdout__\n")
sys.stdout.flush()
sys.stdout.buffer.write("bytes: café\n".encode())
sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8")


async def main():
    await asyncio.sleep(0.1)
    print("wrapped: 你好")


asyncio.run(main())
