# asyncio runs tasks of its own for a server: create_server resolves each host in a task
# (gathered, one per host even when two name the same address, which is bound once), and the
# loop accepts each connection in a task. Happy eyeballs races a host's addresses in tasks too:
# one per address and one that finds no address left. Each takes a "Task-N" name, so the
# program's own tasks are numbered after them.
import asyncio


def name_of_next_task():
    return asyncio.create_task(asyncio.sleep(0)).get_name()


async def handle(reader, writer):
    print("handler runs in", asyncio.current_task().get_name())
    writer.write((await reader.readline()).upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def talk(port, **kwargs):
    reader, writer = await asyncio.open_connection("127.0.0.1", port, **kwargs)
    writer.write(b"ping\n")
    print("client got", await reader.readline())
    writer.close()
    await writer.wait_closed()


async def main():
    print("main is", asyncio.current_task().get_name())
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print("after start_server:", name_of_next_task())
    other = await asyncio.start_server(handle, ["127.0.0.1", "127.0.0.1"], 0)
    print("two hosts, sockets:", len(other.sockets), "next task:", name_of_next_task())
    other.close()
    await other.wait_closed()
    await talk(port)
    print("after a connection:", name_of_next_task())
    await talk(port, happy_eyeballs_delay=0.25)
    print("after happy eyeballs:", name_of_next_task())
    await asyncio.get_running_loop().getaddrinfo("127.0.0.1", 80)
    print("after getaddrinfo:", name_of_next_task())
    server.close()
    await server.wait_closed()


asyncio.run(main())
