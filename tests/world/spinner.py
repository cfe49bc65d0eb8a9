# A text spinner that turns while a slow computation runs, in the 2015 style of the classic
# asyncio books: @asyncio.coroutine, yield from and asyncio.async, on the loop from
# get_event_loop().
import asyncio
import itertools
import sys


@asyncio.coroutine
def twirl(label):
    out = sys.stdout
    for mark in itertools.cycle('|/-\\'):
        frame = mark + ' ' + label
        out.write(frame)
        out.flush()
        out.write('\b' * len(frame))  # back to the start of the line
        try:
            yield from asyncio.sleep(.1)
        except asyncio.CancelledError:
            break
    out.write(' ' * len(frame) + '\b' * len(frame))


@asyncio.coroutine
def deep_thought():
    # stands in for waiting on slow I/O
    yield from asyncio.sleep(3)
    return 42


@asyncio.coroutine
def boss():
    spinner = asyncio.async(twirl('pondering...'))
    print('spinner started:', type(spinner).__name__)
    answer = yield from deep_thought()
    spinner.cancel()
    return answer


def main():
    loop = asyncio.get_event_loop()
    answer = loop.run_until_complete(boss())
    loop.close()
    print('The answer:', answer)


if __name__ == '__main__':
    main()
