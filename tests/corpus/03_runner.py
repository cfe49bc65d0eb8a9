# asyncio.Runner keeps one loop across several run() calls.
import asyncio

state = {}


async def remember(key, value):
    await asyncio.sleep(0.1)
    state[key] = asyncio.get_running_loop()
    return value


with asyncio.Runner() as runner:
    print(runner.run(remember("a", 1)))
    print(runner.run(remember("b", 2)))
    print("same loop both times:", state["a"] is state["b"])
    print("get_loop is that loop:", runner.get_loop() is state["a"])
    print("loop closed inside block:", runner.get_loop().is_closed())
    loop = runner.get_loop()

print("loop closed after block:", loop.is_closed())

runner = asyncio.Runner()
print(runner.run(remember("c", 3)))
runner.close()
try:
    runner.run(remember("d", 4))
except RuntimeError as e:
    print("RuntimeError:", e)
