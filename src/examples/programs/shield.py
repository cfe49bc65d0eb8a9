import asyncio


async def save_to_disk():
    print("saving...")
    await asyncio.sleep(0.5)
    print("saved")
    return "ok"


async def handle_request():
    return await asyncio.shield(save_to_disk())


async def main():
    request = asyncio.create_task(handle_request())
    await asyncio.sleep(0.2)
    request.cancel()  # the client hung up
    try:
        await request
    except asyncio.CancelledError:
        print("request cancelled")
    await asyncio.sleep(0.5)  # meanwhile the shielded save carries on
    print("main done")


asyncio.run(main())
