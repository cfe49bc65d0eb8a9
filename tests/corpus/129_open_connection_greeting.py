# asyncio.open_connection returns before the client has read anything, even when the server
# greets as soon as it accepts: reading starts with the transport's connection_made, the
# caller resumes in the next loop iteration, and the greeting is read in a later one.
import asyncio


async def greet(reader, writer):
    writer.write(b'hello\n')
    await writer.drain()
    print('server read', await reader.read())
    writer.close()
    await writer.wait_closed()


async def main():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(greet, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    for round_ in (1, 2):
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        # What has been read when open_connection returns: nothing yet.
        print(round_, 'connected, at eof:', reader.at_eof())
        loop.call_soon(print, round_, 'next iteration')
        print(round_, 'greeting', await reader.readline())
        writer.write(b'bye')
        writer.write_eof()
        print(round_, 'rest', await reader.read())
        writer.close()
        await writer.wait_closed()
    server.close()
    await server.wait_closed()
    print('done')


asyncio.run(main())
