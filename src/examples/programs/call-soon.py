import asyncio


def say(word):
    print("callback:", word)


async def main():
    loop = asyncio.get_running_loop()
    for word in ("one", "two", "three"):
        loop.call_soon(say, word)
    print("main: scheduled three callbacks")
    await asyncio.sleep(0)  # give the loop a turn
    print("main: back again")


asyncio.run(main())
