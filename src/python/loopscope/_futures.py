"""Futures and tasks that report to the recorder.

They subclass asyncio's own pure-Python `Future` and `Task` (`_PyFuture`, `_PyTask`), so every
line of asyncio's scheduling logic is CPython's; only the few entry points the trace needs are
overridden: a step starting and ending, a wakeup, a future becoming done, callbacks added or
removed, cancel/uncancel.  The C classes would be faster but cannot be hooked at the step.

The classes are named `Future` and `Task` on purpose: asyncio's private, name-mangled attributes
(`self.__step` is `self._Task__step`) then resolve to the overrides here.

Task bookkeeping (current task, all tasks) goes through the C `_asyncio` helpers, like the C Task
does, so `asyncio.current_task()` and `asyncio.all_tasks()` (C functions) see these tasks.
"""

import contextvars
import itertools
import sys
from asyncio import (
    constants,
    coroutines,
    events,
    exceptions,
    format_helpers,
    futures,
    taskgroups,
    tasks,
)

from . import schema as S
from ._recorder import WIRE_STEP_PARKED, WIRE_STEP_PARKED_CB

_PyFuture = futures._PyFuture
_PyTask = tasks._PyTask
_PENDING = futures._PENDING
_CANCELLED = futures._CANCELLED

# The C bookkeeping functions when _asyncio is available (it is, in Pyodide and CPython).
_enter_task = tasks._enter_task
_leave_task = tasks._leave_task
_swap_current_task = tasks._swap_current_task
_register_task = tasks._register_task
_register_eager_task = tasks._register_eager_task
_unregister_eager_task = tasks._unregister_eager_task
_discard_from_awaited_by = futures.future_discard_from_awaited_by
_CancelledError = exceptions.CancelledError
_STEP_RUN_CODE = _PyTask._Task__step_run_and_handle_result.__code__

# Event kinds used on hot paths, as plain globals (a global load is cheaper than S.X).
_FUTURE_DONE = S.FUTURE_DONE
_FUTURE_CREATED = S.FUTURE_CREATED
_CB_ADDED = S.FUTURE_CALLBACK_ADDED
_STEP_START = S.TASK_STEP_START
_STEP_END = S.TASK_STEP_END
_STEP_PARKED = WIRE_STEP_PARKED
_STEP_PARKED_CB = WIRE_STEP_PARKED_CB
_WAKE_FUTURE = S.WAKE_FUTURE
_DONE_RESULT = S.DONE_RESULT


_hash_counter = itertools.count(1)


def reset():
    """Start a run: hashes count from 1 again."""
    global _hash_counter
    _hash_counter = itertools.count(1)


class Future(_PyFuture):
    """asyncio.Future that records its creation, completion and callbacks."""

    def __hash__(self):
        # Sets of tasks and futures (all_tasks(), asyncio.wait's results, the set Runner
        # cancels at exit) iterate in hash order; the default hash is the memory address, which
        # would make runs differ.  A counter assigned on first use keeps equality by identity
        # and makes the order a function of the program alone.
        try:
            return self._lshash
        except AttributeError:
            h = self._lshash = next(_hash_counter)
            return h

    _lsid = -1  # future id in the trace, -1 when untraced
    _lsdone = -1  # index of its FUTURE_DONE event

    def __init__(self, *, loop=None):
        # _PyFuture.__init__, inlined: a future is made for every await of a sleep.
        if loop is None:
            loop = events.get_event_loop()
        self._loop = loop
        self._callbacks = []
        if loop.get_debug():
            self._source_traceback = format_helpers.extract_stack(sys._getframe(1))
        rec = getattr(loop, '_recorder', None)
        if rec is not None:
            label = rec._sidx.get(self._ls_label)  # interned after the first future
            if label is None:
                label = rec.string(self._ls_label)
            # No call from here to the event (a Stop, handled only after calls, would leave the
            # future an id whose row or event is missing).
            futs = rec.futures
            fid = len(futs) // 5
            self._lsid = fid
            task = rec.task
            line = rec.line
            futs += (self._ls_kind, label, task, line, -1)
            ev = rec.ev
            ev += (_FUTURE_CREATED, rec.now, task, line, fid, 0, 0)
            pending = rec.pending_wait
            if pending is not None:
                # A resource announced that its next future is the one its waiter parks on.
                rid, index, call = pending
                rec.pending_wait = None
                if call is None:
                    rec.ev[index * 7 + 6] = fid
                else:
                    # One of its methods (Queue.join, StreamReader.readline...): the wait is
                    # recorded now that its future exists, and the future says which method.
                    # (rid -1: a call of asyncio's own with no resource, as_completed's.)
                    called = rec.string(call)
                    futs[fid * 5] = S.FUTURE_CALL
                    futs[fid * 5 + 1] = called
                    if rid >= 0:
                        rec.emit(S.RESOURCE_WAIT, rid, task, fid)
                if rid >= 0:
                    rec.res_waiters[fid] = rid

    _ls_kind = S.FUTURE_PLAIN
    _ls_label = 'Future'

    def _Future__schedule_callbacks(self):
        loop = self._loop
        rec = loop._recorder
        if rec is not None:
            ev = rec.ev
            self._lsdone = len(ev) // 7
            state = self._state
            if state == _CANCELLED:
                msg = self._cancel_message
                ev.extend(
                    (
                        _FUTURE_DONE,
                        rec.now,
                        rec.task,
                        rec.line,
                        self._lsid,
                        S.DONE_CANCELLED,
                        -1 if msg is None else rec.string(rec.muted_str(msg)),
                    )
                )
            elif self._exception is not None:
                ev.extend(
                    (
                        _FUTURE_DONE,
                        rec.now,
                        rec.task,
                        rec.line,
                        self._lsid,
                        S.DONE_EXCEPTION,
                        rec.error_text(self._exception),
                    )
                )
            else:
                result = self._result
                ev += (
                    _FUTURE_DONE,
                    rec.now,
                    rec.task,
                    rec.line,
                    self._lsid,
                    _DONE_RESULT,
                    rec._none if result is None else rec.short(result),
                )
            if rec.res_waiters:
                rid = rec.res_waiters.pop(self._lsid, None)
                if rid is not None:
                    rec.emit(S.RESOURCE_WAKE, rid, _waiter_task(self))
        callbacks = self._callbacks
        if not callbacks:
            return
        callbacks = callbacks[:]
        self._callbacks[:] = []
        for callback, ctx in callbacks:
            loop.call_soon(callback, self, context=ctx)

    # The messages of the C Future, which is what CPython programs normally meet (the pure
    # Python one words them differently).
    def result(self):
        if self._state == _PENDING:
            raise exceptions.InvalidStateError('Result is not set.')
        return _PyFuture.result(self)

    def set_result(self, result):
        if self._state != _PENDING:
            raise exceptions.InvalidStateError('invalid state')
        _PyFuture.set_result(self, result)

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise exceptions.InvalidStateError('invalid state')
        # A task's own exception arrives with the Python task's step frame at the head of its
        # traceback (CPython's C task has no such frame).  That frame holds the task, so task ->
        # exception -> traceback -> frame -> task would keep a finished task alive until the
        # cycle collector runs: 'Task exception was never retrieved' would come at the end of the
        # run instead of where the program drops the task, and its traceback would show
        # asyncio's internals.  Drop that one frame, as the C task's traceback never had it.
        tb = getattr(exception, '__traceback__', None)
        if tb is not None and tb.tb_frame.f_code is _STEP_RUN_CODE:
            exception.__traceback__ = tb.tb_next
        _PyFuture.set_exception(self, exception)

    def add_done_callback(self, fn, *, context=None):
        rec = self._loop._recorder
        if rec is not None:
            owner = getattr(fn, '__self__', None)
            if type(owner) is Task:
                ev = rec.ev
                ev += (
                    _CB_ADDED, rec.now, rec.task, rec.line, self._lsid, rec.s_wakeup, owner._lstid
                )
            else:
                rec.emit(_CB_ADDED, self._lsid, rec.describe_callback(fn), -1)
        if self._state != _PENDING:
            self._loop.call_soon(fn, self, context=context)
        else:
            if context is None:
                context = contextvars.copy_context()
            self._callbacks.append((fn, context))

    def remove_done_callback(self, fn):
        removed = super().remove_done_callback(fn)
        rec = self._loop._recorder
        if rec is not None and removed:
            owner = getattr(fn, '__self__', None)
            if owner is not None and type(owner) is Task:
                rec.emit(S.FUTURE_CALLBACK_REMOVED, self._lsid, rec.s_wakeup, owner._lstid)
            else:
                rec.emit(S.FUTURE_CALLBACK_REMOVED, self._lsid, rec.describe_callback(fn), -1)
        return removed

    def cancel(self, msg=None):
        rec = self._loop._recorder
        # A Task reaches this method only when it finishes cancelled (its own cancel() records
        # the request), so only plain futures record here.
        if rec is not None and self._state == _PENDING and type(self) is not Task:
            rec.emit(
                S.CANCEL_REQUESTED, self._lsid, -1 if msg is None else rec.string(rec.muted_str(msg)), 0
            )
        return super().cancel(msg=msg)


# Code that CPython runs in C (its Future and Task are C types) but that runs in Python here:
# these Future and Task classes, and the pure-Python ones under them.  A traceback printed
# during a run (traceback.print_exc, logging.exception, "Task exception was never retrieved")
# leaves their frames out, so that it reads as python3's does.
_C_IN_CPYTHON = frozenset(
    f.__code__
    for f in (
        _PyFuture.__await__,
        _PyFuture.result,
        _PyFuture.set_result,
        _PyFuture.set_exception,
        _PyFuture.cancel,
        _PyFuture.add_done_callback,
        _PyFuture.remove_done_callback,
        _PyFuture._Future__schedule_callbacks,
        _PyTask.cancel,
        _PyTask._Task__eager_start,
        _PyTask._Task__step,
        _PyTask._Task__step_run_and_handle_result,
        _PyTask._Task__wakeup,
    )
)


# Engine functions that call the program's own callback where CPython's loop calls it directly
# (see hide_in_tracebacks).
_WRAPPERS = set()


def hide_in_tracebacks(fn):
    """Leaves the frames of `fn` out of tracebacks, as those of _C_IN_CPYTHON: an engine function
    that stands around a program's callback which CPython's loop calls directly (a server
    protocol's connection_made, in world/net.py).  Returns `fn`."""
    _WRAPPERS.add(fn.__code__)
    return fn


def shown_in_traceback(frame):
    """False for a frame that a CPython traceback would not have (see _C_IN_CPYTHON and
    hide_in_tracebacks)."""
    code = frame.f_code
    return code not in _C_IN_CPYTHON and code not in _WRAPPERS and code.co_filename != __file__


def _engine_dir():
    import os

    return os.path.dirname(__file__) + os.sep


_ENGINE_DIR = _engine_dir()
# The engine's loop: its _run_once and create_task stand where base_events' are in a python3
# stack.
_LOOP_FILE = _ENGINE_DIR + '_loop.py'
_LOOP_SHOWN = frozenset(('_run_once', 'create_task'))


def shown_on_stack(frame):
    """False for a frame a python3 stack would not have: those of shown_in_traceback, and the
    engine's own (the exec of the program, simulated sockets and signals, time.sleep), except
    the virtual loop's _run_once and create_task, which stand where base_events' are."""
    code = frame.f_code
    filename = code.co_filename
    if code in _C_IN_CPYTHON:
        return False
    if filename == _LOOP_FILE:
        return code.co_name in _LOOP_SHOWN
    return not filename.startswith(_ENGINE_DIR)


def install_traceback_filter(p):
    """traceback's walkers skip those frames for the run (`p` undoes it): in tracebacks, and
    in stacks (traceback.print_stack, format_stack, extract_stack, logging's stack_info)."""
    import traceback

    def shown_stack(f, limit, lookup_lines):
        # traceback.extract_stack's walk, without the frames python3 would not have.
        frames = (item for item in traceback.walk_stack(f) if shown_on_stack(item[0]))
        stack = traceback.StackSummary.extract(frames, limit=limit, lookup_lines=lookup_lines)
        stack.reverse()
        return stack

    def extract_stack(f=None, limit=None):
        return shown_stack(sys._getframe().f_back if f is None else f, limit, True)

    extract_stack.__doc__ = traceback.extract_stack.__doc__
    p.set(traceback, 'extract_stack', extract_stack)

    # asyncio's debug mode ("created at" of handles, futures and tasks) walks the same way.
    # Its methods drop their own frames from the walk by count; the engine's frames are not in
    # it, so the engine's loop and task drop none.
    def debug_stack(f=None, limit=None):
        if limit is None:
            limit = constants.DEBUG_STACK_DEPTH
        return shown_stack(sys._getframe().f_back if f is None else f, limit, False)

    debug_stack.__doc__ = format_helpers.extract_stack.__doc__
    p.set(format_helpers, 'extract_stack', debug_stack)

    def filtered(walk):
        def walk_shown(tb):
            for frame, position in walk(tb):
                if shown_in_traceback(frame):
                    yield frame, position

        walk_shown.__name__ = walk.__name__
        walk_shown.__doc__ = walk.__doc__
        return walk_shown

    p.set(traceback, 'walk_tb', filtered(traceback.walk_tb))

    # "Coroutine created at" of a coroutine never awaited (debug mode): CPython records the
    # origin itself (cr_origin: file, line, function), engine frames included, so they are left
    # out here and the loop records more frames (ORIGIN_EXTRA_DEPTH) to make up for them.
    import warnings

    p.set(warnings, '_warn_unawaited_coroutine', _warn_unawaited_coroutine)
    if hasattr(traceback, '_walk_tb_with_full_positions'):
        p.set(
            traceback,
            '_walk_tb_with_full_positions',
            filtered(traceback._walk_tb_with_full_positions),
        )


# Frames that asyncio's C Task has no Python frame for, by (file, function) as cr_origin lists them.
_C_IN_CPYTHON_PLACES = frozenset((code.co_filename, code.co_name) for code in _C_IN_CPYTHON)
# How many more frames the loop records as a coroutine's origin in debug mode than asyncio's
# DEBUG_STACK_DEPTH: the engine's own, which _warn_unawaited_coroutine leaves out.
ORIGIN_EXTRA_DEPTH = 12


def _origin_shown(filename, funcname):
    """shown_on_stack for an entry of cr_origin (a place, not a frame)."""
    if (filename, funcname) in _C_IN_CPYTHON_PLACES:
        return False
    if filename == _LOOP_FILE:
        return funcname in _LOOP_SHOWN
    return not filename.startswith(_ENGINE_DIR)


def _warn_unawaited_coroutine(coro):
    """warnings' own function (which CPython calls when a coroutine is destroyed unawaited),
    with the coroutine's origin as python3 would have recorded it: without the engine's frames,
    at asyncio's depth."""
    import linecache
    import traceback
    import warnings

    lines = [f"coroutine '{coro.__qualname__}' was never awaited\n"]
    origin = coro.cr_origin
    if origin is not None:
        kept = [entry for entry in origin if _origin_shown(entry[0], entry[2])]
        kept = kept[: constants.DEBUG_STACK_DEPTH]
        lines.append('Coroutine created at (most recent call last)\n')
        lines += traceback.format_list(
            [(f, n, func, linecache.getline(f, n)) for f, n, func in reversed(kept)]
        )
    warnings.warn(
        ''.join(lines).rstrip('\n'), category=RuntimeWarning, stacklevel=2, source=coro
    )


def _waiter_task(fut):
    """Task id of the task whose wakeup is among this future's callbacks, else -1."""
    for cb, _ctx in fut._callbacks:
        owner = getattr(cb, '__self__', None)
        if owner is not None and type(owner) is Task:
            return owner._lstid
    return -1


class Task(_PyTask, Future):
    """asyncio.Task that records creation, each step, its wakeup cause and cancellation."""

    _lstid = -1  # task id in the trace
    _lswake = -1  # event index of the FUTURE_DONE that woke it, -1 when not woken by a future
    _lsfirst = True
    _lscancel = -1  # event index of the CANCEL_REQUESTED behind a pending _must_cancel
    _ls_kind = S.FUTURE_TASK

    def __init__(self, coro, *, loop=None, name=None, context=None, eager_start=False):
        # asyncio's Task.__init__, except that registration uses the C helpers (see the module
        # docstring) and the creation is recorded before an eager first step can run.
        _PyFuture.__init__(self, loop=loop)
        if not coroutines.iscoroutine(coro):
            self._log_destroy_pending = False
            raise TypeError(f'a coroutine was expected, got {coro!r}')
        if name is None:
            self._name = f'Task-{tasks._task_name_counter()}'
        else:
            self._name = str(name)
        self._num_cancels_requested = 0
        self._must_cancel = False
        self._fut_waiter = None
        self._coro = coro
        if context is None:
            self._context = contextvars.copy_context()
        else:
            self._context = context
        loop = self._loop
        rec = getattr(loop, '_recorder', None)
        if rec is not None:
            rec.new_task(self, coro)
        else:
            # Untraced, the run still counts its tasks (for --stats).
            st = getattr(loop, '_st', None)
            if st is not None:
                st.tasks_created += 1
        if eager_start and loop.is_running():
            self.__eager_start()
        else:
            loop.call_soon(self.__step, context=self._context)
            _register_task(self)

    def __eager_start(self):
        prev_task = _swap_current_task(self._loop, self)
        try:
            _register_eager_task(self)
            try:
                self._context.run(self.__traced_step, None)
            finally:
                _unregister_eager_task(self)
        finally:
            try:
                _swap_current_task(self._loop, prev_task)
            finally:
                if self.done():
                    self._coro = None
                    self = None
                else:
                    _register_task(self)

    def __step(self, exc=None):
        if self.done():
            raise exceptions.InvalidStateError(f'__step(): already done: {self!r}, {exc!r}')
        if self._must_cancel:
            if not isinstance(exc, _CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        self._fut_waiter = None
        loop = self._loop
        _enter_task(loop, self)
        try:
            self.__traced_step(exc)
        finally:
            _leave_task(loop, self)
            self = None

    def __traced_step(self, exc):
        rec = self._loop._recorder
        if rec is None:
            try:
                self._Task__step_run_and_handle_result(exc)
            finally:
                # As asyncio's own step and Handle._run do: a frame that outlives the step (the
                # f_back of a failed coroutine's frame, kept by its traceback) must not hold the
                # task, or the task lives until the cycle collector runs.
                self = None
            return
        ev = rec.ev
        tid = self._lstid
        prev_task = rec.task
        prev_line = rec.line
        rec.task = tid
        line = rec.line = rec.task_lines[tid]
        # Why this step runs: the first step, a cancellation being delivered, the future it
        # awaited being done (with a link to that FUTURE_DONE event), or a plain reschedule.
        if exc is not None and isinstance(exc, _CancelledError):
            cause = self._lswake if self._lswake >= 0 else self._lscancel
            ev.extend((_STEP_START, rec.now, tid, line, tid, S.WAKE_CANCEL, cause))
            ev.extend((S.CANCEL_DELIVERED, rec.now, tid, line, tid, 0, 0))
        elif self._lswake >= 0:
            ev += (_STEP_START, rec.now, tid, line, tid, _WAKE_FUTURE, self._lswake)
        elif self._lsfirst:
            ev.extend((_STEP_START, rec.now, tid, line, tid, S.WAKE_FIRST, -1))
        else:
            ev.extend((_STEP_START, rec.now, tid, line, tid, S.WAKE_YIELD, -1))
        self._lsfirst = False
        self._lswake = -1
        self._lscancel = -1
        try:
            self._Task__step_run_and_handle_result(exc)
        finally:
            line = rec.line
            state = self._state
            if state == _PENDING:
                waiter = self._fut_waiter
                if waiter is None:
                    wid = -1
                else:
                    wid = waiter._lsid if type(waiter) in _OURS else rec.future_id(waiter)
                chain = rec.chain_of(self._coro, tid)
                now = rec.now
                # TASK_STEP_END (suspended on `wid`) and AWAIT_CHAIN, as one wire row; and when
                # the last row is this task's wakeup added to that future, in the same task, at
                # the same time and line (the very objects), that row takes them
                # (_recorder.WIRE_STEP_PARKED_CB): the usual end of an `await`.
                n = len(ev)
                if (
                    ev[n - 7] is _CB_ADDED
                    and ev[n - 3] is wid
                    and ev[n - 1] is tid
                    and ev[n - 5] is tid
                    and ev[n - 4] is line
                    and ev[n - 6] is now
                ):
                    ev[n - 1] = ev[n - 2]
                    ev[n - 2] = chain
                    ev[n - 7] = _STEP_PARKED_CB
                else:
                    ev += (_STEP_PARKED, now, tid, line, wid, chain, 0)
            elif state == _CANCELLED:
                msg = self._cancel_message
                ev.extend(
                    (
                        _STEP_END,
                        rec.now,
                        tid,
                        line,
                        tid,
                        S.STEP_CANCELLED,
                        -1 if msg is None else rec.string(rec.muted_str(msg)),
                    )
                )
            elif self._exception is not None:
                ev.extend(
                    (
                        _STEP_END,
                        rec.now,
                        tid,
                        line,
                        tid,
                        S.STEP_RAISED,
                        rec.error_text(self._exception),
                    )
                )
            else:
                ev.extend(
                    (_STEP_END, rec.now, tid, line, tid, S.STEP_RETURNED, rec.short(self._result))
                )
            rec.task_lines[tid] = line
            rec.task = prev_task
            rec.line = prev_line
            self = None  # as above

    def __wakeup(self, future):
        _discard_from_awaited_by(future, self)
        self._lswake = future._lsdone if type(future) in _OURS else -1
        # The step runs outside the except block (asyncio's pure-Python task steps inside it):
        # the C Task, which CPython programs run on, throws the awaited exception in from
        # outside any handler, so once the coroutine has caught it, sys.exc_info() is empty
        # again and the next exception has no __context__.
        try:
            future.result()
        except BaseException as caught:
            exc = caught
        else:
            exc = None
        self.__step(exc)
        exc = None
        self = None

    def cancel(self, msg=None):
        rec = self._loop._recorder
        if rec is not None and self._state == _PENDING:
            self._lscancel = rec.emit(
                S.CANCEL_REQUESTED,
                self._lsid,
                -1 if msg is None else rec.string(rec.muted_str(msg)),
                self._num_cancels_requested + 1,
            )
        # _PyTask.cancel, skipping Future.cancel's own record above (the task is not done yet).
        self._log_traceback = False
        if self.done():
            return False
        self._num_cancels_requested += 1
        if self._fut_waiter is not None:
            if self._fut_waiter.cancel(msg=msg):
                return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def uncancel(self):
        n = super().uncancel()
        rec = self._loop._recorder
        if rec is not None:
            rec.emit(S.UNCANCEL, self._lstid, n)
        return n

    def set_name(self, value):
        super().set_name(value)
        rec = self._loop._recorder
        if rec is not None and self._lstid >= 0:
            rec.tasks[self._lstid * 5 + 1] = rec.string(self._name)


class GatheringFuture(Future):
    """Stand-in for asyncio's private _GatheringFuture (same behaviour), recording the gather
    edges from the outer future to each child."""

    _ls_kind = S.FUTURE_GATHER
    _ls_label = 'gather'

    def __init__(self, children, *, loop):
        assert loop is not None
        super().__init__(loop=loop)
        self._children = children
        self._cancel_requested = False
        rec = loop._recorder
        if rec is not None:
            for child in children:
                rec.emit(S.AWAIT_EDGE, self._lsid, rec.future_id(child), S.EDGE_GATHER)

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


# Reprs as CPython's C classes print them: a future's callbacks show `Task.task_wakeup()`.
Task._Task__wakeup.__qualname__ = 'Task.task_wakeup'

# Same name as asyncio's class: it shows in reprs (`<_GatheringFuture pending>`).
GatheringFuture.__name__ = GatheringFuture.__qualname__ = '_GatheringFuture'

_OURS = (Future, Task, GatheringFuture)


def make_eager_task_factory():
    return tasks.create_eager_task_factory(Task)


# --- wrappers that add the structural await edges (shield, wait, TaskGroup) --------------------

_orig_shield = tasks.shield
_orig_wait = tasks.wait
_orig_tg_create_task = taskgroups.TaskGroup.create_task


def _loop_recorder(fut):
    loop = getattr(fut, '_loop', None)
    return getattr(loop, '_recorder', None)


def shield(arg):
    inner = tasks.ensure_future(arg)
    outer = _orig_shield(inner)
    if outer is not inner:
        rec = _loop_recorder(outer)
        if rec is not None:
            oid = rec.future_id(outer)
            rec.set_future_kind(oid, S.FUTURE_SHIELD, 'shield')
            rec.emit(S.AWAIT_EDGE, oid, rec.future_id(inner), S.EDGE_SHIELD)
    return outer


def wait_label(return_when, timeout):
    """The FUTURE_CALL label of asyncio.wait's waiter: 'asyncio.wait', then ' FIRST_COMPLETED'
    or ' FIRST_EXCEPTION' (no word for ALL_COMPLETED, the default), then ' timeout' when one
    was given: what ends the wait, for the page to say why the task resumed."""
    label = 'asyncio.wait'
    if return_when in (tasks.FIRST_COMPLETED, tasks.FIRST_EXCEPTION):
        label += ' ' + return_when
    if timeout is not None:
        label += ' timeout'
    return label


async def wait(fs, *, timeout=None, return_when=tasks.ALL_COMPLETED):
    rec = None
    if not (futures.isfuture(fs) or coroutines.iscoroutine(fs)):
        fs = list(fs) if not isinstance(fs, (set, list, tuple)) else fs
        task = tasks.current_task()
        rec = _loop_recorder(task) if task is not None else None
        if rec is not None:
            me = rec.future_id(task)
            for f in fs:
                if futures.isfuture(f):
                    rec.emit(S.AWAIT_EDGE, me, rec.future_id(f), S.EDGE_WAIT)
            # asyncio.wait parks on a future of its own (tasks._wait's `waiter`, the first future
            # it makes): a FUTURE_CALL, so the page says "awaits asyncio.wait()", not "Future".
            rec.pending_wait = (-1, -1, wait_label(return_when, timeout))
    try:
        return await _orig_wait(fs, timeout=timeout, return_when=return_when)
    finally:
        if rec is not None:
            rec.pending_wait = None  # when it raised before making its waiter (empty fs...)


_orig_as_completed = tasks.as_completed


def as_completed(fs, *, timeout=None):
    """asyncio.as_completed, with coroutines wrapped in tasks in the order given.

    asyncio puts the awaitables in a set first, and a set of coroutines iterates in memory
    order, so the tasks it creates would be numbered differently from run to run.  Wrapping
    them here, in order (duplicates once, as the set would), keeps runs identical; which task
    finishes first is unchanged.
    """
    if futures.isfuture(fs) or coroutines.iscoroutine(fs):
        return _orig_as_completed(fs, timeout=timeout)
    seen = {}
    ordered = []
    for f in fs:
        key = id(f)
        if key not in seen:
            seen[key] = f
            ordered.append(tasks.ensure_future(f))
    return _orig_as_completed(ordered, timeout=timeout)


def _tg_completed_get(self):
    return self.__dict__.get('_on_completed_fut')


def _tg_completed_set(self, fut):
    # Kept in the instance's own dict under asyncio's name, so a group outliving the run's
    # patches reads the same value.
    self.__dict__['_on_completed_fut'] = fut
    if fut is not None:
        rec = _loop_recorder(fut)
        if rec is not None:
            rec.set_future_kind(rec.future_id(fut), S.FUTURE_TASKGROUP, 'TaskGroup')


# TaskGroup's `_on_completed_fut`, the future its owner awaits at the end of `async with` until
# the group's tasks are done (a new one each time a cancellation interrupts that wait): labelled
# as the TaskGroup's, so the owner is not shown waiting on a bare `Future`.
tg_completed_fut = property(_tg_completed_get, _tg_completed_set)


def tg_create_task(self, coro, **kwargs):
    task = _orig_tg_create_task(self, coro, **kwargs)
    parent = self._parent_task
    rec = _loop_recorder(task)
    if rec is not None and parent is not None:
        rec.emit(S.AWAIT_EDGE, rec.future_id(parent), rec.future_id(task), S.EDGE_TASKGROUP)
    return task
