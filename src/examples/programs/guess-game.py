import asyncio
import random

SECRET = random.Random(2024).randint(1, 100)


async def game(reader, writer):
    writer.write(b"guess a number from 1 to 100\n")
    tries = 0
    while line := await reader.readline():
        tries += 1
        guess = int(line)
        if guess == SECRET:
            writer.write(f"yes, in {tries} tries\n".encode())
            break
        writer.write(b"higher\n" if guess < SECRET else b"lower\n")
        await writer.drain()
    await writer.drain()
    writer.close()


async def player(port):
    reader, writer = await asyncio.open_connection("localhost", port)
    print("server:", (await reader.readline()).decode().strip())
    low, high = 1, 100
    while True:
        guess = (low + high) // 2
        writer.write(f"{guess}\n".encode())
        answer = (await reader.readline()).decode().strip()
        print(f"player: {guess}?  server: {answer}")
        if answer == "higher":
            low = guess + 1
        elif answer == "lower":
            high = guess - 1
        else:
            break
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(game, "localhost", 7777)
    async with server:
        await player(7777)


asyncio.run(main())
