"""multiprocessing in a run that has one process and one thread.

Pyodide has no `_multiprocessing` (the C module behind multiprocessing's semaphores) and cannot
start processes: without this module `multiprocessing.Event()`, `from multiprocessing import
synchronize` or `Process(...).start()` fail with a bare `No module named '_multiprocessing'`.
As with threading.Thread.start and ProcessPoolExecutor.submit (world/executor.py), nothing here
pretends to work: what needs another process raises a RuntimeError that says why and what to
use instead.

- A stand-in `_multiprocessing` module, so the multiprocessing modules import as on python3
  (Fluent Python's spinner_proc.py imports `synchronize` for a type hint); its SemLock refuses
  to be made, a safety net for ways around the patched context below.
- `Process.start()` and the context's factories (`multiprocessing.Event()`, `Lock()`, `Queue()`,
  `Pool()`, `Manager()`, ..., also through `get_context(...)`) raise, naming the call.
  `multiprocessing.current_process()`, `cpu_count()` and the classes themselves stay as they are.
"""

import sys
import types

_WHERE = 'Loopscope runs the program in one process'

# The asyncio object that does the same job between tasks, and the threading (or queue) one for
# code run by asyncio.to_thread or run_in_executor on Loopscope's simulated worker threads.
_ALTERNATIVES = {
    'Lock': ('asyncio.Lock', 'threading.Lock'),
    'RLock': ('asyncio.Lock', 'threading.RLock'),
    'Condition': ('asyncio.Condition', 'threading.Condition'),
    'Semaphore': ('asyncio.Semaphore', 'threading.Semaphore'),
    'BoundedSemaphore': ('asyncio.BoundedSemaphore', 'threading.BoundedSemaphore'),
    'Event': ('asyncio.Event', 'threading.Event'),
    'Barrier': ('asyncio.Barrier', 'threading.Barrier'),
    'Queue': ('asyncio.Queue', 'queue.Queue'),
    'JoinableQueue': ('asyncio.Queue', 'queue.Queue'),
    'SimpleQueue': ('asyncio.Queue', 'queue.SimpleQueue'),
    'Pipe': ('asyncio.Queue', 'queue.Queue'),
    'Value': ('a plain variable', 'a plain variable'),
    'Array': ('a plain list', 'a plain list'),
    'RawValue': ('a plain variable', 'a plain variable'),
    'RawArray': ('a plain list', 'a plain list'),
}

# What starts processes of its own.
_POOLS = ('Pool', 'Manager')


def _shared_error(name):
    aio, thread = _ALTERNATIVES[name]
    if aio == thread:
        return RuntimeError(
            f'multiprocessing.{name}(): {_WHERE}, so there is no other process to share it with. '
            f'Use {aio}: tasks and the simulated worker threads of asyncio.to_thread and '
            'loop.run_in_executor all see the same memory.'
        )
    return RuntimeError(
        f'multiprocessing.{name}(): {_WHERE}, so there is no other process to share it with. '
        f'Between asyncio tasks use {aio}; in code run by asyncio.to_thread or '
        f'loop.run_in_executor, which Loopscope runs on a simulated worker thread, use {thread}.'
    )


def _pool_error(name):
    return RuntimeError(
        f'multiprocessing.{name}(): processes cannot start in the browser. {_WHERE}: for work '
        'side by side use asyncio tasks, or `await loop.run_in_executor(pool, fn, *args)` with '
        'a concurrent.futures pool, which Loopscope simulates.'
    )


def _process_start_error(self):
    raise RuntimeError(
        f'multiprocessing.Process({self.name!r}).start(): processes cannot start in the '
        f'browser. {_WHERE}: run the target as an asyncio task, or with '
        '`await asyncio.to_thread(func, *args)` (or loop.run_in_executor), which Loopscope runs '
        'on a simulated worker thread.'
    )


class _SemLock:
    """_multiprocessing.SemLock, which every lock, event, queue and pool of multiprocessing
    is built on; the context's factories refuse first, with the name the program called."""

    SEM_VALUE_MAX = 2**31 - 1

    def __init__(self, *args, **kwargs):
        raise RuntimeError(
            f'multiprocessing locks, events, semaphores, queues and pools: {_WHERE}, so there '
            'is no other process to share them with. Use asyncio\'s (or threading\'s) instead.'
        )

    @classmethod
    def _rebuild(cls, *state):
        cls()


def _sem_unlink(name):
    pass


def _refuse(name, error):
    def factory(self, *args, **kwargs):
        raise error(name)

    factory.__name__ = name
    factory.__qualname__ = f'BaseContext.{name}'
    return factory


_patched = False


def patch_globals():
    """Process-wide patches, idempotent: the _multiprocessing stand-in, Process.start and the
    context's factories."""
    global _patched
    if _patched:
        return
    _patched = True
    try:
        import _multiprocessing  # noqa: F401  (missing in Pyodide)
    except ImportError:
        stand_in = types.ModuleType('_multiprocessing')
        stand_in.__doc__ = 'Loopscope stand-in: no semaphores shared between processes.'
        stand_in.SemLock = _SemLock
        stand_in.sem_unlink = _sem_unlink
        stand_in.flags = {}
        sys.modules['_multiprocessing'] = stand_in

    import multiprocessing
    from multiprocessing import context, process

    process.BaseProcess.start = _process_start_error
    for name in _ALTERNATIVES:
        setattr(context.BaseContext, name, _refuse(name, _shared_error))
    for name in _POOLS:
        setattr(context.BaseContext, name, _refuse(name, _pool_error))
    # `import multiprocessing` bound its names to the default context's methods: bind again.
    default = context._default_context
    for name in (*_ALTERNATIVES, *_POOLS):
        setattr(multiprocessing, name, getattr(default, name))
