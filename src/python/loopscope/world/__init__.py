"""The simulated world: virtual network, HTTP, thread pools and 2015-era syntax.

Two entry points, called by the engine's runner (loopscope/_runner.py):

- `prepare(source) -> (source, notes)` once per run, before compiling the user's program.  It
  resets the world's settings, applies the process-wide patches (idempotent) and rewrites legacy
  syntax without moving any line.  `notes` is a list of `(line, message)` pairs, one per legacy
  construct found; they are also emitted as WARNING/WARN_LEGACY events by `install` on the first
  loop that has a recorder, so the runner need not emit them itself.
- `install(loop)` whenever a VirtualLoop is created (after `loop._recorder` is set).
"""

from . import _config, executor, legacy

_pending_notes = []


def prepare(source, seed=0):
    _config.reset(seed)
    executor.patch_globals()
    legacy.patch_globals()
    new_source, notes = legacy.rewrite(source)
    _pending_notes[:] = notes
    return new_source, notes


def install(loop):
    executor.patch_globals()
    legacy.patch_globals()
    rec = getattr(loop, '_recorder', None)
    if rec is not None and _pending_notes:
        notes = list(_pending_notes)
        _pending_notes.clear()
        for line, message in notes:
            legacy.emit_note(rec, line, message)
    return loop
