import asyncio


async def print_homework(student, printers):
    async with printers:
        print(f"{student} is printing")
        await asyncio.sleep(0.3)
    print(f"{student} is done")


async def main():
    printers = asyncio.Semaphore(2)
    students = ("ana", "ben", "chen", "dara", "eli")
    await asyncio.gather(*(print_homework(s, printers) for s in students))


asyncio.run(main())
