# asyncio.timeout: expiry raises TimeoutError, reschedule extends, None disables.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with asyncio.timeout(0.2) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        print("timed out at", round(loop.time() - t0, 1), "expired:", cm.expired())

    async with asyncio.timeout(0.5) as cm:
        await asyncio.sleep(0.1)
    print("finished in time, expired:", cm.expired())

    t0 = loop.time()
    try:
        async with asyncio.timeout(0.1) as cm:
            cm.reschedule(loop.time() + 0.3)
            await asyncio.sleep(1)
    except TimeoutError:
        print("rescheduled timeout fired at", round(loop.time() - t0, 1))

    async with asyncio.timeout(None) as cm:
        print("when:", cm.when())
        await asyncio.sleep(0.2)
    print("no deadline, expired:", cm.expired())

    # Catching the inner CancelledError would break timeout; here the inner code cleans up and re-raises.
    try:
        async with asyncio.timeout(0.1):
            try:
                await asyncio.sleep(1)
            finally:
                print("inner finally runs")
    except TimeoutError as e:
        print("TimeoutError, cause is CancelledError:", type(e.__cause__).__name__)


asyncio.run(main())
