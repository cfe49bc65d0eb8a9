"""A stand-in for the engine, used by the world tests until/unless the real one is wired in.

Minimal on purpose: a virtual-clock loop with the world mixins, a recorder that keeps events in
a list, and a runner that executes a program as __main__ through `world.prepare`/`world.install`.
"""

import asyncio
import io
import sys
import time
import traceback
from asyncio import base_events

from loopscope import schema as S
from loopscope import world
from loopscope.world.executor import ExecutorLoopMixin
from loopscope.world.net import NetworkLoopMixin

USER_FILE = 'main.py'


class Recorder:
    def __init__(self, loop):
        self.loop = loop
        self.events = []
        self.strings = []
        self.resources = []
        self.futures = {}

    def user_line(self):
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename == USER_FILE:
                return frame.f_lineno
            frame = frame.f_back
        return 0

    def emit(self, kind, a=0, b=0, c=0):
        return self.emit_at(kind, self.user_line(), a, b, c)

    def emit_at(self, kind, line, a=0, b=0, c=0):
        self.events.append((kind, self.loop.time(), line, a, b, c))
        return len(self.events) - 1

    def string(self, text):
        self.strings.append(text)
        return len(self.strings) - 1

    def resource(self, kind, name, line=0, capacity=0):
        self.resources.append((kind, name, line, capacity))
        return len(self.resources) - 1

    def future_id(self, fut):
        return self.futures.setdefault(id(fut), len(self.futures))

    def task_id(self, task):
        return self.future_id(task)


class _Selector:
    def select(self, timeout=None):
        return []

    def close(self):
        pass


class FixtureLoop(NetworkLoopMixin, ExecutorLoopMixin, base_events.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self._vt = 0.0
        self._selector = _Selector()
        self._recorder = Recorder(self)
        world.install(self)
        LOOPS.append(self)

    def time(self):
        return self._vt

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def _run_once(self):
        if not self._ready and self._scheduled:
            when = min(h._when for h in self._scheduled if not h._cancelled) \
                if any(not h._cancelled for h in self._scheduled) else self._vt
            if when > self._vt:
                self._vt = when
        if not self._ready and not any(not h._cancelled for h in self._scheduled):
            if not self._stopping:
                raise RuntimeError('fixture loop: deadlock (nothing ready, no timers)')
        super()._run_once()


LOOPS = []
_real_sleep = time.sleep


def _blocking_sleep(seconds):
    # The engine's job in real runs; here just enough: block the loop for virtual time.
    loop = asyncio.events._get_running_loop()
    if isinstance(loop, FixtureLoop):
        loop._vt += seconds
    elif seconds:
        raise RuntimeError('time.sleep outside a loop in the fixture')


def run(source):
    """Run a program; returns (stdout, stderr, recorder events of every loop, strings)."""
    asyncio.events._set_running_loop(None)
    LOOPS.clear()
    source, notes = world.prepare(source)
    time.sleep = _blocking_sleep
    from loopscope.world import executor
    executor._patched = False  # re-wrap around our blocking sleep
    executor.patch_globals()
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    orig_run, orig_new, orig_get = asyncio.run, asyncio.new_event_loop, asyncio.get_event_loop
    asyncio.run = lambda main, **kw: orig_run(main, loop_factory=FixtureLoop)
    asyncio.new_event_loop = FixtureLoop
    default = []

    def get_event_loop():
        running = asyncio.events._get_running_loop()
        if running is not None:
            return running
        if not default:
            default.append(FixtureLoop())
        return default[0]

    asyncio.get_event_loop = get_event_loop
    module = {'__name__': '__main__', '__file__': USER_FILE}
    try:
        code = compile(source, USER_FILE, 'exec')
        exec(code, module)
        status = 0
    except BaseException:
        traceback.print_exc()
        status = 1
    finally:
        sys.stdout, sys.stderr = old
        asyncio.run, asyncio.new_event_loop, asyncio.get_event_loop = orig_run, orig_new, orig_get
        asyncio.events._set_running_loop(None)
    return {
        'stdout': out.getvalue(),
        'stderr': err.getvalue(),
        'status': status,
        'notes': notes,
        'loops': LOOPS[:],
    }


def events(result, kind):
    """(time, line, a, b, c) of every event of this kind, over all loops of a run."""
    found = []
    for loop in result['loops']:
        for ev in loop._recorder.events:
            if ev[0] == kind:
                found.append(ev[1:])
    return found
