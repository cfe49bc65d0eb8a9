# SIGINT under asyncio.run: the Runner cancels the main task, then raises KeyboardInterrupt.
import asyncio, os, signal

async def main():
    try:
        print('sleeping')
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('main cancelled')
        raise

try:
    asyncio.run(main())
except KeyboardInterrupt:
    print('KeyboardInterrupt caught')
