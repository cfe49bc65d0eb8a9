# Edge cases of the primitives: cancelled waiters, no barging, condition re-acquire, subclasses.
import asyncio


async def main():
    # A waiter woken by release() but cancelled before it runs passes the lock on.
    lock = asyncio.Lock()
    await lock.acquire()
    order = []

    async def waiter(name):
        try:
            async with lock:
                order.append(name)
                await asyncio.sleep(0.1)
        except asyncio.CancelledError:
            order.append(f"{name} cancelled")
            raise

    a = asyncio.create_task(waiter("a"))
    b = asyncio.create_task(waiter("b"))
    await asyncio.sleep(0.1)
    lock.release()
    a.cancel()
    # A newcomer does not barge in ahead of the queued waiter.
    c = asyncio.create_task(waiter("c"))
    await asyncio.gather(a, b, c, return_exceptions=True)
    print("lock order:", order)

    # Semaphore: a cancelled waiter does not consume the value.
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    s1 = asyncio.create_task(sem.acquire())
    s2 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0.1)
    s1.cancel()
    sem.release()
    await asyncio.sleep(0.1)
    print("s1 cancelled:", s1.cancelled(), "s2 acquired:", s2.done() and s2.result(), "locked:", sem.locked())

    # Condition.wait cancelled: the lock is re-acquired before the CancelledError propagates.
    cond = asyncio.Condition()

    async def cond_waiter():
        async with cond:
            try:
                await cond.wait()
            except asyncio.CancelledError:
                print("cancelled in wait, holds lock again:", cond.locked())
                raise

    t = asyncio.create_task(cond_waiter())
    await asyncio.sleep(0.1)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print("condition lock free afterwards:", not cond.locked())

    # Waiting on an Event with a timeout.
    ev = asyncio.Event()
    try:
        await asyncio.wait_for(ev.wait(), 0.1)
    except TimeoutError:
        print("event wait timed out, waiters left:", len(ev._waiters))

    # A user subclass of Queue with its own ordering, and the generic alias.
    class ReverseQueue(asyncio.Queue):
        def _init(self, maxsize):
            self._queue = []

        def _put(self, item):
            self._queue.insert(0, item)

        def _get(self):
            return self._queue.pop(0)

    rq: asyncio.Queue[int] = ReverseQueue()
    for i in range(3):
        rq.put_nowait(i)
    print("subclass order:", [rq.get_nowait() for _ in range(3)], isinstance(rq, asyncio.Queue))
    print("primitives are the asyncio ones:",
          all(isinstance(x, k) for x, k in [(lock, asyncio.Lock), (sem, asyncio.Semaphore),
                                             (cond, asyncio.Condition), (ev, asyncio.Event)]))


asyncio.run(main())
