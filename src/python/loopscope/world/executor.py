"""Simulated thread and process pools on the virtual clock.

The browser gives Python no threads, so `run_in_executor` and `asyncio.to_thread` run the job
right away, in the loop's own thread, on a *simulated worker*: a lane with its own clock.  While a
job runs, `time.sleep(s)` advances only that worker's clock (see `worker_sleep`).  The asyncio
future completes when the loop's virtual clock reaches the worker's finishing time, so four
0.1 s jobs on four workers all finish at t=0.1, and a fifth waits for a free worker as it would
in a real pool of four.

Limits, by design: the job's body runs in one go at its start time, so output it prints carries
the start time; it cannot interleave with the loop while it "runs".

A job sees asyncio as a worker thread does: no running loop, no current task, no current event
loop.  So it may run a loop of its own (`asyncio.run(coro)` from sync code), which runs to
completion inside the job, on the worker's clock, unrecorded (see `_on_worker`, `_WorkerRun`).

Hook for the engine's patched `time.sleep` (engine owns it): call `worker_sleep(seconds)` first;
when it returns True the sleep happened on a simulated worker and must not block the loop.
`prepare()` also wraps whatever `time.sleep` is current with that check, so the order in which the
engine and the world patch does not matter as long as the engine calls the hook or wraps the
then-current function.
"""

import concurrent.futures
import contextlib
import contextvars
import functools
import itertools
import os
import sys
import threading
import time
from asyncio import events, tasks
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


def _worker_ident(worker):
    """The worker thread's `threading.get_ident()`: the main thread's plus 1, 2, ... in the order
    the run's jobs first ask, so each worker thread has its own and a run prints the same ones
    every time."""
    if worker.ident is None:
        worker.ident = threading.main_thread().ident + next(_idents)
    return worker.ident


_idents = itertools.count(1)


def reset():
    """Start a run: worker thread idents count from the main thread's again."""
    global _idents
    _idents = itertools.count(1)


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
            ahead = worker.clock - _clock_base(worker)
            return value + (int(ahead * scale) if scale != 1 else ahead)

        clock._loopscope_worker_clock = True
        clock.__name__ = name
        clock.__doc__ = inner.__doc__
        setattr(time, name, clock)


def _clock_base(worker):
    """The virtual time the wrapped clocks read: the run's clock (never a worker's, even for a
    pool of a loop that a job started), else, outside a run, the worker's loop's."""
    run = _engine_run()
    return run.now if run is not None else worker.pool.loop.time()


# --- what a job sees of asyncio: a thread with no event loop ----------------------------------
#
# In CPython a pool job runs in a thread with no running loop, no current task and no current
# event loop, so it may start one of its own: `asyncio.run(coro)` is the usual way to call async
# code from sync code in a worker.  A simulated job runs inline, inside the loop's handle (often
# the step of the task that called run_in_executor), so `_on_worker` takes those away for the
# job's duration and puts them back after it.  A loop the job starts runs to completion right
# there, on the worker's clock (see _WorkerRun).


class _WorkerRun:
    """The run as an event loop made inside a pool job sees it (asyncio.run in a worker thread).

    Its clock is the worker's: `loop.time()` starts at the worker's time, the loop's timers and
    a `time.sleep` in its coroutines move the worker's clock forward, and the job ends when the
    inner run has.  It is not recorded: the trace belongs to the program's main loop, whose clock
    does not move while the job runs (the inner run's timers would be out of order in it).  Every
    budget, the stop and the run's bookkeeping are the run's own (attributes not found here).
    """

    rec = None

    def __init__(self, run, worker):
        self._run = run
        self._worker = worker
        self.iteration = 0

    @property
    def now(self):
        return self._worker.clock

    @now.setter
    def now(self, value):
        self._worker.clock = value

    def advance(self, seconds):
        self._worker.clock += seconds

    @property
    def tasks_created(self):
        return self._run.tasks_created

    @tasks_created.setter
    def tasks_created(self, value):
        self._run.tasks_created = value

    def __getattr__(self, name):
        return getattr(self._run, name)


def _state_for_worker_loop(real):
    """Wraps the engine's choice of run state for a new VirtualLoop: a loop made inside a job
    gets the worker's (_WorkerRun)."""

    def state_for_new_loop():
        worker = current_worker()
        run = _engine_run()
        if worker is None or run is None:
            return real()
        return _WorkerRun(run, worker)

    state_for_new_loop._loopscope_worker = True
    return state_for_new_loop


_Policy = getattr(events, '_AbstractEventLoopPolicy', None) or events.AbstractEventLoopPolicy


class _ThreadPolicy(_Policy):
    """The event loop policy as a worker thread sees it: asyncio's default policy off the main
    thread.  The thread's current loop is its own (kept on the worker across its jobs), and
    get_event_loop() without one raises, as it does there, instead of making one as the run's
    policy does for the main thread."""

    def __init__(self, policy, worker):
        self._policy = policy
        self._worker = worker

    def get_event_loop(self):
        loop = self._worker.event_loop
        if loop is None:
            raise RuntimeError(
                f'There is no current event loop in thread {self._worker.name!r}.'
            )
        return loop

    def set_event_loop(self, loop):
        if loop is not None and not isinstance(loop, events.AbstractEventLoop):
            raise TypeError(
                'loop must be an instance of AbstractEventLoop or None, '
                f"not '{type(loop).__name__}'"
            )
        self._worker.event_loop = loop

    def new_event_loop(self):
        return self._policy.new_event_loop()


@contextlib.contextmanager
def _on_worker(worker, rec):
    """Run the body as `worker`'s thread: no running loop, task or current loop of the caller's
    (see above); the recorder's task and line are the caller's again afterwards, since the job's
    lines moved them."""
    previous = current_worker()
    loop = events._get_running_loop()
    policy = events._get_event_loop_policy()
    where = (rec.task, rec.line) if rec is not None else None
    task = tasks._swap_current_task(loop, None) if loop is not None else None
    events._set_running_loop(None)
    events._set_event_loop_policy(_ThreadPolicy(policy, worker))
    _state.worker = worker
    try:
        yield
    finally:
        _state.worker = previous
        events._set_event_loop_policy(policy)
        events._set_running_loop(loop)
        if loop is not None:
            tasks._swap_current_task(loop, task)
        if where is not None:
            rec.task, rec.line = where


def _describe(func, args, rec):
    """The job as the trace names it, "fetch('x', 1)": its arguments' reprs are the recorder's,
    bounded and muted (the program never asked for them)."""
    # asyncio.to_thread passes functools.partial(contextvars.Context.run, func, *args).
    if isinstance(func, functools.partial):
        if getattr(func.func, '__name__', '') == 'run' and func.args:
            func, args = func.args[0], func.args[1:] + tuple(args)
        else:
            args = func.args + tuple(args)
            func = func.func
    name = getattr(func, '__qualname__', None) or getattr(func, '__name__', None) or repr(func)
    shown = ', '.join(_short(a, rec) for a in args[:4])
    if len(args) > 4:
        shown += ', ...'
    return f'{name}({shown})'


def _short(value, rec):
    text = rec.repr_text(value)
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
        self.ident = None  # its threading.get_ident(), given when first asked (_worker_ident)
        self.event_loop = None  # the thread's current event loop (asyncio.set_event_loop)
        # The thread's contextvars context, empty as a new thread's is, kept across its jobs:
        # run_in_executor does not copy the caller's context (asyncio.to_thread does, by passing
        # functools.partial(ctx.run, func, *args)), so a job's ContextVar.set stays in its worker.
        self.context = contextvars.Context()


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
        descr = _describe(func, args, rec) if rec is not None else ''
        fid = -1
        if rec is not None:
            # An executor future, labelled with its job: the page names it before the job's
            # WORKER_START exists (a job still queued for a worker).
            fid = rec.future_id(fut)
            rec.set_future_kind(fid, S.FUTURE_EXECUTOR, descr)
        job = _Job(func, args, fut, line, descr, fid)
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

    # Listed among the future's callbacks in the futures panel; named as _finish is (below).
    _on_cancel.__qualname__ = 'thread_pool.drop_if_cancelled'

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
        result = exc = None
        with _on_worker(worker, rec):
            try:
                result = worker.context.run(job.func, *job.args)
            except BaseException as error:  # a worker thread reports everything to its future
                exc = error
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

    # The loop panel and the timeline name a callback by its __qualname__: this one is the
    # moment a simulated worker thread hands its result back to the loop.
    _finish.__qualname__ = 'thread_pool.job_done'

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
    # Thread pools used from plain code run their jobs on simulated workers (end of file).
    concurrent.futures.ThreadPoolExecutor.submit = _sync_submit
    concurrent.futures.ThreadPoolExecutor.shutdown = _sync_shutdown
    concurrent.futures.as_completed = _as_completed
    concurrent.futures.wait = _wait
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
            worker.thread._ident = worker.thread._native_id = _worker_ident(worker)
        return worker.thread

    # threading.currentThread() calls the module's current_thread, so it needs no patch of its
    # own and keeps its DeprecationWarning.
    threading.current_thread = current_thread

    real_get_ident = threading.get_ident
    real_get_native_id = getattr(threading, 'get_native_id', real_get_ident)

    @functools.wraps(real_get_ident)
    def get_ident():
        worker = current_worker()
        return real_get_ident() if worker is None else _worker_ident(worker)

    @functools.wraps(real_get_native_id)
    def get_native_id():
        worker = current_worker()
        return real_get_native_id() if worker is None else _worker_ident(worker)

    threading.get_ident = get_ident
    threading.get_native_id = get_native_id

    # threading.local keeps an attribute per thread: the C one by the real thread, which every
    # worker shares with the main thread, so the pure-Python one (the stdlib's own fallback,
    # the same API) takes its place, keyed by current_thread() and so by worker.
    import _threading_local

    _threading_local.current_thread = current_thread
    threading.local = _threading_local.local

    # A plain concurrent future a job settles is done when the caller's clock reaches the
    # worker's (_settled_on_worker).
    cf_future = concurrent.futures.Future
    cf_future.set_result = _settled_on_worker(cf_future.set_result)
    cf_future.set_exception = _settled_on_worker(cf_future.set_exception)

    # A loop made inside a job runs on the worker's clock (_WorkerRun).
    from .. import _loop as engine_loop

    if not getattr(engine_loop._state_for_new_loop, '_loopscope_worker', False):
        engine_loop._state_for_new_loop = _state_for_worker_loop(engine_loop._state_for_new_loop)


def _default_thread_pool_size():
    return min(32, (getattr(os, 'process_cpu_count', os.cpu_count)() or 1) + 4)


def _submit_line(rec):
    """The user line a job is submitted from: the innermost frame of the user's file, or, in
    a task running none of the user's code (asyncio's own, such as the lookup task
    create_server gathers), the line that created the task, rather than the module line
    below the running loop (`asyncio.run(main())`)."""
    f = sys._getframe(2)
    filename = rec.filename
    while f is not None:
        code = f.f_code
        if code.co_filename == filename:
            if code.co_name != '<module>' or rec.task < 0:
                return f.f_lineno or 0
            break
        f = f.f_back
    return rec.tasks[rec.task * 5 + 4] if rec.task >= 0 else 0


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
        line = _submit_line(rec) if rec is not None else 0
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



# asyncio.run's closing task shows asyncio's own name for this coroutine, not the mixin's.
ExecutorLoopMixin.shutdown_default_executor.__qualname__ = (
    'BaseEventLoop.shutdown_default_executor'
)

# --- concurrent.futures pools used directly (no event loop) ---------------------------------------
#
# Fluent Python's flags_threadpool.py and demo_executor_map.py use a ThreadPoolExecutor from
# plain code: `executor.map(fn, items)`, `executor.submit` with `futures.as_completed`.  Here a
# submitted job runs at once, in the caller's thread, on a simulated worker: the worker that is
# free first starts it when it is free (its own clock, which `time.sleep` in the job advances).
# The future is settled at once but reports done only when the caller's virtual clock reaches
# the job's end, and `result()`, `exception()`, `as_completed`, `wait` and `shutdown(wait=True)`
# move the caller's clock there (a blocking wait: inside a running loop it blocks the loop).
# Workers are RES_WORKER resources in the trace, WORKER_START at submit and WORKER_END when the
# caller's clock first passes the job's end.


class _MainClock:
    """The caller's side of a pool used without a loop: what `wrap_clocks` and `_rec` read."""

    @property
    def _recorder(self):
        run = _engine_run()
        return None if run is None else run.rec

    def time(self):
        run = _engine_run()
        return 0.0 if run is None else run.now


def _engine_run():
    from .. import _loop as engine_loop

    return engine_loop.current_run


_MAIN = _MainClock()
_future_ids = iter(range(1, 1 << 62))


class _TimedFuture(concurrent.futures.Future):
    """A concurrent future whose job is simulated: settled already, done at `_at` (virtual)."""

    def __init__(self):
        super().__init__()
        self._at = 0.0
        self._end = None  # WORKER_END still to record: (resource id, line)
        # Deterministic hash (sets of futures, as wait() returns, iterate in submit order).
        self._lshash = next(_future_ids)

    def __hash__(self):
        return self._lshash

    def _reach(self):
        """Block the caller until the job has ended (virtual time)."""
        wait = self._at - _MAIN.time()
        if wait > 0 and current_worker() is None:
            time.sleep(wait)
        self._ended()

    def _ended(self):
        if self._end is not None and _MAIN.time() >= self._at:
            res, line = self._end
            self._end = None
            rec = _MAIN._recorder
            if rec is not None:
                rec.emit_at(S.WORKER_END, line, res, 0, -1)

    def done(self):
        if self.cancelled():
            return True
        finished = _MAIN.time() >= self._at
        if finished:
            self._ended()
        return finished

    def running(self):
        return not self.done()  # a job starts when submitted (see _sync_submit)

    def add_done_callback(self, fn):
        # Inside a running loop (asyncio.wrap_future, for one), the job ends on the loop's
        # clock: the callback runs then, not at once.
        from asyncio import events

        loop = events._get_running_loop()
        if loop is not None and not self.cancelled() and _MAIN.time() < self._at:
            loop.call_at(self._at, self._call_when_done, fn)
            return
        super().add_done_callback(fn)

    def _call_when_done(self, fn):
        self._ended()
        fn(self)

    _call_when_done.__qualname__ = 'thread_pool.job_done'  # as _SimPool._finish

    def result(self, timeout=None):
        self._wait_for(timeout)
        return super().result(0)

    def exception(self, timeout=None):
        self._wait_for(timeout)
        return super().exception(0)

    def _wait_for(self, timeout):
        if self.cancelled():
            return
        left = self._at - _MAIN.time()
        if timeout is not None and left > timeout:
            if timeout > 0 and current_worker() is None:
                time.sleep(timeout)
            raise concurrent.futures.TimeoutError()
        self._reach()


def _settled_on_worker(settle):
    """A plain concurrent.futures.Future settled in a job whose clock is ahead of the caller's
    becomes a _TimedFuture done at the worker's time, as a thread would settle it then.  Its
    callbacks of the moment ran already (asyncio.wrap_future's goes through
    call_soon_threadsafe, which waits for the worker's time itself); a wait or a callback added
    later waits for that time too."""

    @functools.wraps(settle)
    def settled(self, value):
        settle(self, value)
        worker = current_worker()
        if (
            worker is not None
            and type(self) is concurrent.futures.Future
            and worker.clock > _MAIN.time()
        ):
            # Its hash stays the one it had (a set of futures may hold it already).
            self._lshash = concurrent.futures.Future.__hash__(self)
            self._at = worker.clock
            self._end = None
            self.__class__ = _TimedFuture

    return settled


class _SyncPool:
    """The simulated workers of one ThreadPoolExecutor used from plain code."""

    def __init__(self, executor):
        self.prefix = getattr(executor, '_thread_name_prefix', None) or 'ThreadPoolExecutor'
        self.max_workers = getattr(executor, '_max_workers', None) or _default_thread_pool_size()
        self.workers = []
        self.pending = []  # futures not yet reached, for shutdown(wait=True)

    def worker(self, line):
        """The worker that is free first (a new one while the pool may grow)."""
        now = _MAIN.time()
        free = [w for w in self.workers if w.free_at <= now]
        if free:
            return free[0]
        if len(self.workers) < self.max_workers:
            worker = _Worker(self, len(self.workers), f'{self.prefix}_{len(self.workers)}')
            worker.free_at = 0.0
            rec = _MAIN._recorder
            if rec is not None:
                label = f'thread {worker.name}'
                worker.res = rec.resource(S.RES_WORKER, label, line, self.max_workers)
            self.workers.append(worker)
            return worker
        return min(self.workers, key=lambda w: (w.free_at, w.index))

    @property
    def loop(self):
        return _MAIN


def _sync_pool(executor):
    pool = executor.__dict__.get('_loopscope_pool')
    if pool is None:
        pool = executor.__dict__['_loopscope_pool'] = _SyncPool(executor)
    return pool


def _sync_submit(self, fn, /, *args, **kwargs):
    if self._shutdown:
        raise RuntimeError('cannot schedule new futures after shutdown')
    wrap_clocks()  # the run's clocks are in place by now; idempotent
    pool = _sync_pool(self)
    rec = _MAIN._recorder
    line = rec.user_line() if rec is not None else 0
    worker = pool.worker(line)
    fut = _TimedFuture()
    fut.set_running_or_notify_cancel()
    start = max(_MAIN.time(), worker.free_at)
    if rec is not None:
        descr = rec.string(_describe(functools.partial(fn, *args, **kwargs), (), rec))
        rec.emit_at(S.WORKER_START, line, worker.res, descr, -1)
    worker.clock = start
    # A job that submits to its own pool from its worker may land on that worker again: its
    # context is already entered there, and the inner job runs in it, as it would on a thread.
    nested = current_worker() is worker
    with _on_worker(worker, rec):
        try:
            if nested:
                result = fn(*args, **kwargs)
            else:
                result = worker.context.run(fn, *args, **kwargs)
        except BaseException as exc:  # a worker reports everything to its future
            fut.set_exception(exc)
        else:
            fut.set_result(result)
    worker.free_at = fut._at = worker.clock
    fut._end = (worker.res, line)
    pool.pending.append(fut)
    return fut


_real_shutdown = concurrent.futures.ThreadPoolExecutor.shutdown


def _sync_shutdown(self, wait=True, *, cancel_futures=False):
    pool = self.__dict__.get('_loopscope_pool')
    if pool is not None and wait:
        for fut in sorted(pool.pending, key=lambda f: f._at):
            fut._reach()
        pool.pending.clear()
    return _real_shutdown(self, wait=wait, cancel_futures=cancel_futures)


_real_as_completed = concurrent.futures.as_completed
_real_wait = concurrent.futures.wait


def _as_completed(fs, timeout=None):
    fs = list(dict.fromkeys(fs))
    if not all(isinstance(f, _TimedFuture) for f in fs):
        yield from _real_as_completed(fs, timeout)
        return
    deadline = None if timeout is None else _MAIN.time() + timeout
    for fut in sorted(fs, key=lambda f: f._at):  # stable: submit order among equal ends
        if deadline is not None and fut._at > deadline:
            left = deadline - _MAIN.time()
            if left > 0 and current_worker() is None:
                time.sleep(left)
            pending = sum(1 for f in fs if not f.done())
            raise concurrent.futures.TimeoutError(f'{pending} (of {len(fs)}) futures unfinished')
        fut._reach()
        yield fut


def _wait(fs, timeout=None, return_when=concurrent.futures.ALL_COMPLETED):
    fs = set(fs)
    if not all(isinstance(f, _TimedFuture) for f in fs):
        return _real_wait(fs, timeout, return_when)
    ends = sorted(fs, key=lambda f: f._at)
    if return_when == concurrent.futures.FIRST_EXCEPTION:
        failed = [f for f in ends if not f.cancelled() and f._exception is not None]
        target = failed[0]._at if failed else (ends[-1]._at if ends else 0.0)
    elif return_when == concurrent.futures.FIRST_COMPLETED:
        target = ends[0]._at if ends else 0.0
    else:
        target = ends[-1]._at if ends else 0.0
    now = _MAIN.time()
    if timeout is not None:
        target = min(target, now + timeout)
    if target > now and current_worker() is None:
        time.sleep(target - now)
    done = {f for f in fs if f.done()}
    return concurrent.futures._base.DoneAndNotDoneFutures(done, fs - done)
