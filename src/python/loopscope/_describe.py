"""Words for what the loop knows: deadlocks and asyncio's exception-handler warnings."""

from asyncio import tasks

from . import schema as S
from ._recorder import _AGEN_AWAITABLES, agen_behind


def _task_label(task):
    coro = getattr(task, '_coro', None)
    name = getattr(coro, '__qualname__', None)
    return f'{task.get_name()} ({name})' if name else task.get_name()


def _chain_frames(task):
    """The frames of a task's await chain, outermost first (at most 32 awaitables deep)."""
    coro = getattr(task, '_coro', None)
    depth = 0
    while coro is not None and depth < 32:
        depth += 1
        if type(coro) in _AGEN_AWAITABLES:
            coro = agen_behind(coro)  # `async for`: on into the generator's frame
            continue
        frame = (
            getattr(coro, 'cr_frame', None)
            or getattr(coro, 'gi_frame', None)
            or getattr(coro, 'ag_frame', None)
        )
        if frame is None:
            return
        yield frame
        coro = (
            getattr(coro, 'cr_await', None)
            or getattr(coro, 'gi_yieldfrom', None)
            or getattr(coro, 'ag_await', None)
        )


def _suspended_line(task, filename):
    """Innermost user-code line the task's await chain is suspended at, 0 if none."""
    line = 0
    for frame in _chain_frames(task):
        if frame.f_code.co_filename == filename:
            line = frame.f_lineno or line
    return line


# Where a task parks inside asyncio's streams and TaskGroup, by the qualified name of the library
# frame: the wait is named after the method the program called (the outermost such frame).
_STREAM_WAITS = {
    'StreamReader.read': 'read',
    'StreamReader.readline': 'readline',
    'StreamReader.readexactly': 'readexactly',
    'StreamReader.readuntil': 'readuntil',
    'StreamWriter.drain': 'drain',
    'StreamWriter.wait_closed': 'wait_closed',
}


def stream_wait(task):
    """'readline() on a stream' when the task is parked in a read or a drain of an asyncio
    stream (a connection on the virtual network), 'the tasks of its TaskGroup' at the end of a
    TaskGroup's block, else None."""
    for frame in _chain_frames(task):
        name = frame.f_code.co_qualname
        method = _STREAM_WAITS.get(name)
        if method is not None:
            return f'{method}() on a stream'
        if name in ('TaskGroup.__aexit__', 'TaskGroup._aexit'):
            return 'the tasks of its TaskGroup'
    return None


def _resource_of(fut, st):
    """(description, holder) of the resource whose waiter queue holds this future."""
    for ref in st.resources:
        res = ref()
        describe = getattr(res, '_ls_waiting_on', None)
        if describe is None:
            continue
        text = describe(fut)
        if text is not None:
            return text
    return None


NOBODY = 'a future nobody will complete'


def describe_future(fut, st):
    if isinstance(fut, tasks.Task) or hasattr(fut, '_coro'):
        return f'task {_task_label(fut)}'
    text = _resource_of(fut, st)
    if text is not None:
        return text
    children = getattr(fut, '_children', None)
    if children is not None:
        pending = [c for c in children if not c.done()]
        names = ', '.join(describe_future(c, st) for c in pending[:4])
        more = f' and {len(pending) - 4} more' if len(pending) > 4 else ''
        return f'gather of {names}{more}'
    return NOBODY


def describe_deadlock(loop):
    """(text, line): one sentence per waiting task, what it waits on and at which line, outermost
    task first; and the first of those lines (0 if none), where the editor marks the deadlock."""
    st = loop._st
    pending = [t for t in tasks.all_tasks(loop) if not t.done()]
    # Creation order is deterministic; all_tasks() is a set.
    pending.sort(key=lambda t: (getattr(t, '_lstid', 0), t.get_name()))
    if not pending:
        return 'deadlock: the loop has nothing left to run and nothing will ever wake it', 0
    parts = []
    first = 0
    for task in pending:
        waiter = task._fut_waiter
        what = describe_future(waiter, st) if waiter is not None else 'nothing (never resumed)'
        if what == NOBODY:
            what = stream_wait(task) or what
        line = _suspended_line(task, st.filename)
        at = f' at line {line}' if line else ''
        first = first or line
        parts.append(f'{_task_label(task)} waits for {what}{at}')
    return 'deadlock: ' + '; '.join(parts), first


def describe_exception_context(context, rec):
    """(WARN_* kind, message, user line) for a call_exception_handler context."""
    message = str(context.get('message', 'asyncio error'))
    exc = context.get('exception')
    fut = context.get('task') or context.get('future')
    line = 0
    if 'never retrieved' in message:
        kind = S.WARN_EXCEPTION_NOT_RETRIEVED
    elif 'destroyed but it is pending' in message:
        kind = S.WARN_TASK_DESTROYED_PENDING
    else:
        kind = S.WARN_PYTHON
    who = ''
    if fut is not None and hasattr(fut, 'get_name'):
        who = f' ({_task_label(fut)})'
        tid = getattr(fut, '_lstid', -1)
        if tid >= 0:
            line = rec.tasks[tid * 5 + 4]
    elif fut is not None:
        fid = getattr(fut, '_lsid', -1)
        if fid >= 0:
            line = rec.futures[fid * 5 + 3]
    text = f'{message}{who}'
    if exc is not None:
        text += f': {type(exc).__name__}: {rec.muted_str(exc)}'
    return kind, text, line
