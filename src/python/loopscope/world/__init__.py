"""The simulated world: virtual network, HTTP, thread pools and 2015-era syntax.

Two entry points, called by the engine's runner (loopscope/_runner.py):

- `prepare(source, seed=0, loopback_latency=None, remote_latency=None, jitter=None) -> (source, notes)` once
  per run, before compiling the user's program.  It resets the world's settings, applies the
  process-wide patches (idempotent) and rewrites legacy syntax without moving any line.  `notes`
  is a list of `(line, message)` pairs, one per legacy construct found; they are also emitted as
  WARNING/WARN_LEGACY events by `install` on the first loop that has a recorder, so the runner
  need not emit them itself.
- `install(loop)` whenever a VirtualLoop is created (after `loop._recorder` is set).
"""

import os
import sys
import weakref

from . import _config, executor, legacy, processes

_pending_notes = []
_last = None
_HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # .../loopscope
_LIB = os.path.dirname(_HERE)  # where loopscope and aiohttp are installed
_STDLIB = os.path.dirname(os.__file__)


def _last_loop():
    """The loop most recently installed (legacy notes met outside a running loop go there)."""
    return _last() if _last is not None else None


def user_line(frame=None):
    """Line of the user's program being run: the recorder's idea of it inside a traced run,
    else the innermost frame that is neither stdlib nor this package."""
    import asyncio

    loop = asyncio.events._get_running_loop()
    rec = getattr(loop, '_recorder', None) if loop is not None else None
    if rec is not None:
        return rec.user_line()
    frame = frame or sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename
        if not (name.startswith(_LIB) or name.startswith(_STDLIB) or name.startswith('<frozen')):
            return frame.f_lineno
        frame = frame.f_back
    return 0


def prepare(source, seed=0, loopback_latency=None, remote_latency=None, jitter=None, **_ignored):
    """Start a run: fresh world settings (seeded), patches, legacy rewrite.

    `loopback_latency`/`remote_latency` (seconds, one way) and `jitter` (seconds of random extra
    delay per message) are the run options a host page or CLI may pass; a program can still
    change them with loopscope.set_default_latency."""
    global _last
    _last = None  # a loop of an earlier run must not receive this run's notes
    cfg = _config.reset(seed)
    if loopback_latency is not None:
        cfg.loopback_latency = float(loopback_latency)
    if remote_latency is not None:
        cfg.remote_latency = float(remote_latency)
        cfg.remote_latency_set = True
    if jitter is not None:
        cfg.jitter = max(0.0, float(jitter))
    executor.patch_globals()
    processes.patch_globals()
    executor.reset()
    legacy.patch_globals()
    new_source, notes = legacy.rewrite(source)
    _pending_notes[:] = notes
    return new_source, notes


def install(loop):
    global _last
    _last = weakref.ref(loop)
    executor.patch_globals()
    processes.patch_globals()
    legacy.patch_globals()
    legacy.wrap_wait()
    executor.wrap_clocks()
    rec = getattr(loop, '_recorder', None)
    if rec is not None and _pending_notes:
        notes = list(_pending_notes)
        _pending_notes.clear()
        for line, message in notes:
            legacy.emit_note(rec, line, message)
    return loop
