# Fluent Python's executors from plain code: map, submit + as_completed, wait and timeouts.
import time
from concurrent import futures

t0 = time.monotonic()


def now():
    return round(time.monotonic() - t0)


def loiter(n):
    time.sleep(n)
    return n * 10


with futures.ThreadPoolExecutor(max_workers=3) as executor:
    results = executor.map(loiter, range(5))
    print('submitted', now())
    for i, result in enumerate(results):
        print('result', i, result, now())


def job(n):
    time.sleep(n)
    if n == 3:
        raise ValueError('three')
    return n


t0 = time.monotonic()
ex = futures.ThreadPoolExecutor(max_workers=2)
fs = [ex.submit(job, n) for n in (2, 1, 3)]
print([f.done() for f in fs], now())
done, not_done = futures.wait(fs, return_when=futures.FIRST_COMPLETED)
print(sorted(f.result() for f in done), len(not_done), now())
try:
    for f in futures.as_completed(fs, timeout=1.4):
        print('completed', f.result(), now())
except futures.TimeoutError as e:
    print('timeout', e, now())
print(type(fs[2].exception()).__name__, now())
ex.shutdown()
try:
    ex.submit(job, 0)
except RuntimeError as e:
    print(e)
