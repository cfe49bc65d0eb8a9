"""Simulated thread and process pools on the virtual clock.

The browser gives Python no threads, so `run_in_executor` and `asyncio.to_thread` run the job
right away, in the loop's own thread, on a *simulated worker*: a lane with its own clock.  While a
job runs, `time.sleep(s)` advances only that worker's clock (see `worker_sleep`).  The asyncio
future completes when the loop's virtual clock reaches the worker's finishing time, so four
0.1 s jobs on four workers all finish at t=0.1, and a fifth waits for a free worker as it would
in a real pool of four.

Limits, by design: the job's body runs in one go at its start time, so output it prints carries
the start time; it cannot interleave with the loop while it "runs".

Hook for the engine's patched `time.sleep` (engine owns it): call `worker_sleep(seconds)` first;
when it returns True the sleep happened on a simulated worker and must not block the loop.
`prepare()` also wraps whatever `time.sleep` is current with that check, so the order in which the
engine and the world patch does not matter as long as the engine calls the hook or wraps the
then-current function.
"""

import concurrent.futures
import functools
import os
import threading
import time
from collections import deque

from .. import schema as S

# "Current simulated worker" of this thread.  threading.local rather than a global so that a
# real thread (where one exists, e.g. CPython tests) never sees a worker it does not run on.
_state = threading.local()


def current_worker():
    """The simulated worker whose job is running now, or None when on the loop."""
    return getattr(_state, 'worker', None)


def worker_sleep(seconds):
    """Advance the current worker's clock by `seconds`; False when not inside a worker job."""
    worker = current_worker()
    if worker is None:
        return False
    if seconds < 0:
        raise ValueError('sleep length must be non-negative')
    worker.clock += float(seconds)
    return True


def worker_time():
    """The current worker's clock (virtual seconds), or None when not inside a worker job."""
    worker = current_worker()
    return None if worker is None else worker.clock


def _rec(loop):
    return getattr(loop, '_recorder', None)


_CLOCKS = ('monotonic', 'perf_counter', 'time', 'monotonic_ns', 'perf_counter_ns', 'time_ns')


def wrap_clocks():
    """Inside a worker job, time.monotonic()/perf_counter()/time() (and the _ns forms) run ahead
    of the loop's clock by what the job has slept so far, so a job that times itself sees its
    own sleeps.  Wraps whatever clock is current (the engine's virtual one during a run), once."""
    for name in _CLOCKS:
        inner = getattr(time, name)
        if getattr(inner, '_loopscope_worker_clock', False):
            continue
        scale = 1_000_000_000 if name.endswith('_ns') else 1

        def clock(inner=inner, scale=scale):
            value = inner()
            worker = current_worker()
            if worker is None:
                return value
            ahead = worker.clock - worker.pool.loop.time()
            return value + (int(ahead * scale) if scale != 1 else ahead)

        clock._loopscope_worker_clock = True
        clock.__name__ = name
        clock.__doc__ = inner.__doc__
        setattr(time, name, clock)


def _describe(func, args):
    # asyncio.to_thread passes functools.partial(contextvars.Context.run, func, *args).
    if isinstance(func, functools.partial):
        if getattr(func.func, '__name__', '') == 'run' and func.args:
            func, args = func.args[0], func.args[1:] + tuple(args)
        else:
            args = func.args + tuple(args)
            func = func.func
    name = getattr(func, '__qualname__', None) or getattr(func, '__name__', None) or repr(func)
    shown = ', '.join(_short(a) for a in args[:4])
    if len(args) > 4:
        shown += ', ...'
    return f'{name}({shown})'


def _short(value):
    text = repr(value)
    return text if len(text) <= 30 else text[:27] + '...'


class _Job:
    __slots__ = ('func', 'args', 'future', 'line', 'descr', 'fid')

    def __init__(self, func, args, future, line, descr, fid):
        self.func = func
        self.args = args
        self.future = future
        self.line = line
        self.descr = descr
        self.fid = fid


class _Worker:
    def __init__(self, pool, index, name):
        self.pool = pool
        self.index = index
        self.name = name
        self.clock = 0.0
        self.busy = False
        self.res = -1
        self.thread = None  # a never-started Thread object, returned by current_thread()


class _SimPool:
    """The simulated side of one executor object (per loop)."""

    def __init__(self, loop, executor, prefix, max_workers, kind):
        self.loop = loop
        self.executor = executor
        self.prefix = prefix
        self.max_workers = max_workers
        self.kind = kind
        self.workers = []
        self.queue = deque()
        self.outstanding = 0
        self.idle_waiters = []

    def submit(self, func, args, line):
        loop = self.loop
        fut = loop.create_future()
        rec = _rec(loop)
        fid = rec.future_id(fut) if rec is not None else -1
        job = _Job(func, args, fut, line, _describe(func, args), fid)
        self.outstanding += 1
        fut.add_done_callback(functools.partial(self._on_cancel, job))
        self.queue.append(job)
        self._dispatch()
        return fut

    def _on_cancel(self, job, fut):
        # A job still waiting for a worker is dropped, as concurrent.futures does when the
        # wrapping asyncio future is cancelled before the job starts.
        if fut.cancelled() and job in self.queue:
            self.queue.remove(job)
            self._job_done()

    def _free_worker(self, line):
        for worker in self.workers:
            if not worker.busy:
                return worker
        if len(self.workers) < self.max_workers:
            index = len(self.workers)
            worker = _Worker(self, index, f'{self.prefix}_{index}')
            rec = _rec(self.loop)
            if rec is not None:
                label = f'{self.kind} {worker.name}'
                worker.res = rec.resource(S.RES_WORKER, label, line, self.max_workers)
            self.workers.append(worker)
            return worker
        return None

    def _dispatch(self):
        while self.queue:
            worker = self._free_worker(self.queue[0].line)
            if worker is None:
                return
            self._run(worker, self.queue.popleft())

    def _run(self, worker, job):
        loop = self.loop
        worker.busy = True
        start = loop.time()
        worker.clock = start
        rec = _rec(loop)
        if rec is not None:
            rec.emit_at(S.WORKER_START, job.line, worker.res, rec.string(job.descr), job.fid)
        previous = current_worker()
        _state.worker = worker
        result = exc = None
        try:
            result = job.func(*job.args)
        except BaseException as error:  # a worker thread reports everything to its future
            exc = error
        finally:
            _state.worker = previous
        finish = functools.partial(self._finish, worker, job, result, exc)
        if worker.clock > start:
            loop.call_at(worker.clock, finish)
        else:
            loop.call_soon(finish)

    def _finish(self, worker, job, result, exc):
        rec = _rec(self.loop)
        if rec is not None:
            rec.emit_at(S.WORKER_END, job.line, worker.res, 0, job.fid)
        fut = job.future
        if not fut.done():
            if exc is not None:
                fut.set_exception(exc)
            else:
                fut.set_result(result)
        worker.busy = False
        self._job_done()
        self._dispatch()

    def _job_done(self):
        self.outstanding -= 1
        if self.outstanding == 0:
            waiters, self.idle_waiters = self.idle_waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    async def wait_idle(self):
        if self.outstanding:
            waiter = self.loop.create_future()
            self.idle_waiters.append(waiter)
            await waiter


class ProcessPoolExecutor(concurrent.futures.Executor):
    """Stands in for concurrent.futures.ProcessPoolExecutor, which cannot even be constructed
    in Pyodide (no multiprocessing).  Only its size matters: jobs go through run_in_executor."""

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(),
                 *, max_tasks_per_child=None):
        if max_workers is None:
            cpus = getattr(os, 'process_cpu_count', os.cpu_count)() or 1
            max_workers = cpus
        elif max_workers <= 0:
            raise ValueError('max_workers must be greater than 0')
        self._max_workers = max_workers
        self._initializer = initializer
        self._initargs = initargs
        self._shutdown = False

    def submit(self, fn, /, *args, **kwargs):
        raise RuntimeError(
            'ProcessPoolExecutor.submit() cannot start processes in the browser. Loopscope '
            'simulates the pool: use `await loop.run_in_executor(pool, fn, *args)`.'
        )

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True


def _thread_start_error(self):
    raise RuntimeError(
        f'threading.Thread({self.name!r}).start(): real threads cannot run in the browser. '
        'Use `await asyncio.to_thread(func, *args)` (or loop.run_in_executor) instead; '
        'Loopscope runs it on a simulated worker thread.'
    )


_patched = False


def patch_globals():
    """Process-wide patches, idempotent: threading errors, ProcessPoolExecutor, sleep hook."""
    global _patched
    if _patched:
        return
    _patched = True
    threading.Thread.start = _thread_start_error
    concurrent.futures.ProcessPoolExecutor = ProcessPoolExecutor
    try:
        import concurrent.futures.process as cf_process  # noqa: F401  (fails in Pyodide)
    except Exception:
        pass
    else:
        cf_process.ProcessPoolExecutor = ProcessPoolExecutor

    real_sleep = time.sleep

    @functools.wraps(real_sleep)
    def sleep(seconds):
        if worker_sleep(seconds):
            return None
        return real_sleep(seconds)

    sleep._loopscope_worker_hook = True
    time.sleep = sleep

    real_current_thread = threading.current_thread

    def current_thread():
        worker = current_worker()
        if worker is None:
            return real_current_thread()
        if worker.thread is None:
            worker.thread = threading.Thread(name=worker.name, daemon=True)
        return worker.thread

    threading.current_thread = current_thread
    threading.currentThread = current_thread


def _default_thread_pool_size():
    return min(32, (getattr(os, 'process_cpu_count', os.cpu_count)() or 1) + 4)


class ExecutorLoopMixin:
    """run_in_executor / to_thread / shutdown_default_executor on simulated workers."""

    def _world_pool(self, executor):
        pools = self.__dict__.setdefault('_world_pools', {})
        pool = pools.get(id(executor))
        if pool is None or pool.executor is not executor:
            if isinstance(executor, concurrent.futures.ThreadPoolExecutor):
                prefix = getattr(executor, '_thread_name_prefix', None) or 'ThreadPoolExecutor'
                kind = 'thread'
            else:
                kind = 'process' if isinstance(executor, ProcessPoolExecutor) else 'executor'
                index = len([p for p in pools.values() if p.kind == kind])
                prefix = f'{type(executor).__name__}-{index}'
            size = getattr(executor, '_max_workers', None) or _default_thread_pool_size()
            pool = _SimPool(self, executor, prefix, size, kind)
            pools[id(executor)] = pool
        return pool

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if self._debug:
            self._check_callback(func, 'run_in_executor')
        if executor is None:
            executor = self._default_executor
            self._check_default_executor()
            if executor is None:
                executor = concurrent.futures.ThreadPoolExecutor(thread_name_prefix='asyncio')
                self._default_executor = executor
        if getattr(executor, '_shutdown', False):
            raise RuntimeError('cannot schedule new futures after shutdown')
        rec = _rec(self)
        line = rec.user_line() if rec is not None else 0
        return self._world_pool(executor).submit(func, args, line)

    async def shutdown_default_executor(self, timeout=None):
        # The real one joins the pool from a helper thread; here the jobs are already simulated,
        # so waiting means letting virtual time reach the last job's end.
        self._executor_shutdown_called = True
        executor = self._default_executor
        if executor is None:
            return
        pool = self.__dict__.get('_world_pools', {}).get(id(executor))
        if pool is not None and pool.executor is executor:
            await pool.wait_idle()
        executor.shutdown(wait=False)
