# Guess the number over TCP: a server that keeps a secret and a client that finds it by
# bisection, both in one program on one event loop.
import asyncio
import random


async def host_game(reader, writer):
    secret = random.randint(1, 1000)
    peer = writer.get_extra_info('peername')
    print('[server] new player from', peer)
    writer.write(b'I am thinking of a number from 1 to 1000.\n')
    await writer.drain()
    tries = 0
    while True:
        line = await reader.readline()
        if not line:
            break
        tries += 1
        guess = int(line)
        if guess < secret:
            writer.write(b'higher\n')
        elif guess > secret:
            writer.write(b'lower\n')
        else:
            writer.write('yes! {} tries\n'.format(tries).encode())
            await writer.drain()
            break
        await writer.drain()
    print('[server] player done after', tries, 'tries')
    writer.close()
    await writer.wait_closed()


async def play(host, port):
    reader, writer = await asyncio.open_connection(host, port)
    print('[client]', (await reader.readline()).decode().strip())
    low, high = 1, 1000
    while True:
        guess = (low + high) // 2
        writer.write('{}\n'.format(guess).encode())
        await writer.drain()
        reply = (await reader.readline()).decode().strip()
        print('[client] {:3d} -> {}'.format(guess, reply))
        if reply == 'higher':
            low = guess + 1
        elif reply == 'lower':
            high = guess - 1
        else:
            break
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(host_game, '127.0.0.1', 8888)
    addr = server.sockets[0].getsockname()
    print('[server] serving on', addr)
    async with server:
        await play(*addr)
    print('game over')


asyncio.run(main())
