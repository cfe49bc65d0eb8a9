# With logging sent to stdout, asyncio's own reports (a callback error, an exception never
# retrieved) appear on stdout at the moment they happen.
import asyncio
import gc
import logging
import sys



class FirstLineHandler(logging.Handler):
    # Only the first line, without the " at /path/file.py:NN" part: tracebacks and paths differ
    # between interpreters, the moment and the wording of the report do not.
    def emit(self, record):
        first = record.getMessage().splitlines()[0].split(" at ")[0]
        print(f"{record.levelname}:{record.name}:{first}", file=sys.stdout)


logging.basicConfig(level=logging.INFO, handlers=[FirstLineHandler()])
log = logging.getLogger("app")


async def fails():
    raise RuntimeError("never looked at")


def bad_callback():
    raise ValueError("in a callback")


async def main():
    log.info("start")
    loop = asyncio.get_running_loop()
    loop.call_soon(bad_callback)
    await asyncio.sleep(0.1)
    log.info("after the callback error")
    t = asyncio.create_task(fails())
    await asyncio.sleep(0.1)
    log.info("task done: %s", t.done())
    del t
    gc.collect()
    log.info("after del")


asyncio.run(main())
