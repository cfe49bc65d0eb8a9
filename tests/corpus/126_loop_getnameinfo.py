# loop.getnameinfo names the host and the service of an address as /etc/hosts and
# /etc/services do: the well-known ports have names, any other port stays a number, and the
# NI_* flags ask for numbers or for UDP's names. Service names also work as the port.
import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    for port in (21, 22, 25, 53, 80, 443, 5432, 6379, 8080, 8000, 8888, 50000):
        print(port, await loop.getnameinfo(("127.0.0.1", port)))
    print(await loop.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICSERV))
    print(await loop.getnameinfo(("127.0.0.1", 443), socket.NI_NUMERICHOST))
    print(await loop.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
    print(await loop.getnameinfo(("127.0.0.1", 53), socket.NI_DGRAM))
    print(await loop.getnameinfo(("127.0.0.1", 22), socket.NI_DGRAM))
    for service in ("http", "https", "www", "ssh", "postgres"):
        info = await loop.getaddrinfo("127.0.0.1", service, type=socket.SOCK_STREAM)
        print(service, info[0][4])
    try:
        await loop.getaddrinfo("127.0.0.1", "no-such-service", type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        print("gaierror", exc.errno == socket.EAI_SERVICE, exc.strerror)


asyncio.run(main())
