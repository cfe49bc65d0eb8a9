# Chained coroutines, as the asyncio documentation of 2015 showed them: one coroutine waits for
# another, which waits for a third; the loop runs until the outermost one is done.
import asyncio


@asyncio.coroutine
def fetch_price(item):
    print('Looking up the price of %s ...' % item)
    yield from asyncio.sleep(0.5)
    return {'apple': 3, 'pear': 4}[item]


@asyncio.coroutine
def add_prices(a, b):
    print('Adding the prices of %s and %s ...' % (a, b))
    first = yield from fetch_price(a)
    second = yield from fetch_price(b)
    yield from asyncio.sleep(1.0)
    return first + second


@asyncio.coroutine
def print_total(a, b):
    total = yield from add_prices(a, b)
    print('%s + %s = %s' % (a, b, total))


loop = asyncio.get_event_loop()
start = loop.time()
loop.run_until_complete(print_total('apple', 'pear'))
print('took %.1f s' % (loop.time() - start))
loop.close()
