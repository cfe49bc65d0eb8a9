# asyncio.run with loop_factory: the factory is called once and its loop runs main.
import asyncio

made = []


def factory():
    loop = asyncio.new_event_loop()
    made.append(loop)
    print("factory called")
    return loop


async def main():
    loop = asyncio.get_running_loop()
    print("running on the factory's loop:", loop is made[-1])
    await asyncio.sleep(0.1)
    return "done"


print(asyncio.run(main(), loop_factory=factory))
print("factory calls:", len(made))
print("loop closed after run:", made[0].is_closed())
print(asyncio.run(main(), loop_factory=lambda: factory()))
print("factory calls:", len(made))
print("two distinct loops:", made[0] is not made[1])
print(asyncio.run(asyncio.sleep(0, result="plain"), loop_factory=asyncio.new_event_loop))
