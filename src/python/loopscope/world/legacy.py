"""2015-era asyncio code, running as written on Python 3.14.

Two halves:
- `rewrite(source)` edits the *text* before compiling, never moving a line: `asyncio.async(...)`
  (a syntax error since `async` became a keyword) becomes `asyncio.ensure_future(...)`,
  `asyncio.Task.all_tasks()`/`current_task()` become the module functions, and `loop=` arguments
  that asyncio removed in 3.10 are blanked out with spaces.  It returns a note per construct.
- `patch_globals()` puts back what the old code calls at run time: `asyncio.coroutine` for
  generator coroutines with `yield from` (a task runs the generator itself, as in 3.10; see
  _iscoroutine), bare coroutines accepted by `asyncio.wait`, and `with (yield from lock)`.  It
  also makes a missing `asyncio.X` fail with a message that names the line and the likely
  intended name.
"""

import ast
import functools
import inspect
import io
import re
import sys
import tokenize
import types
import warnings
import weakref

import asyncio

from .. import schema as S
from .._futures import hide_in_tracebacks
from .._loop import NO_UNIX_SOCKETS

# asyncio callables whose `loop` parameter was removed in Python 3.10.
LOOP_REMOVED = frozenset(
    {
        'sleep', 'gather', 'wait', 'wait_for', 'as_completed', 'shield', 'Queue',
        'PriorityQueue', 'LifoQueue', 'Lock', 'Event', 'Condition', 'Semaphore',
        'BoundedSemaphore', 'Barrier', 'open_connection', 'start_server',
        'open_unix_connection', 'start_unix_server', 'create_subprocess_exec',
        'create_subprocess_shell',
    }
)

# Names that existed once, with what to use now (shown when the old code reaches them).
REMOVED = {
    'JoinableQueue': 'asyncio.Queue (it has task_done() and join())',
    'async': 'asyncio.ensure_future(...)',
    'Task.all_tasks': 'asyncio.all_tasks()',
    'Task.current_task': 'asyncio.current_task()',
    'get_child_watcher': 'nothing: child watchers were removed in 3.14',
    'set_child_watcher': 'nothing: child watchers were removed in 3.14',
}

MODERN = {
    'coroutine': '`async def` with `await` instead of `yield from`',
    'async': '`asyncio.ensure_future(...)` or `asyncio.create_task(...)`',
    'loop': 'the same call without `loop=` (removed in Python 3.10; the running loop is used)',
    'with_yield_from': '`async with lock:`',
    'wait_coroutines': 'pass tasks: `asyncio.wait([asyncio.create_task(c) for c in coros])`',
    'all_tasks': '`asyncio.all_tasks()`',
    'current_task': '`asyncio.current_task()`',
    'get_event_loop': (
        '`asyncio.run(main())`, or `loop = asyncio.new_event_loop()` with '
        '`asyncio.set_event_loop(loop)` (Python 3.14 raises RuntimeError here; Loopscope makes '
        'the loop, as Python 3.11 did)'
    ),
}


def _note(construct, modern):
    return f'Legacy asyncio: {construct}. Modern equivalent: {modern}'


# -- source rewriting ----------------------------------------------------------------------------
def _token_rewrites(source):
    """[(line, col, old, new)] for `asyncio.async` and `asyncio.Task.<removed>` (token level,
    since `asyncio.async(...)` cannot even be parsed any more)."""
    edits = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return edits
    names = [t for t in tokens if t.type not in (tokenize.NL, tokenize.COMMENT)]
    for i in range(len(names) - 2):
        a, dot, b = names[i], names[i + 1], names[i + 2]
        if a.type != tokenize.NAME or a.string != 'asyncio' or dot.string != '.':
            continue
        if b.string == 'async':
            edits.append((b.start[0], b.start[1], 'async', 'ensure_future'))
        elif b.string == 'Task' and i + 4 < len(names) and names[i + 3].string == '.':
            c = names[i + 4]
            if c.string in ('all_tasks', 'current_task'):
                # "asyncio.Task.all_tasks" -> "asyncio.all_tasks": drop "Task." (same line).
                edits.append((b.start[0], b.start[1], 'Task.' + c.string, c.string))
    return edits


def _apply_token_edits(source, edits):
    lines = source.splitlines(keepends=True)
    # Right to left within a line so earlier columns stay valid.
    for line, col, old, new in sorted(edits, key=lambda e: (e[0], -e[1])):
        text = lines[line - 1]
        if old.startswith('Task.'):
            tail = text[col:]
            name = old.split('.', 1)[1]
            # Tokens may be spaced ("Task . all_tasks"); remove up to and including the name.
            end = tail.index(name) + len(name)
            lines[line - 1] = text[:col] + new + tail[end:]
        else:
            lines[line - 1] = text[:col] + new + text[col + len(old):]
    return ''.join(lines)


class _Scanner(ast.NodeVisitor):
    def __init__(self):
        self.modules = {'asyncio'}  # local names bound to the asyncio module
        self.imported = {}  # local name -> asyncio attribute, from `from asyncio import X`
        self.notes = []
        self.blank = []  # (start_line, start_col_bytes, end_line, end_col_bytes)

    def visit_Import(self, node):
        for alias in node.names:
            if alias.name == 'asyncio':
                self.modules.add(alias.asname or 'asyncio')
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        if node.module == 'asyncio':
            for alias in node.names:
                self.imported[alias.asname or alias.name] = alias.name
        self.generic_visit(node)

    def _asyncio_name(self, node):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in self.modules:
                return node.attr
        if isinstance(node, ast.Name):
            return self.imported.get(node.id)
        return None

    def _visit_function(self, node):
        for deco in node.decorator_list:
            if self._asyncio_name(deco) == 'coroutine':
                self.notes.append(
                    (deco.lineno, _note('@asyncio.coroutine generator coroutine',
                                        MODERN['coroutine']))
                )
        self.generic_visit(node)

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def visit_With(self, node):
        for item in node.items:
            if isinstance(item.context_expr, ast.YieldFrom):
                self.notes.append(
                    (node.lineno, _note('with (yield from lock)', MODERN['with_yield_from']))
                )
        self.generic_visit(node)

    def visit_Call(self, node):
        name = self._asyncio_name(node.func)
        if name in LOOP_REMOVED:
            for kw in node.keywords:
                if kw.arg == 'loop':
                    self._blank_keyword(node, kw)
                    self.notes.append(
                        (kw.lineno, _note(f'asyncio.{name}(..., loop=...)', MODERN['loop']))
                    )
        self.generic_visit(node)

    def _blank_keyword(self, call, kw):
        others = [n for n in list(call.args) + list(call.keywords) if n is not kw]
        start, end = (kw.lineno, kw.col_offset), (kw.end_lineno, kw.end_col_offset)
        before = [n for n in others if (n.end_lineno, n.end_col_offset) <= start]
        after = [n for n in others if (n.lineno, n.col_offset) >= end]
        if before:
            last = max(before, key=lambda n: (n.end_lineno, n.end_col_offset))
            # From the end of the previous argument: removes ", loop=loop".
            self.blank.append((last.end_lineno, last.end_col_offset, kw.end_lineno,
                               kw.end_col_offset))
        elif after:
            first = min(after, key=lambda n: (n.lineno, n.col_offset))
            # Up to the next argument: removes "loop=loop, ".
            self.blank.append((kw.lineno, kw.col_offset, first.lineno, first.col_offset))
        else:
            self.blank.append((kw.lineno, kw.col_offset, kw.end_lineno, kw.end_col_offset))


def _blank_spans(source, spans):
    """Overwrite each span (AST positions: 1-based lines, UTF-8 byte columns) with spaces,
    keeping newlines so every line keeps its number."""
    lines = [line.encode('utf-8') for line in source.splitlines(keepends=True)]
    for sl, sc, el, ec in spans:
        for ln in range(sl, el + 1):
            raw = bytearray(lines[ln - 1])
            start = sc if ln == sl else 0
            end = ec if ln == el else len(raw)
            for i in range(start, end):
                if raw[i] not in (0x0A, 0x0D):
                    raw[i] = 0x20
            lines[ln - 1] = bytes(raw)
    return b''.join(lines).decode('utf-8')


# Whether asyncio.wait accepts bare coroutines in this run.  Only for old-style programs: a
# program started with asyncio.run gets 3.11+'s TypeError, as on CPython.
_lenient_wait = False
# Set by rewrite() when the program calls asyncio.Task.all_tasks()/current_task(): those calls now
# reach asyncio.all_tasks/current_task, which the wrappers below let answer outside a running loop
# as the old methods did (see _wrap_task_queries).
_legacy_task_queries = False
_OLD_STYLE = re.compile(r'\b(run_until_complete|get_event_loop)\b')


def for_compile(source):
    """The source with the token edits `rewrite` makes (`asyncio.async(` ->
    `asyncio.ensure_future(` ...), without its notes or its effects on the run: the page's
    syntax check compiles this, so code a run accepts is not marked as an error."""
    edits = _token_rewrites(source)
    return _apply_token_edits(source, edits) if edits else source


def rewrite(source):
    """Legacy source -> (source that compiles on 3.14 with the same line numbers, notes)."""
    global _lenient_wait, _legacy_task_queries
    _lenient_wait = bool(_OLD_STYLE.search(source))
    notes = []
    edits = _token_rewrites(source)
    _legacy_task_queries = any(old.startswith('Task.') for _line, _col, old, _new in edits)
    if edits:
        source = _apply_token_edits(source, edits)
        for line, _col, old, _new in edits:
            if old == 'async':
                notes.append((line, _note('asyncio.async(...)', MODERN['async'])))
            else:
                name = old.split('.', 1)[1]
                notes.append((line, _note(f'asyncio.Task.{name}()', MODERN[name])))
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source, sorted(notes)  # compiling reports the error with its line
    scanner = _Scanner()
    scanner.visit(tree)
    if scanner.blank:
        source = _blank_spans(source, scanner.blank)
    notes.extend(scanner.notes)
    _lenient_wait = _lenient_wait or bool(notes)
    return source, sorted(set(notes))


# -- notes at run time ---------------------------------------------------------------------------
def emit_note(rec, line, message):
    rec.emit_at(S.WARNING, line, S.WARN_LEGACY, rec.string(message))


def _user_line(depth=2):
    from . import user_line

    return user_line(sys._getframe(depth))


def runtime_note(line, message):
    """A legacy construct met while running: record it on the running (or last) loop."""
    from . import _last_loop, _pending_notes

    loop = asyncio.events._get_running_loop() or _last_loop()
    rec = getattr(loop, '_recorder', None) if loop is not None else None
    if rec is not None:
        emit_note(rec, line, message)
    elif loop is None:
        _pending_notes.append((line, message))  # emitted by install() on the first loop


def implicit_loop_note(caller):
    """asyncio.get_event_loop() with no event loop set made one (_loop.Policy): noted at the
    line of the program that called it; not when asyncio's code or the engine's did."""
    from . import _LIB, _STDLIB

    name = caller.f_code.co_filename if caller is not None else ''
    if not name or name.startswith((_LIB, _STDLIB, '<')):
        return
    runtime_note(
        caller.f_lineno,
        _note('asyncio.get_event_loop() with no event loop set', MODERN['get_event_loop']),
    )


# -- run-time patches ----------------------------------------------------------------------------
def _carry_monitoring(old, new):
    """Give code object `new` the sys.monitoring events `old` has, for every tool.

    types.coroutine gives a generator function a new code object (the old one with the
    CO_ITERABLE_COROUTINE flag), and LINE events are set per code object: without this, the lines
    of a 2015-era `@asyncio.coroutine` (or `@types.coroutine`) generator recorded nothing, and
    stepping by line skipped every one of them.
    """
    if old is new:
        return
    mon = sys.monitoring
    for tool in range(6):
        try:
            events = mon.get_local_events(tool, old)
        except ValueError:  # the tool is not in use
            continue
        if events:
            mon.set_local_events(tool, new, events)


_types_coroutine = types.coroutine


def _coroutine_keeping_lines(func):
    """types.coroutine, keeping the monitoring of the function's code (see _carry_monitoring)."""
    old = getattr(func, '__code__', None)
    result = _types_coroutine(func)
    new = getattr(result, '__code__', None)
    if old is not None and new is not None:
        _carry_monitoring(old, new)
    return result


# The code of every `@asyncio.coroutine` generator function: their generators are coroutines
# for asyncio (see _iscoroutine).
_legacy_codes = weakref.WeakSet()


def _iscoroutine(inner):
    """asyncio.iscoroutine, also true for the generator of an `@asyncio.coroutine` function.

    So a Task runs that generator itself, as up to 3.10 (a Task takes only coroutines since
    3.12): no frame of the engine's sits between the task and the program's generator.  A
    traceback through it lists the program's frames only; asyncio's repr names the generator's
    file and line (`coro=<spin() running at main.py:5>`, `done, defined at main.py:4` once
    finished); the await chain starts at its frame; and a pending legacy task nothing refers to
    is collected like any other, with "Task was destroyed but it is pending!".  Other generators
    (`@types.coroutine`, plain ones) stay what 3.14 says they are.
    """

    @functools.wraps(inner)
    def iscoroutine(obj):
        if inner(obj):
            return True
        return type(obj) is types.GeneratorType and obj.gi_code in _legacy_codes

    iscoroutine._loopscope_legacy = True
    return iscoroutine


def coroutine(func):
    """asyncio.coroutine as it was: a generator function becomes a coroutine function whose
    body may `yield from` futures and coroutines."""
    if inspect.iscoroutinefunction(func):
        return func
    if inspect.isgeneratorfunction(func):
        # Lets the generator `yield from` native coroutines.  The function itself is returned, as
        # 3.10 did: calling it creates the generator at once (no line runs yet), and no frame of
        # a wrapper ever stands in a traceback.
        func = _coroutine_keeping_lines(func)
        _legacy_codes.add(func.__code__)
        func._is_coroutine = True
        return inspect.markcoroutinefunction(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        coro = _legacy_call(func, args, kwargs)
        # Named for the program's function (the task's coroutine name, its repr).
        name = getattr(func, '__name__', None)
        if name:
            coro.__name__ = name
            coro.__qualname__ = getattr(func, '__qualname__', name)
        code = getattr(func, '__code__', None)
        if code is not None:
            _legacy_origin[coro] = code
        return coro

    wrapper._is_coroutine = True
    return inspect.markcoroutinefunction(wrapper)


async def _legacy_call(func, args, kwargs):
    """What calling a non-generator `@asyncio.coroutine` function gives, as in 3.10: a
    coroutine that calls it and awaits the result if that is awaitable.  Its frame is left out
    of tracebacks (3.10 showed asyncio's `coroutines.py` there, here it would be the engine's),
    and asyncio's repr of it names the program's function (see _format_coroutine)."""
    result = func(*args, **kwargs)
    if inspect.isawaitable(result):
        result = await result
    return result


hide_in_tracebacks(_legacy_call)
# Each _legacy_call coroutine -> the code of the function it calls.
_legacy_origin = weakref.WeakKeyDictionary()


def _format_coroutine(inner):
    """asyncio's coroutine repr (in a task's repr), naming the program's function for a
    non-generator `@asyncio.coroutine` one: `boom() done, defined at main.py:4` rather than
    the engine file where _legacy_call is."""

    @functools.wraps(inner)
    def format_coroutine(coro):
        code = _legacy_origin.get(coro) if type(coro) is types.CoroutineType else None
        if code is None:
            return inner(coro)
        state = 'running at' if coro.cr_frame is not None else 'done, defined at'
        return f'{coro.__qualname__}() {state} {code.co_filename}:{code.co_firstlineno}'

    format_coroutine._loopscope_legacy = True
    return format_coroutine


class _Releaser:
    __slots__ = ('_lock',)

    def __init__(self, lock):
        self._lock = lock

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        self._lock.release()


def _legacy_iter(self):
    # `with (yield from lock):` in 3.4: acquire, then a context manager that releases.
    yield from self.acquire().__await__()
    return _Releaser(self)


def wrap_wait():
    """Make the current `asyncio.wait` accept bare coroutines again (3.11 forbids them), in
    old-style programs: ones with legacy constructs or run by run_until_complete/get_event_loop.

    Called by prepare() and again by install(loop): the engine installs its own recording
    `asyncio.wait` for each run after prepare(), and this wraps whichever is current."""
    inner = asyncio.wait
    if getattr(inner, '_loopscope_legacy', False):
        return

    @functools.wraps(inner)
    def wait(fs, *, timeout=None, return_when=asyncio.ALL_COMPLETED):
        if not _lenient_wait:
            return inner(fs, timeout=timeout, return_when=return_when)
        fs = list(fs) if not isinstance(fs, (set, list, tuple)) else fs
        if not any(asyncio.iscoroutine(f) for f in fs):
            return inner(fs, timeout=timeout, return_when=return_when)
        runtime_note(
            _user_line(),
            _note('bare coroutines passed to asyncio.wait', MODERN['wait_coroutines']),
        )

        async def wait_tasks():
            tasks = [asyncio.ensure_future(f) if asyncio.iscoroutine(f) else f for f in fs]
            return await inner(tasks, timeout=timeout, return_when=return_when)

        return wait_tasks()

    wait._loopscope_legacy = True
    asyncio.wait = wait


def _wrap_task_queries():
    """`asyncio.Task.all_tasks()` and `Task.current_task()` worked outside a running loop: the
    first returned the tasks of the current event loop (2015's shutdown idiom: run_until_complete,
    then cancel and gather whatever is left), the second returned None. The module functions they
    are rewritten to raise RuntimeError there, so in a program that used the old methods they
    answer as the methods did. Other programs get asyncio's own functions unchanged."""
    inner_all, inner_current = asyncio.all_tasks, asyncio.current_task
    if getattr(inner_all, '_loopscope_legacy', False):
        return

    @functools.wraps(inner_all)
    def all_tasks(loop=None):
        if loop is None and _legacy_task_queries and asyncio._get_running_loop() is None:
            loop = asyncio.get_event_loop()
        return inner_all(loop)

    @functools.wraps(inner_current)
    def current_task(loop=None):
        if loop is None and _legacy_task_queries and asyncio._get_running_loop() is None:
            return None
        return inner_current(loop)

    all_tasks._loopscope_legacy = current_task._loopscope_legacy = True
    asyncio.all_tasks, asyncio.current_task = all_tasks, current_task


# asyncio's names on Windows only: python3 on Linux has none of them, and says just that.
WINDOWS_ONLY = frozenset(
    {
        'ProactorEventLoop', 'IocpProactor', 'WindowsSelectorEventLoopPolicy',
        'WindowsProactorEventLoopPolicy',
    }
)


# asyncio defines these where socket.AF_UNIX exists, as on Linux, but not in Pyodide.  Unix
# sockets are not simulated, so they are stand-ins that say so when called (as the loop's
# create_unix_server/create_unix_connection do).
async def open_unix_connection(path=None, *, limit=2**16, **kwds):
    raise NotImplementedError(NO_UNIX_SOCKETS)


async def start_unix_server(client_connected_cb, path=None, *, limit=2**16, **kwds):
    raise NotImplementedError(NO_UNIX_SOCKETS)


_asyncio_getattr = None  # asyncio's own module __getattr__ (3.14 has one for deprecated names)


def _module_getattr(name):
    if _asyncio_getattr is not None:
        # Its deprecation warnings name the caller's line (stacklevel=3 from asyncio's own
        # __getattr__); this wrapper is one more frame, so they are issued again from here.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            try:
                value = _asyncio_getattr(name)
            except AttributeError:
                value = caught = None
        for w in caught or ():
            warnings.warn(w.message, w.category, stacklevel=2)
        if caught is not None:
            return value
    if name in WINDOWS_ONLY:
        raise AttributeError(f"module 'asyncio' has no attribute {name!r}")
    line = _user_line()
    where = f' (line {line})' if line else ''
    if name in REMOVED:
        raise AttributeError(
            f"module 'asyncio' has no attribute {name!r}{where}: it was removed from asyncio; "
            f'use {REMOVED[name]}'
        )
    if name.startswith('__'):
        raise AttributeError(f"module 'asyncio' has no attribute {name!r}")
    # No "did you mean" here: Python's traceback adds one from dir(asyncio).
    raise AttributeError(
        f"module 'asyncio' has no attribute {name!r}{where}: this name never existed in asyncio"
    )


_patched = False


def patch_globals():
    global _patched
    if _patched:
        return
    _patched = True
    if not hasattr(asyncio, 'coroutine'):
        asyncio.coroutine = coroutine
        asyncio.coroutines.coroutine = coroutine
    if not getattr(asyncio.coroutines.iscoroutine, '_loopscope_legacy', False):
        # asyncio's modules call it as coroutines.iscoroutine; programs as asyncio.iscoroutine.
        asyncio.coroutines.iscoroutine = asyncio.iscoroutine = _iscoroutine(
            asyncio.coroutines.iscoroutine
        )
    if not getattr(asyncio.coroutines._format_coroutine, '_loopscope_legacy', False):
        asyncio.coroutines._format_coroutine = _format_coroutine(
            asyncio.coroutines._format_coroutine
        )
    if types.coroutine is _types_coroutine:
        types.coroutine = _coroutine_keeping_lines
    for cls in (asyncio.Lock, asyncio.Semaphore, asyncio.BoundedSemaphore, asyncio.Condition):
        if '__iter__' not in vars(cls):
            cls.__iter__ = _legacy_iter
    wrap_wait()
    _wrap_task_queries()
    for func in (open_unix_connection, start_unix_server):
        if not hasattr(asyncio, func.__name__):
            func.__module__ = 'asyncio.streams'
            setattr(asyncio, func.__name__, func)
            setattr(asyncio.streams, func.__name__, func)
    global _asyncio_getattr
    _asyncio_getattr = vars(asyncio).get('__getattr__')
    asyncio.__getattr__ = _module_getattr
