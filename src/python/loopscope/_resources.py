"""asyncio's synchronisation primitives and queues as named, recorded resources.

Each class subclasses the asyncio one and only adds recording around the public methods; the
waiting logic is asyncio's.  A resource is named after the variable it is assigned to on its
creation line (`lock = asyncio.Lock()` -> "lock"; `a, b = asyncio.Lock(), asyncio.Lock()` -> "a" and
"b"), else "Lock-2".

Waits are linked to the future the waiter parks on without re-implementing acquire(): before
calling asyncio's method, the resource records RESOURCE_WAIT with c=-1 and sets
`rec.pending_wait`; the next future created (the waiter's, created synchronously inside that
method) fills in c and is remembered, so its completion also records RESOURCE_WAKE.

A Condition's waits (and a Barrier's, which waits in a Condition of asyncio's own) are recorded
when the waiter's future goes into the condition's waiters (`_Parking`): after the condition's lock
is released, and once per park, for each of the several parks a Barrier.wait may need.

A change is recorded before asyncio wakes the waiters it lets through, as it happens in asyncio:
a release, an Event's set, a queue's new size come before the RESOURCE_WAKE they cause.

Waits inside other methods (Queue.join, a connection's StreamReader.readline and
StreamWriter.drain/wait_closed, a server's serve_forever and wait_closed) go the same way, but
their RESOURCE_WAIT is recorded when the future is made, which is then a FUTURE_CALL labelled
with the method: the page says "queue `q`.join()" or "readline() on connection ...", and
lists the task among the resource's waiters, instead of a bare `Future`.  Such a method may
return without waiting, and then nothing is recorded.

Resources also exist in untraced runs: a deadlock description names what a task waits on.
"""

import asyncio
import collections
import linecache
import re
import sys
import weakref
from asyncio import base_events, events, locks, queues, streams, tasks

from . import _loop, schema as S

_ASSIGN = re.compile(r'^\s*([A-Za-z_][\w.]*)\s*(?::[^=]+)?=(?!=)')
# `a, b = asyncio.Lock(), asyncio.Lock()`: the names, and where the values start.
_UNPACK = re.compile(r'^\s*\(?\s*([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)+)\s*,?\s*\)?\s*=(?!=)')
_counters = {}


def _creation_line(st):
    rec = st.rec
    if rec is not None:
        return rec.user_line()
    import sys

    f = sys._getframe(1)
    while f is not None:
        if f.f_code.co_filename == st.filename:
            return f.f_lineno or 0
        f = f.f_back
    return 0


def _register(res, kind, label, capacity=0):
    st = _loop.current_run
    res._ls_rec = None
    res._ls_rid = -1
    res._ls_holders = []
    if st is None:
        res._ls_name = label
        return
    line = _creation_line(st)
    name = None
    if line:
        text = linecache.getline(st.filename, line)
        m = _ASSIGN.match(text)
        if m and f'{label}(' in text:
            name = m.group(1)
        elif f'{label}(' in text:
            name = _unpacked_name(st, text, line, label)
    if name is None:
        n = _counters.get(label, 0) + 1
        _counters[label] = n
        name = f'{label}-{n}'
    res._ls_name = name
    # Weakly: a primitive only the program's garbage refers to is collected as in CPython
    # (with the tasks waiting on it, which then report themselves as destroyed).
    st.resources.append(weakref.ref(res))
    rec = st.rec
    if rec is not None:
        res._ls_rec = rec
        res._ls_rid = rec.resource(kind, name, line, int(capacity or 0))


def _split_values(text, start):
    """(start, end) column spans of the top-level comma-separated values from `start`."""
    spans = []
    depth = 0
    begin = start
    quote = None
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if ch == quote:
                quote = None
        elif ch in '\'"':
            quote = ch
        elif ch in '([{':
            depth += 1
        elif ch in ')]}':
            depth -= 1
        elif ch == ',' and depth == 0:
            spans.append((begin, i))
            begin = i + 1
        elif ch == '#' and depth == 0:
            break
    spans.append((begin, len(text.rstrip('\n'))))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _unpacked_name(st, text, line, label):
    """The name a resource made in `a, b = asyncio.Lock(), asyncio.Lock()` gets: the target in
    the place of the value being made, found from the column of the running call."""
    m = _UNPACK.match(text)
    if m is None:
        return None
    names = [n.strip() for n in m.group(1).split(',')]
    values = _split_values(text, m.end())
    if len(values) != len(names):
        return None
    import sys

    f = sys._getframe(2)
    while f is not None and f.f_code.co_filename != st.filename:
        f = f.f_back
    if f is None or f.f_lineno != line or f.f_lasti < 0:
        return None
    try:
        positions = list(f.f_code.co_positions())
        _, end_line, col, _end = positions[f.f_lasti // 2]
    except (IndexError, ValueError):
        return None
    if col is None or end_line != line:
        return None
    for (start, end), name in zip(values, names):
        if start <= col < end and f'{label}(' in text[start:end]:
            return name
    return None


def reset_names():
    _counters.clear()


def _task_id():
    task = tasks.current_task()
    return getattr(task, '_lstid', -1) if task is not None else -1


def _task_name():
    task = tasks.current_task()
    return task.get_name() if task is not None else None


def _will_wait(res):
    rec = res._ls_rec
    if rec is not None:
        index = rec.emit(S.RESOURCE_WAIT, res._ls_rid, rec.task, -1)
        rec.pending_wait = (res._ls_rid, index, None)


def _will_wait_in(rec, rid, call):
    """The next future made is the one the running task parks on inside method `call` of
    resource `rid` (see the module's docstring); False when there is nothing to record."""
    if rec is None or rid < 0:
        return False
    rec.pending_wait = (rid, -1, call)
    return True


def _waits_on(rec, rid, fut, call):
    """The running task parks on `fut`, an existing future, inside method `call` of `rid`."""
    fid = rec.future_id(fut)
    rec.set_future_kind(fid, S.FUTURE_CALL, call)
    rec.emit(S.RESOURCE_WAIT, rid, rec.task, fid)
    rec.res_waiters[fid] = rid


def _done_waiting(res):
    rec = res._ls_rec
    if rec is not None:
        rec.pending_wait = None


def _in(fut, waiters):
    return waiters is not None and any(w is fut for w in waiters)


class _Parking(collections.deque):
    """The waiters of a Condition: a future appended is the one the running task parks on, a
    wait on resource `rid` (ids, not the resource: the resource is only weakly referenced)."""

    __slots__ = ('_ls_rec', '_ls_rid')

    def __init__(self, rec, rid):
        super().__init__()
        self._ls_rec = rec
        self._ls_rid = rid

    def append(self, fut):
        super().append(fut)
        rec = self._ls_rec
        if rec is not None and self._ls_rid >= 0:
            fid = rec.future_id(fut)
            rec.emit(S.RESOURCE_WAIT, self._ls_rid, rec.task, fid)
            rec.res_waiters[fid] = self._ls_rid


class Lock(locks.Lock):
    def __init__(self):
        super().__init__()
        _register(self, S.RES_LOCK, 'Lock', 1)

    async def acquire(self):
        if self._locked or (self._waiters and not all(w.cancelled() for w in self._waiters)):
            _will_wait(self)
        try:
            result = await super().acquire()
        finally:
            _done_waiting(self)
        self._ls_holders = [_task_name()]
        rec = self._ls_rec
        if rec is not None:
            rec.emit(S.RESOURCE_ACQUIRED, self._ls_rid, rec.task, 0)
        return result

    def release(self):
        # Recorded before asyncio's release wakes the first waiter (its RESOURCE_WAKE); an
        # unlocked lock raises RuntimeError in asyncio's, before any change.
        if self._locked:
            self._ls_holders = []
            rec = self._ls_rec
            if rec is not None:
                rec.emit(S.RESOURCE_RELEASED, self._ls_rid, rec.task, 1)
        super().release()

    def _ls_waiting_on(self, fut):
        if not _in(fut, self._waiters):
            return None
        held = f' held by {self._ls_holders[0]}' if self._ls_holders and self._ls_holders[0] else ''
        return f'Lock `{self._ls_name}`{held}'


class Event(locks.Event):
    def __init__(self):
        super().__init__()
        _register(self, S.RES_EVENT, 'Event')

    def set(self):
        # Recorded before asyncio's set wakes the waiters.
        rec = self._ls_rec
        if rec is not None and not self._value:
            rec.emit(S.RESOURCE_VALUE, self._ls_rid, 1)
        super().set()

    def clear(self):
        was = self._value
        super().clear()
        rec = self._ls_rec
        if rec is not None and was:
            rec.emit(S.RESOURCE_VALUE, self._ls_rid, 0)

    async def wait(self):
        if not self._value:
            _will_wait(self)
        try:
            return await super().wait()
        finally:
            _done_waiting(self)

    def _ls_waiting_on(self, fut):
        return f'Event `{self._ls_name}` to be set' if _in(fut, self._waiters) else None


class Condition(locks.Condition):
    def __init__(self, lock=None):
        super().__init__(lock)
        _register(self, S.RES_CONDITION, 'Condition')
        self._waiters = _Parking(self._ls_rec, self._ls_rid)

    def _ls_waiting_on(self, fut):
        if _in(fut, self._waiters):
            return f'Condition `{self._ls_name}` to be notified'
        inner = getattr(self._lock, '_ls_waiting_on', None)
        if inner is not None and inner(fut) is not None:
            return f'the lock of Condition `{self._ls_name}`'
        if _in(fut, getattr(self._lock, '_waiters', None)):
            return f'the lock of Condition `{self._ls_name}`'
        return None


class _SemaphoreRecording:
    async def acquire(self):
        if self.locked():
            _will_wait(self)
        try:
            result = await super().acquire()
        finally:
            _done_waiting(self)
        name = _task_name()
        if name:
            self._ls_holders.append(name)
        rec = self._ls_rec
        if rec is not None:
            rec.emit(S.RESOURCE_ACQUIRED, self._ls_rid, rec.task, self._value)
        return result

    def release(self):
        bound = getattr(self, '_bound_value', None)
        if bound is not None and self._value >= bound:
            return super().release()  # BoundedSemaphore's ValueError, before any change
        name = _task_name()
        if name in self._ls_holders:
            self._ls_holders.remove(name)
        rec = self._ls_rec
        if rec is not None:
            # Recorded before asyncio's release wakes the first waiter (its RESOURCE_WAKE),
            # with the value after it: the unit released goes to that waiter.
            woken = any(not w.done() for w in (self._waiters or ()))
            value = self._value if woken else self._value + 1
            rec.emit(S.RESOURCE_RELEASED, self._ls_rid, rec.task, value)
        super().release()

    def _ls_waiting_on(self, fut):
        if not _in(fut, self._waiters):
            return None
        held = f' held by {", ".join(self._ls_holders)}' if self._ls_holders else ''
        return f'{self._ls_label} `{self._ls_name}`{held}'


class Semaphore(_SemaphoreRecording, locks.Semaphore):
    _ls_label = 'Semaphore'

    def __init__(self, value=1):
        super().__init__(value)
        _register(self, S.RES_SEMAPHORE, 'Semaphore', value)


class BoundedSemaphore(_SemaphoreRecording, locks.BoundedSemaphore):
    _ls_label = 'BoundedSemaphore'

    def __init__(self, value=1):
        super().__init__(value)
        _register(self, S.RES_BOUNDED_SEMAPHORE, 'BoundedSemaphore', value)


class Barrier(locks.Barrier):
    """Records what asyncio's Barrier does, in its own steps: a task that parks (in the Condition
    the barrier waits in, `_Parking`) waits on the barrier; the arrival that fills the barrier
    releases it (RESOURCE_RELEASED, then the wakes of the tasks waiting); the value is the
    number of tasks waiting at the barrier (asyncio's n_waiting), recorded when it changes."""

    _ls_value = 0  # the value last recorded

    def __init__(self, parties):
        super().__init__(parties)
        _register(self, S.RES_BARRIER, 'Barrier', parties)
        self._cond._waiters = _Parking(self._ls_rec, self._ls_rid)

    def _ls_show(self, value):
        rec = self._ls_rec
        if rec is not None and value != self._ls_value:
            rec.emit(S.RESOURCE_VALUE, self._ls_rid, value)
        self._ls_value = value

    async def wait(self):
        try:
            return await super().wait()
        finally:
            self._ls_show(self.n_waiting)  # a waiter cancelled, or the barrier aborted

    async def _wait(self):
        # This task is counted, and parks until the barrier fills.
        self._ls_show(self.n_waiting)
        return await super()._wait()

    async def _release(self):
        # The last arrival: recorded before asyncio's _release wakes the tasks waiting.
        rec = self._ls_rec
        if rec is not None:
            rec.emit(S.RESOURCE_RELEASED, self._ls_rid, rec.task, 0)
        self._ls_value = 0
        return await super()._release()

    async def reset(self):
        # No task is waiting at the barrier after a reset (they raise BrokenBarrierError).
        self._ls_show(0)
        return await super().reset()

    async def abort(self):
        self._ls_show(0)
        return await super().abort()

    def _ls_waiting_on(self, fut):
        if _in(fut, getattr(self._cond, '_waiters', None)):
            return f'Barrier `{self._ls_name}` ({self._count} of {self._parties} arrived)'
        return None


class _QueueRecording:
    _ls_size = 0  # the size last recorded
    def _ls_init(self, label, maxsize):
        _register(self, S.RES_QUEUE, label, maxsize)
        self._ls_size = self.qsize()

    async def put(self, item):
        if self.full():
            _will_wait(self)
        try:
            return await super().put(item)
        finally:
            _done_waiting(self)

    async def get(self):
        if self.empty():
            _will_wait(self)
        try:
            return await super().get()
        finally:
            _done_waiting(self)

    async def join(self):
        waits = self._unfinished_tasks > 0 and _will_wait_in(self._ls_rec, self._ls_rid, 'join')
        try:
            return await super().join()
        finally:
            if waits:
                self._ls_rec.pending_wait = None

    def _ls_show_size(self):
        size = self.qsize()
        if size != self._ls_size:
            self._ls_size = size
            rec = self._ls_rec
            if rec is not None:
                rec.emit(S.RESOURCE_VALUE, self._ls_rid, size)

    def _wakeup_next(self, waiters):
        # put_nowait and get_nowait call it after changing the queue, to wake a getter or a
        # putter: the new size is recorded before that RESOURCE_WAKE, as asyncio does it.
        self._ls_show_size()
        return super()._wakeup_next(waiters)

    def put_nowait(self, item):
        try:
            return super().put_nowait(item)
        finally:
            self._ls_show_size()

    def get_nowait(self):
        try:
            return super().get_nowait()
        finally:
            self._ls_show_size()

    def shutdown(self, immediate=False):
        if immediate and not self.empty():
            # Drained before the waiters are woken.
            self._ls_size = 0
            rec = self._ls_rec
            if rec is not None:
                rec.emit(S.RESOURCE_VALUE, self._ls_rid, 0)
        return super().shutdown(immediate)

    def _ls_waiting_on(self, fut):
        if _in(fut, self._getters):
            return f'Queue `{self._ls_name}`.get() (the queue is empty)'
        if _in(fut, self._putters):
            return f'Queue `{self._ls_name}`.put() (the queue is full)'
        if _in(fut, getattr(getattr(self, '_finished', None), '_waiters', None)):
            return f'Queue `{self._ls_name}`.join() ({self._unfinished_tasks} unfinished)'
        return None


class Queue(_QueueRecording, queues.Queue):
    def __init__(self, maxsize=0):
        super().__init__(maxsize)
        self._ls_init('Queue', maxsize)


class PriorityQueue(_QueueRecording, queues.PriorityQueue):
    def __init__(self, maxsize=0):
        super().__init__(maxsize)
        self._ls_init('PriorityQueue', maxsize)


class LifoQueue(_QueueRecording, queues.LifoQueue):
    def __init__(self, maxsize=0):
        super().__init__(maxsize)
        self._ls_init('LifoQueue', maxsize)


class LibrarySemaphore(locks.Semaphore):
    """A semaphore of a simulated library, not of the program (aiohttp's TCPConnector limit,
    httpx's connection pool): asyncio's own class, so no resource is recorded and no name is
    taken from the program's.  A task that has to wait for it parks on a FUTURE_CALL labelled
    `call`, as the library's waiting method ("awaits TCPConnector.connect()")."""

    def __init__(self, value, call):
        super().__init__(value)
        self._ls_call = call

    async def acquire(self):
        rec = _recorder_of(events.get_event_loop()) if self.locked() else None
        if rec is not None:
            rec.pending_wait = (-1, -1, self._ls_call)
        try:
            return await super().acquire()
        finally:
            if rec is not None:
                rec.pending_wait = None


_CLASSES = {
    'Lock': Lock,
    'Event': Event,
    'Condition': Condition,
    'Semaphore': Semaphore,
    'BoundedSemaphore': BoundedSemaphore,
    'Barrier': Barrier,
    'Queue': Queue,
    'PriorityQueue': PriorityQueue,
    'LifoQueue': LifoQueue,
}


# Reprs as asyncio's own (`<asyncio.locks.Lock object at ... [unlocked]>`), so a program that
# prints a lock prints what it would under CPython.
for _cls in _CLASSES.values():
    _cls.__module__ = 'asyncio.queues' if issubclass(_cls, queues.Queue) else 'asyncio.locks'


# --- waits on connections and servers (asyncio's streams over the virtual network) ------------

_orig_wait_for_data = streams.StreamReader._wait_for_data
_orig_drain_helper = streams.FlowControlMixin._drain_helper
_orig_writer_wait_closed = streams.StreamWriter.wait_closed
_orig_server_wait_closed = base_events.Server.wait_closed


def _recorder_of(loop):
    return getattr(loop, '_recorder', None)


def _connection(transport):
    """Resource id of the connection a transport is one end of (world/net.py), else -1."""
    return getattr(transport, '_res', -1)


_READLINE = streams.StreamReader.readline.__code__


async def _wait_for_data(self, func_name):
    # asyncio calls this with the name of the read that needs more data: 'read', 'readexactly',
    # 'readuntil'; readline() waits inside readuntil(), and is what the program called.
    rec = _recorder_of(self._loop)
    if rec is not None and func_name == 'readuntil':
        caller = sys._getframe(1).f_back  # readuntil's caller
        if caller is not None and caller.f_code is _READLINE:
            func_name = 'readline'
    waits = _will_wait_in(rec, _connection(self._transport), func_name)
    try:
        return await _orig_wait_for_data(self, func_name)
    finally:
        if waits:
            rec.pending_wait = None


_orig_wait_for_one = tasks._AsCompletedIterator._wait_for_one


async def _wait_for_one(self, resolve=False):
    # as_completed's next result waits in a queue of asyncio's own, which is no resource of the
    # program: the future it parks on is a FUTURE_CALL labelled 'as_completed' (the page says
    # "awaits as_completed()"), not a bare "Future".
    rec = _recorder_of(events.get_event_loop())
    waits = rec is not None and self._done.empty()
    if waits:
        rec.pending_wait = (-1, -1, 'as_completed')
    try:
        return await _orig_wait_for_one(self, resolve)
    finally:
        if waits:
            rec.pending_wait = None


async def _drain_helper(self):
    rec = _recorder_of(self._loop)
    waits = (
        self._paused
        and not self._connection_lost
        and _will_wait_in(rec, _connection(getattr(self, '_transport', None)), 'drain')
    )
    try:
        return await _orig_drain_helper(self)
    finally:
        if waits:
            rec.pending_wait = None


async def _writer_wait_closed(self):
    # The future it awaits is the protocol's, made with the connection.
    rec = _recorder_of(self._loop)
    rid = _connection(self._transport)
    closed = getattr(self._protocol, '_closed', None)
    if rec is not None and rid >= 0 and closed is not None and not closed.done():
        _waits_on(rec, rid, closed, 'wait_closed')
    return await _orig_writer_wait_closed(self)


async def _server_wait_closed(self):
    rec = _recorder_of(self._loop)
    waits = self._waiters is not None and _will_wait_in(
        rec, getattr(self, '_ls_rid', -1), 'wait_closed'
    )
    try:
        return await _orig_server_wait_closed(self)
    finally:
        if waits:
            rec.pending_wait = None


def _serving_forever_get(self):
    return self.__dict__.get('_serving_forever_fut')


def _serving_forever_set(self, fut):
    # Kept under asyncio's own name in the instance (see TaskGroup's in _futures.py).
    self.__dict__['_serving_forever_fut'] = fut
    if fut is not None:
        rec = _recorder_of(self._loop)
        rid = getattr(self, '_ls_rid', -1)
        if rec is not None and rid >= 0:
            _waits_on(rec, rid, fut, 'serve_forever')


# Server.serve_forever makes its future and awaits it at once, after starting to serve (which
# creates the server's resource): the future is labelled when it is stored.
_serving_forever_fut = property(_serving_forever_get, _serving_forever_set)


def install(patches, st):
    """Point asyncio's public names at the recording classes for the run."""
    reset_names()
    for name, cls in _CLASSES.items():
        patches.set(asyncio, name, cls)
    patches.set(streams.StreamReader, '_wait_for_data', _wait_for_data)
    patches.set(streams.FlowControlMixin, '_drain_helper', _drain_helper)
    patches.set(streams.StreamWriter, 'wait_closed', _writer_wait_closed)
    patches.set(base_events.Server, 'wait_closed', _server_wait_closed)
    patches.set(base_events.Server, '_serving_forever_fut', _serving_forever_fut)
    patches.set(tasks._AsCompletedIterator, '_wait_for_one', _wait_for_one)
