"""Thread-blocking waits in a run that has only one thread.

A program here runs in one thread: pool jobs are simulated on it (world/executor.py) and real
threads cannot start.  So a blocking wait on a thread lock, which `queue.Queue.get()`,
`threading.Event.wait()`, `Condition.wait()`, `Semaphore.acquire()` and
`concurrent.futures.Future.result()` all come down to, can only end by timing out: nothing else
runs to release it.  In CPython such a wait in the event loop's thread is a deadlock that hangs the
process; in Pyodide it hangs the worker or the CLI for good, out of reach of the run's budgets.

During a run the locks the program creates (`threading.Lock()`, and the waiter locks threading
makes inside Condition.wait) are `RunLock`s.  A blocking acquire of a held one ends the run with
the `deadlock` outcome, naming the call and its line; with a timeout it waits that long in virtual
time (blocking the loop, or on a pool worker its own clock) and returns False, as it would.
Locks that existed before the run, and RLocks (re-entrant in the one thread), are left alone.
"""

import _thread
import sys
import threading

from . import schema as S

_allocate = _thread.allocate_lock
_THREADING_DIR = threading.__file__.rsplit('/', 1)[0] + '/'
_PACKAGE_DIR = __file__.rsplit('/', 1)[0] + '/'


class RunLock:
    """threading.Lock for a run: a blocking acquire that nothing could end is a deadlock."""

    __slots__ = ('_lock', '__weakref__')

    def __init__(self):
        self._lock = _allocate()

    def acquire(self, blocking=True, timeout=-1):
        if self._lock.acquire(False):
            return True
        if not blocking:
            return False
        if timeout is None or timeout < 0:
            _deadlock(sys._getframe(1))
        _wait(timeout, sys._getframe(1))
        return self._lock.acquire(False)

    __enter__ = acquire

    def __exit__(self, *exc):
        self._lock.release()

    def release(self):
        self._lock.release()

    def locked(self):
        return self._lock.locked()

    def _at_fork_reinit(self):
        self._lock = _allocate()

    def __repr__(self):
        state = 'locked' if self._lock.locked() else 'unlocked'
        return f'<{state} _thread.lock object>'


def _caller(frame):
    """(what, line): the library call the program is blocked in, and the program's line."""
    from . import _loop

    run = _loop.current_run
    filename = run.filename if run is not None else None
    callee = None
    while frame is not None:
        code = frame.f_code
        if code.co_filename == filename:
            return callee, frame.f_lineno or 0
        if not code.co_filename.startswith(_PACKAGE_DIR):
            callee = frame
        frame = frame.f_back
    return callee, 0


def _describe(callee):
    if callee is None:
        return 'Lock.acquire()'
    code = callee.f_code
    name = code.co_qualname
    module = callee.f_globals.get('__name__', '')
    if module == 'threading' and name.startswith('Condition.'):
        # Event.wait, Semaphore.acquire and Barrier.wait wait in a Condition: name the outer one.
        outer = callee.f_back
        if outer is not None and outer.f_code.co_filename.startswith(_THREADING_DIR):
            name = outer.f_code.co_qualname
    prefix = {'concurrent.futures._base': 'concurrent.futures.', 'queue': 'queue.'}.get(module, '')
    if module == 'threading':
        prefix = 'threading.'
    return f'{prefix}{name}()'


def _deadlock(frame):
    from . import _loop

    run = _loop.current_run
    callee, line = _caller(frame)
    what = _describe(callee)
    where = f' at line {line}' if line else ''
    detail = (
        f'deadlock: {what}{where} waits for another thread, and there is none: Loopscope runs '
        'the program in one thread, so nothing can end the wait. In async code use asyncio\'s '
        'own (asyncio.Queue, asyncio.Event, await the future) or give the wait a timeout.'
    )
    if run is None:
        raise RuntimeError(detail)
    rec = run.rec
    if rec is not None:
        rec.emit_at(S.WARNING, line or rec.line, S.WARN_DEADLOCK, rec.string(detail))
    run.stop(S.OUTCOME_DEADLOCK, detail)


def _wait(timeout, frame):
    """A timed wait that nothing can end early: it lasts `timeout` virtual seconds, recorded as
    the loop blocked in that call (named as the program made it, not as a time.sleep)."""
    import time

    if timeout > 0:
        wait = getattr(time.sleep, 'blocking_wait', None)
        if wait is None:
            time.sleep(timeout)
            return
        callee, _line = _caller(frame)
        name = _describe(callee) if callee is not None else 'threading.Lock.acquire()'
        wait(timeout, f'{name[:-2]}(timeout={timeout:g})')


def _monotonic():
    import time

    return time.monotonic()


def install(p):
    """Locks the program creates during the run are RunLocks (`p` undoes it afterwards)."""
    import queue

    p.set(threading, 'Lock', RunLock)
    p.set(threading, '_allocate_lock', RunLock)
    p.set(_thread, 'allocate_lock', RunLock)
    # queue and threading measure their timeouts with the monotonic clock they imported: the
    # run's clock instead, or a timed wait would never see its time pass.
    p.set(queue, 'time', _monotonic)
    p.set(threading, '_time', _monotonic)
