import asyncio

import aiohttp

COUNTRIES = ["BR", "CN", "DE", "EG", "IN", "JP", "MX", "NG"]
BASE_URL = "http://flags.example/images"


async def get_flag(session, cc, limit):
    async with limit:
        async with session.get(f"{BASE_URL}/{cc.lower()}.gif") as resp:
            resp.raise_for_status()
            return cc, len(await resp.read())


async def main():
    limit = asyncio.Semaphore(3)
    async with aiohttp.ClientSession() as session:
        jobs = [get_flag(session, cc, limit) for cc in COUNTRIES]
        done = 0
        for job in asyncio.as_completed(jobs):
            cc, size = await job
            done += 1
            bar = "#" * done + "." * (len(COUNTRIES) - done)
            print(f"[{bar}] {cc}: {size} bytes")


asyncio.run(main())
