"""The virtual event loop: CPython's BaseEventLoop on a virtual clock.

`VirtualLoop` keeps all of BaseEventLoop's scheduling (ready deque, timer heap, handles) and
changes only what touches the outside world: `time()` reads a virtual clock shared by every loop
of a run, `_run_once` jumps that clock to the earliest timer instead of sleeping in select(),
and there is no selector or self-pipe.  When a run is traced, scheduling, handle runs and
cancellations are also recorded (see _recorder.py).

One `RunState` exists per run (`current_run`); loops created during the run read the clock,
the recorder and the budgets from it.  A loop made outside a run gets a private state with no
budgets and no recorder.
"""

import heapq
import itertools
import signal
import sys
import time
import types
from asyncio import base_events, constants, coroutines, events, futures, tasks
from asyncio.log import logger

from . import schema as S
from ._futures import ORIGIN_EXTRA_DEPTH, Future, GatheringFuture, Task
from ._recorder import WIRE_HANDLE_NEXT, WIRE_READY2, WIRE_READY3, WIRE_SLEEP_ARMED

try:
    from .world.net import NetworkLoopMixin
except ModuleNotFoundError as exc:  # the world package is optional; a bug inside it is not
    if exc.name not in ('loopscope.world', 'loopscope.world.net'):
        raise

    class NetworkLoopMixin:
        pass


try:
    from .world.executor import ExecutorLoopMixin
except ModuleNotFoundError as exc:
    if exc.name not in ('loopscope.world', 'loopscope.world.executor'):
        raise

    class ExecutorLoopMixin:
        pass


# Real clocks, captured before the runner patches the time module.
wall_clock = time.monotonic

_HANDLE_SCHEDULED = S.HANDLE_SCHEDULED
_HANDLE_READY = S.HANDLE_READY
_HANDLE_START = S.HANDLE_START
_HANDLE_END = S.HANDLE_END
_HANDLE_NEXT = WIRE_HANDLE_NEXT
_SLEEP_ARMED = WIRE_SLEEP_ARMED
_READY2 = WIRE_READY2
_READY3 = WIRE_READY3
_FUTURE_CREATED = S.FUTURE_CREATED
_STEP_FUNC = Task._Task__step
_WAKEUP_FUNC = Task._Task__wakeup
_SET_UNLESS_CANCELLED = futures._set_result_unless_cancelled
_SOON = S.HANDLE_SOON
_LATER = S.HANDLE_LATER
_FUTURE_SLEEP = S.FUTURE_SLEEP
heappush = heapq.heappush
heappop = heapq.heappop


class RunStopped(SystemExit):
    """Ends a run from inside the program (budget, deadlock).

    A SystemExit so that `except Exception` in user code does not swallow it and asyncio's task
    step re-raises it instead of storing it in the task.
    """

    def __init__(self, outcome, detail):
        super().__init__(detail)
        self.outcome = outcome
        self.detail = detail


class RunInterrupted(KeyboardInterrupt):
    """The page pressed Stop (Pyodide's interrupt buffer raised SIGINT)."""

    outcome = S.OUTCOME_INTERRUPTED
    detail = 'interrupted'


class RunState:
    """Clock, recorder, budgets and bookkeeping shared by every loop of one run."""

    def __init__(self, recorder=None, max_events=0, max_virtual_time=0.0, max_wall_time=0.0):
        self.now = 0.0
        self.rec = recorder
        self.max_virtual_time = max_virtual_time or float('inf')
        self.max_wall_time = max_wall_time or float('inf')
        self.max_events = max_events
        self.start_wall_clock()
        self.iteration = 0
        self.loops = []
        self.resources = []  # weak references to resource wrappers, for deadlock descriptions
        self.stopped = None  # (outcome, detail) once the run must end
        # A SIGINT for the program that came during the set-up (_runner._on_sigint).
        self.sigint_pending = False
        # 'setup', 'program' while the program's code runs, 'teardown' (the engine's, which may
        # still run some of it: __del__, __str__), 'done'.  An interrupt (Stop, the CLI's
        # watchdog) raises the stop only in the program's phase (_runner._on_sigint).
        self.phase = 'setup'
        # (exit status, stderr text) once the program ended its own process (_signals.py).
        self.ended = None
        self.signals = None  # the run's signal table (_signals.Signals), once installed
        self.on_stop = None  # called once when the run is stopped (see halt)
        # The host's hook, called at each budget check (see check_budgets), or None.
        self.on_tick = None
        self.tasks_created = 0  # tasks made in an untraced run (a traced one has its table)
        self.filename = recorder.filename if recorder is not None else 'main.py'
        self._seq = itertools.count()
        self.next_seq = self._seq.__next__

    def advance(self, seconds):
        """Move the virtual clock forward (time.sleep blocking the loop)."""
        self.now += seconds
        if self.rec is not None:
            self.rec.now = self.now

    def stop(self, outcome, detail):
        self.halt(outcome, detail)
        self.raise_stopped()

    def halt(self, outcome, detail):
        """Mark the run as ended (the first reason wins) without raising yet.

        From here on not one more line of the program may run, nor print: `on_stop` (set by
        the runner) makes every line of user code raise the stop, so a `finally:` or an
        `except BaseException:` cannot carry on, and a suspended coroutine closed while the run
        is torn down cannot print or complain from its cleanup code.
        """
        if self.stopped is None:
            self.stopped = (outcome, detail)
            if self.rec is not None:
                self.rec.stop_mark()
            if self.on_stop is not None:
                self.on_stop()

    def raise_stopped(self):
        outcome, detail = self.stopped
        if outcome == S.OUTCOME_INTERRUPTED:
            raise RunInterrupted()
        raise RunStopped(outcome, detail)

    def start_wall_clock(self):
        """The wall-time budget counts from here: the run's creation, then again from the
        program's first line (see _runner.run), so the engine's set-up, seconds on a loaded
        machine, is not charged to the program."""
        self.wall_start = wall_clock()
        self.wall_deadline = self.wall_start + self.max_wall_time

    def check_budgets(self):
        """Wall time and events; raises RunStopped when one is exhausted.

        Called every few thousand events of a traced run (from the line callback), so it also
        calls the host's `on_tick`: the page's worker sends the output it batched, which a
        program that prints and then computes without printing would otherwise hold back.
        """
        if self.on_tick is not None:
            self.on_tick()
        if self.stopped is not None:
            self.raise_stopped()
        if wall_clock() > self.wall_deadline:
            self.stop(
                S.OUTCOME_LIMIT_WALL_TIME, f'wall-time limit of {self.max_wall_time:g} s reached'
            )
        rec = self.rec
        if rec is not None and len(rec.ev) >= rec.cap and rec.over_event_budget():
            self.stop(S.OUTCOME_LIMIT_EVENTS, f'event limit of {self.max_events} reached')


current_run = None


def _state_for_new_loop():
    return current_run if current_run is not None else RunState()


class _RecordsCancel:
    """Records HANDLE_CANCELLED when a not-yet-cancelled handle is cancelled."""

    __slots__ = ()

    def cancel(self):
        if not self._cancelled:
            rec = self._loop._recorder
            # A closed loop dropped its queue (HANDLE_DROPPED): nothing there is pending now.
            if rec is not None and not self._loop._closed:
                rec.emit(S.HANDLE_CANCELLED, self._lsid)
        super().cancel()


class _Handle(_RecordsCancel, events.Handle):
    __slots__ = ('_lsid',)


class _TimerHandle(events.TimerHandle):
    """A timer that breaks ties in due time by scheduling order.

    On a real clock, two `call_later(0.2, ...)` made one after the other get slightly different
    due times, so they fire in the order they were made.  On the virtual clock they are equal,
    and the heap alone would order them arbitrarily; the sequence number restores the order
    CPython shows in practice.
    """

    __slots__ = ('_lsid', '_lsseq')

    def __lt__(self, other):
        w = self._when
        ow = other._when
        return w < ow or (w == ow and self._lsseq < other._lsseq)

    def __le__(self, other):
        return not other.__lt__(self)

    def __gt__(self, other):
        return other.__lt__(self)

    def __ge__(self, other):
        return not self.__lt__(other)

    def cancel(self):
        # asyncio.sleep cancels its timer after it fired; only a cancel that stops a pending
        # timer is worth an event.  A closed loop's heap was dropped (HANDLE_DROPPED) without
        # resetting `_scheduled`: a sleep's cleanup cancelling its timer then stops nothing.
        if not self._cancelled and self._scheduled:
            rec = self._loop._recorder
            if rec is not None and not self._loop._closed:
                rec.emit(S.HANDLE_CANCELLED, self._lsid)
        super().cancel()


class _ThreadSafeHandle(_RecordsCancel, events._ThreadSafeHandle):
    __slots__ = ('_lsid',)


# Reprs (in asyncio's own error messages) show asyncio's class names.
_Handle.__name__ = _Handle.__qualname__ = 'Handle'
_TimerHandle.__name__ = _TimerHandle.__qualname__ = 'TimerHandle'

_Base = base_events.BaseEventLoop

# The world simulates TCP (world/net.py), not Unix domain sockets, which asyncio has on Linux.
NO_UNIX_SOCKETS = (
    'Loopscope simulates TCP, not Unix domain sockets: asyncio.start_unix_server, '
    'open_unix_connection and the loop\'s create_unix_server/create_unix_connection are not '
    'available. Use a localhost TCP port instead: asyncio.start_server(handler, "127.0.0.1", '
    '8888) and asyncio.open_connection("127.0.0.1", 8888).'
)


class VirtualLoop(NetworkLoopMixin, ExecutorLoopMixin, base_events.BaseEventLoop):
    """asyncio's BaseEventLoop on the run's virtual clock; see the module docstring."""

    def __init__(self, selector=None):
        # `selector`: asyncio.SelectorEventLoop's own argument (a program may pass
        # selectors.SelectSelector()).  There is nothing to select on here, so it is ignored.
        super().__init__()
        # What asyncio's selector loop logs as it is made (PyMOTW's examples show it with
        # logging at DEBUG), with the selector python3 picks on Linux.
        logger.debug('Using selector: %s', 'EpollSelector')
        st = self._st = _state_for_new_loop()
        rec = self._recorder = st.rec
        # A fixed resolution: the real one depends on the host, and it decides which timers
        # count as due, so it must not vary between runs.
        self._clock_resolution = 1e-09
        self._selector = None
        st.loops.append(self)
        self._signal_handlers = {}
        if rec is None:
            # Untraced runs use BaseEventLoop's own methods: the --no-trace baseline pays
            # nothing for the recording code paths.
            self._call_soon = types.MethodType(_Base._call_soon, self)
            self.call_at = self._plain_call_at
            self.call_later = self._plain_call_later
            self.call_soon_threadsafe = self._plain_call_soon_threadsafe
        install = _world_install()
        if install is not None:
            install(self)

    def _set_coroutine_origin_tracking(self, enabled):
        was = self._coroutine_origin_tracking_enabled
        super()._set_coroutine_origin_tracking(enabled)
        if enabled and not was:
            # Debug mode: the origin CPython records includes the engine's frames, which the
            # report leaves out (_futures._warn_unawaited_coroutine): record that many more.
            sys.set_coroutine_origin_tracking_depth(
                constants.DEBUG_STACK_DEPTH + ORIGIN_EXTRA_DEPTH
            )

    # --- the clock and the (absent) selector ----------------------------------------------------

    def time(self):
        return self._st.now

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    # --- futures and tasks ------------------------------------------------------------------------

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, **kwargs):
        self._check_closed()
        if self._task_factory is not None:
            return self._task_factory(self, coro, **kwargs)
        task = Task(coro, loop=self, **kwargs)
        if task._source_traceback:
            # As BaseEventLoop.create_task: debug mode's "created at" names the caller.
            del task._source_traceback[-1]
        try:
            return task
        finally:
            del task

    # --- scheduling (traced versions; untraced loops use BaseEventLoop's) -------------------------

    def _call_soon(self, callback, args, context):
        # The busiest path of a traced run (every task step and wakeup), so recorded inline.
        handle = _Handle(callback, args, self, context)
        self._ready.append(handle)
        rec = self._recorder
        handles = rec.handles
        hid = handle._lsid = len(handles) // 5
        owner = getattr(callback, '__self__', None)
        now = rec.now
        line = rec.line
        # (`list += tuple` rather than list.extend: no method call, measurably cheaper here.)
        if type(owner) is Task:
            handles += (
                _SOON,
                now,
                rec.s_step if callback.__func__ is _STEP_FUNC else rec.s_wakeup,
                owner._lstid,
                line,
            )
        else:
            handles += (_SOON, now, rec.describe_callback(callback), -1, line)
        # No call between the row and its event (see _record_handle).
        ev = rec.ev
        ev += (_HANDLE_SCHEDULED, now, rec.task, line, hid, 0, 0)
        return handle

    def _plain_call_soon_threadsafe(self, callback, *args, context=None):
        when = _worker_clock()
        if when is not None and when > self._st.now:
            return self.call_at(when, callback, *args, context=context)
        return _Base.call_soon_threadsafe(self, callback, *args, context=context)

    def call_soon_threadsafe(self, callback, *args, context=None):
        when = _worker_clock()
        if when is not None and when > self._st.now:
            # From a simulated worker's job, which runs in one go at its start, with its own
            # clock (world/executor.py): the thread would make this call when its clock says,
            # so it takes effect then, as a timer at the worker's time (a HANDLE_AT).
            return self.call_at(when, callback, *args, context=context)
        self._check_closed()
        if self._debug:
            self._check_callback(callback, 'call_soon_threadsafe')
        handle = _ThreadSafeHandle(callback, args, self, context)
        if self._debug and handle._source_traceback:
            # Debug mode's "created at" is the caller, as BaseEventLoop's methods leave it. The
            # engine's own frames are not in the walk (_futures.install_traceback_filter), but
            # _ThreadSafeHandle.__init__ is a frame of asyncio's.
            del handle._source_traceback[-1]
        self._ready.append(handle)
        self._record_handle(handle, S.HANDLE_THREADSAFE, callback, args, None)
        return handle

    def _plain_call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError('delay must not be None')
        timer = self._plain_call_at(self._st.now + delay, callback, *args, context=context)
        return timer

    def _plain_call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError('when cannot be None')
        self._check_closed()
        if self._debug:
            self._check_callback(callback, 'call_at')
        timer = _TimerHandle(when, callback, args, self, context)
        timer._lsseq = self._st.next_seq()
        heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError('delay must not be None')
        self._check_closed()
        when = self._st.now + delay
        if self._debug:
            self._check_callback(callback, 'call_at')
        timer = _TimerHandle(when, callback, args, self, context)
        timer._lsseq = self._st.next_seq()
        heappush(self._scheduled, timer)
        timer._scheduled = True
        if callback is _SET_UNLESS_CANCELLED:
            # asyncio.sleep's timer, the most common one: label its future as a sleep.
            rec = self._recorder
            fut = args[0]
            sleep = type(fut) is Future
            if sleep:
                label = rec._sleep_labels.get(delay)
                if label is None:
                    label = rec.sleep_label(delay)
            handles = rec.handles
            hid = len(handles) // 5
            ev = rec.ev
            n = len(ev)
            # No call from here on (see _record_handle): the future's kind and label, the
            # handle's row and its event are recorded together or not at all.
            timer._lsid = hid
            if sleep:
                fid = fut._lsid
                futs = rec.futures
                futs[fid * 5] = _FUTURE_SLEEP
                futs[fid * 5 + 1] = label
            line = rec.line
            handles += (_LATER, when, rec.s_sleep, -1, line)
            now = rec.now
            task = rec.task
            # The sleep's future was made just before (asyncio.sleep): when its FUTURE_CREATED
            # is the last row, at this time, task and line (the very objects), the row takes
            # the HANDLE_SCHEDULED too (_recorder.WIRE_SLEEP_ARMED).
            if (
                sleep
                and ev[n - 7] is _FUTURE_CREATED
                and ev[n - 3] is fid
                and ev[n - 6] is now
                and ev[n - 5] is task
                and ev[n - 4] is line
            ):
                ev[n - 2] = hid
                ev[n - 7] = _SLEEP_ARMED
            else:
                ev += (_HANDLE_SCHEDULED, now, task, line, hid, 0, 0)
        else:
            self._record_handle(timer, _LATER, callback, args, when)
        return timer

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError('when cannot be None')
        self._check_closed()
        if self._debug:
            self._check_callback(callback, 'call_at')
        timer = _TimerHandle(when, callback, args, self, context)
        timer._lsseq = self._st.next_seq()
        heappush(self._scheduled, timer)
        timer._scheduled = True
        self._record_handle(timer, S.HANDLE_AT, callback, args, when)
        return timer

    def _record_handle(self, handle, kind, callback, args, when):
        """The handle's row in the handles table and its HANDLE_SCHEDULED event.

        A Stop is a signal, handled only at calls and loops (after a call returns, before the
        next instruction), so everything that calls comes first.  Then the two appends are
        `list += tuple`, not list.extend, which is a call: a Stop between them would keep the
        row, cut at the stop, without its event.
        """
        rec = self._recorder
        owner = getattr(callback, '__self__', None)
        if type(owner) is Task:
            task = owner._lstid
            descr = rec.s_step if callback.__func__ is _STEP_FUNC else rec.s_wakeup
        else:
            task = -1
            descr = rec.describe_callback(callback)
        handles = rec.handles
        hid = len(handles) // 5
        # No call from here on.
        handle._lsid = hid
        now = rec.now
        line = rec.line
        handles += (kind, now if when is None else when, descr, task, line)
        ev = rec.ev
        ev += (_HANDLE_SCHEDULED, now, rec.task, line, hid, 0, 0)

    # --- signals and subprocesses (see _signals.py) -----------------------------------------------

    def add_signal_handler(self, sig, callback, *args):
        """asyncio's Unix loop method, on the run's simulated signals: `callback(*args)` is
        scheduled on this loop each time the program sends itself `sig`."""
        if coroutines.iscoroutine(callback) or coroutines._iscoroutinefunction(callback):
            raise TypeError('coroutines cannot be used with add_signal_handler()')
        self._check_signal(sig)
        self._check_closed()
        sigs = self._st.signals
        if sigs is None:
            raise NotImplementedError
        handle = events.Handle(callback, args, self, None)
        self._signal_handlers[sig] = handle
        try:
            sigs.add_loop_handler(self, sig)
        except BaseException:
            del self._signal_handlers[sig]
            raise

    def remove_signal_handler(self, sig):
        self._check_signal(sig)
        try:
            del self._signal_handlers[sig]
        except KeyError:
            return False
        if self._st.signals is not None:
            self._st.signals.remove_loop_handler(sig)
        return True

    def _check_signal(self, sig):
        if not isinstance(sig, int):
            raise TypeError(f'sig must be an int, not {sig!r}')
        if sig not in signal.valid_signals():
            raise ValueError(f'invalid signal number {sig}')

    def _handle_signal(self, sig):
        # The Unix loop's self-pipe wakes it and the handler runs as a callback; a threadsafe
        # handle stands for that here (a new one per signal, so the trace shows each).
        handle = self._signal_handlers.get(sig)
        if handle is None or self.is_closed():
            return
        if handle._cancelled:
            self.remove_signal_handler(sig)
        else:
            self.call_soon_threadsafe(handle._callback, *handle._args, context=handle._context)

    def close(self):
        # BaseEventLoop.close() empties the ready queue and the timer heap: what waits there is
        # dropped, neither run nor cancelled (asyncio.run's closing drops a call_later timer
        # still pending).  A traced run says so, once, here; _run_once is not touched.  The
        # events come before the clearing, which may destroy a task whose step was dropped
        # ("Task was destroyed but it is pending!"): the drop is its cause.  A run already
        # stopped (a budget, Stop, a deadlock) is not closing its loop: the engine is tearing it
        # down, and nothing is recorded.
        rec = self._recorder
        if (
            rec is not None
            and (self._ready or self._scheduled)
            and not self._closed
            and not self.is_running()
            and self._st.stopped is None
        ):
            dropped = self._pending_handles()
            if dropped:
                # At the program's line that closed it (asyncio.run's line, or its own close()):
                # the loop's last iteration left the recorder on no line.
                line = rec.user_line()
                for hid, where in dropped:
                    rec.emit_at(S.HANDLE_DROPPED, line, hid, where)
        super().close()
        for sig in list(self._signal_handlers):
            self.remove_signal_handler(sig)

    def _pending_handles(self):
        """(handle id, DROPPED_*) of what waits in the ready queue, in its order, then in the
        timer heap, in due order; not the cancelled ones, which the trace already took out (a
        cancelled timer stays in asyncio's heap until it is popped)."""
        out = []
        for handle in self._ready:
            hid = getattr(handle, '_lsid', None)
            if hid is not None and not handle._cancelled:
                out.append((hid, S.DROPPED_READY))
        for handle in sorted(self._scheduled):
            hid = getattr(handle, '_lsid', None)
            if hid is not None and not handle._cancelled:
                out.append((hid, S.DROPPED_TIMER))
        return out

    def _make_subprocess_transport(self, *args, **kwargs):
        from ._signals import NO_SUBPROCESSES

        raise NotImplementedError(NO_SUBPROCESSES)

    # The Unix loop's own, which BaseEventLoop leaves as a bare NotImplementedError.
    async def create_unix_connection(self, protocol_factory, path=None, **kwargs):
        raise NotImplementedError(NO_UNIX_SOCKETS)

    async def create_unix_server(self, protocol_factory, path=None, **kwargs):
        raise NotImplementedError(NO_UNIX_SOCKETS)

    # --- one iteration ----------------------------------------------------------------------------

    def _run_once(self):
        st = self._st
        if st.stopped is not None:
            st.raise_stopped()
        scheduled = self._scheduled
        # Drop cancelled timers (BaseEventLoop's policy, simplified: no fd polling here).
        if (
            len(scheduled) > base_events._MIN_SCHEDULED_TIMER_HANDLES
            and self._timer_cancelled_count / len(scheduled)
            > base_events._MIN_CANCELLED_TIMER_HANDLES_FRACTION
        ):
            live = []
            for handle in scheduled:
                if handle._cancelled:
                    handle._scheduled = False
                else:
                    live.append(handle)
            heapq.heapify(live)
            self._scheduled = scheduled = live
            self._timer_cancelled_count = 0
        else:
            while scheduled and scheduled[0]._cancelled:
                self._timer_cancelled_count -= 1
                handle = heapq.heappop(scheduled)
                handle._scheduled = False

        ready = self._ready
        rec = self._recorder
        advanced = False
        if not ready and not self._stopping:
            if scheduled:
                when = scheduled[0]._when
                if when > st.now:
                    if when > st.max_virtual_time:
                        st.stop(
                            S.OUTCOME_LIMIT_VIRTUAL_TIME,
                            f'virtual-time limit of {st.max_virtual_time:g} s reached',
                        )
                    st.now = when
                    if rec is not None:
                        rec.now = when
                    advanced = True
            elif not self._world_progress():
                servers = self._waiting_servers()
                if servers and not self._stuck_on_streams():
                    self._wait_for_clients(servers)
                self._deadlock()

        st.iteration += 1
        if wall_clock() > st.wall_deadline:
            st.check_budgets()
        end_time = st.now + self._clock_resolution

        if rec is None:
            while scheduled:
                handle = scheduled[0]
                if handle._when >= end_time:
                    break
                handle = heapq.heappop(scheduled)
                handle._scheduled = False
                ready.append(handle)
            popleft = ready.popleft
            debug = self._debug
            for _ in range(len(ready)):
                handle = popleft()
                if handle._cancelled:
                    continue
                if debug:
                    # asyncio's debug mode, inline as in BaseEventLoop._run_once, so that a
                    # stack shows this frame at `handle._run()`, as python3's does.
                    self._current_handle = handle
                    t0 = st.now
                    try:
                        handle._run()
                    finally:
                        self._current_handle = None
                    self._check_slow(handle, st.now - t0)
                else:
                    handle._run()
            handle = None
            return

        ev = rec.ev
        if len(ev) >= rec.cap:
            st.check_budgets()
        now = st.now
        ev += (S.LOOP_ITER, now, -1, 0, st.iteration, len(ready), len(scheduled))
        if advanced:
            ev.extend((S.CLOCK_ADVANCE, now, -1, 0, 0, 0, 0))
        # Due timers go to the ready queue; their HANDLE_READY events are written three to a
        # row (WIRE_READY3; the rest as WIRE_READY2 or one HANDLE_READY).  A stop taken inside
        # this loop leaves up to two of them unwritten: the trace then shows those timers still
        # in the heap, where the run ended.
        r1 = r2 = -1
        while scheduled:
            handle = scheduled[0]
            if handle._when >= end_time:
                break
            handle = heappop(scheduled)
            handle._scheduled = False
            ready.append(handle)
            if r1 < 0:
                r1 = handle._lsid
            elif r2 < 0:
                r2 = handle._lsid
            else:
                ev += (_READY3, now, -1, 0, r1, r2, handle._lsid)
                r1 = r2 = -1
        if r1 >= 0:
            if r2 >= 0:
                ev += (_READY2, now, -1, 0, r1, r2, 0)
            else:
                ev += (_HANDLE_READY, now, -1, 0, r1, 0, 0)
        popleft = ready.popleft
        cap = rec.cap
        debug = self._debug
        # Handles run outside any task, on no user line; each handle's end restores this for
        # the next one.
        rec.task = -1
        rec.line = 0
        # A handle's HANDLE_END is held back (`ended`) and written with the next handle's
        # start as one wire row (WIRE_HANDLE_NEXT): nothing runs between the two, so they have
        # the same time and nothing can come between them.  The last one is written after the
        # loop, and before a budget check, which may end the run.
        ended = -1
        for _ in range(len(ready)):
            handle = popleft()
            if handle._cancelled:
                continue
            hid = handle._lsid
            if ended < 0:
                ev += (_HANDLE_START, now, -1, 0, hid, 0, 0)
            else:
                ev += (_HANDLE_NEXT, now, -1, 0, hid, ended, 0)
            if debug:
                # As above (the untraced loop).
                self._current_handle = handle
                t0 = st.now
                try:
                    handle._run()
                finally:
                    self._current_handle = None
                self._check_slow(handle, st.now - t0)
            else:
                handle._run()
            # A task step restores task and line itself; a plain callback may have moved the
            # line (and time.sleep the clock).
            rec.task = -1
            rec.line = 0
            now = rec.now
            if len(ev) >= cap:
                ev += (_HANDLE_END, now, -1, 0, hid, 0, 0)
                ended = -1
                st.check_budgets()
                cap = rec.cap
            else:
                ended = hid
        if ended >= 0:
            ev += (_HANDLE_END, now, -1, 0, ended, 0, 0)
        handle = None

    def _check_slow(self, handle, dt):
        # asyncio's debug mode: report callbacks that held the loop (here, in virtual time:
        # only a blocking call such as time.sleep can make a callback take time).
        if dt >= self.slow_callback_duration:
            logger.warning('Executing %s took %.3f seconds', base_events._format_handle(handle), dt)

    def _world_progress(self):
        """Hook for the world mixins: return True if they scheduled something when the loop
        had nothing left to do (the loop then keeps going instead of reporting a deadlock)."""
        hook = getattr(super(), '_world_progress', None)
        return bool(hook()) if hook is not None else False

    def _waiting_servers(self):
        """Addresses a server of the run still listens on ('127.0.0.1:8888'), in listen order."""
        net = self.__dict__.get('_world_net_obj')
        if net is None:
            return []
        return [f'{ip}:{port}' for ip, port in net.listeners]

    def _stuck_on_streams(self):
        """Whether a task of the run is parked reading from or draining a connection. With a
        server listening, an idle loop waits for clients (below); but a conversation stuck on
        its own connections (a readline() that no newline ends, on both sides) is a deadlock: no
        one else is on the virtual network, and a new client would not unblock it."""
        from ._describe import stream_wait

        for task in tasks.all_tasks(self):
            if not task.done():
                wait = stream_wait(task)
                if wait is not None and wait.endswith('on a stream'):
                    return True
        return False

    def _wait_for_clients(self, servers):
        # Nothing is left to run but a server waiting for connections (serve_forever(), or
        # run_forever() after start_server): a real one would wait until killed.  No client can
        # come on the virtual network, so the wait lasts until the virtual-time budget, as any
        # other endless run does, and the run ends there saying which server was waiting.
        st = self._st
        st.now = st.max_virtual_time
        rec = self._recorder
        if rec is not None:
            rec.now = st.now
            rec.ev.extend((S.CLOCK_ADVANCE, st.now, -1, 0, 0, 0, 0))
        st.stop(
            S.OUTCOME_LIMIT_VIRTUAL_TIME,
            f'virtual-time limit of {st.max_virtual_time:g} s reached while the server on '
            f'{", ".join(servers)} waited for a client',
        )

    def _deadlock(self):
        from ._describe import describe_deadlock

        detail, line = describe_deadlock(self)
        rec = self._recorder
        if rec is not None:
            # At the first waiting task's line, where the editor marks it (the loop is between
            # steps, so the recorder's own line is no task's).
            rec.emit_at(S.WARNING, line, S.WARN_DEADLOCK, rec.string(detail))
        self._st.stop(S.OUTCOME_DEADLOCK, detail)

    # --- warnings from asyncio --------------------------------------------------------------------

    def call_exception_handler(self, context):
        rec = self._recorder
        if rec is not None:
            from ._describe import describe_exception_context

            kind, text, line = describe_exception_context(context, rec)
            rec.emit_at(S.WARNING, line or rec.line, kind, rec.string(text))
        super().call_exception_handler(context)


def _worker_clock():
    """The clock of the simulated worker thread whose pool job is running now, or None on the
    loop's own thread (world/executor.py)."""
    try:
        from .world.executor import worker_time
    except ImportError:
        return None
    return worker_time()


def _world_install():
    try:
        from . import world
    except ImportError:
        return None
    return getattr(world, 'install', None)


def _note_implicit_loop(caller):
    """get_event_loop() made a loop where 3.14 raises: a legacy note at the program's call."""
    try:
        from .world import legacy
    except ImportError:
        return
    legacy.implicit_loop_note(caller)


class Policy(events._BaseDefaultEventLoopPolicy):
    """Event loop policy of a run: every new loop is a VirtualLoop, and get_event_loop() creates
    one when none is set, as asyncio did before 3.14 (classic examples call it at module level)."""

    _loop_factory = VirtualLoop

    def get_event_loop(self):
        if self._local._loop is None:
            # As up to 3.11 (3.12-3.13 warned; 3.14 raises RuntimeError): the classic examples
            # start with `loop = asyncio.get_event_loop()`.  The program is told (a legacy note).
            self.set_event_loop(VirtualLoop())
            _note_implicit_loop(sys._getframe(1))
        return self._local._loop


__all__ = ['VirtualLoop', 'RunState', 'RunStopped', 'RunInterrupted', 'Policy', 'GatheringFuture']
