# Errors in plain callbacks go to the loop's exception handler; the loop keeps running.
import asyncio


def broken():
    raise ArithmeticError("callback failed")


async def main():
    loop = asyncio.get_running_loop()
    seen = []

    def handler(loop, context):
        seen.append(context["message"])
        print("handler got", repr(context.get("exception")))

    loop.set_exception_handler(handler)
    print("handler installed:", loop.get_exception_handler() is handler)
    loop.call_soon(broken)
    loop.call_soon(print, "next callback still runs")
    await asyncio.sleep(0.1)
    loop.call_exception_handler({"message": "custom report"})
    print("messages:", len(seen))

    loop.set_exception_handler(None)
    print("default handler restored:", loop.get_exception_handler() is None)


asyncio.run(main())
