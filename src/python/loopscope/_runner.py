"""Run one user program on the virtual loop and collect its trace.

`run(source, filename, options)` compiles the program, executes it as a fresh `__main__` with
asyncio's entry points pointing at VirtualLoop, records what happens and returns a RunResult.
Every patch is undone afterwards, so one Pyodide process can run many programs in a row (the
page and the corpus tests do), and the next run starts from the same state: same task names,
same random seed, same ids, hence byte-identical traces for the same program and options.
"""

import asyncio
import atexit
import builtins
import codecs
import concurrent.futures
import datetime
import gc
import io
import itertools
import linecache
import logging
import operator
import os
import random
import signal
import sys
import time
import traceback
import types
import warnings
import weakref
from asyncio import events, futures, taskgroups, tasks

from . import _blocking, _futures, _loop, _signals, schema as S
from ._futures import (
    Future,
    GatheringFuture,
    Task,
    hide_in_tracebacks,
    make_eager_task_factory,
    shield,
    tg_create_task,
    wait,
)
from ._loop import Policy, RunInterrupted, RunState, RunStopped, VirtualLoop
from ._recorder import _ADDRESS, WIRE_LINE_PAIR, Recorder
from ._sandbox import guard as _sandbox

DEFAULTS = {
    'max_events': 2_000_000,
    'max_virtual_time': 3600.0,
    'max_wall_time': 20.0,
    'trace': True,
    'seed': 0,
    # Characters of stdout+stderr kept in the trace and the result; past it the run goes on
    # but output is dropped (one WARN_OUTPUT_TRUNCATED).  0 = no limit.
    'max_output': 1_000_000,
}

# time.time() during a run: a fixed epoch plus the virtual clock, so programs that print
# durations measured with time.time() print what they would on a real machine, every time.
VIRTUAL_EPOCH = 1_767_225_600.0  # 2026-01-01T00:00:00Z

_MONITOR_TOOL_CANDIDATES = (4, 3, 1, 2)

# Where the engine's own files are (the package, world/ included).
_ENGINE_DIR = __file__.rsplit('/', 1)[0] + '/'


class RunResult:
    """What `run` returns; engine.ts reads these attributes."""

    def __init__(self):
        self.columns = None  # Recorder.columns() when traced
        self.stdout = ''
        self.stderr = ''
        self.outcome = S.OUTCOME_OK
        self.outcome_detail = ''
        self.exit_code = 0
        self.events = 0
        self.tasks = 0
        self.virtual_time = 0.0
        self.wall_ms = 0.0
        self.python_version = sys.version.split()[0]
        self.options = {}

    def stats(self):
        return {
            'events': self.events,
            'tasks': self.tasks,
            'virtualTime': self.virtual_time,
            'wallMs': self.wall_ms,
            'outcome': self.outcome,
        }


class _Output(io.TextIOBase):
    """sys.stdout / sys.stderr during a run: records each write with its time and task.

    It stands for the text stream python3 gives a program whose output goes to a pipe (the
    console here is not a terminal): the same read-only attributes, and `reconfigure`.  The
    console shows text, so an encoding set with `reconfigure` does not turn the text into that
    encoding's bytes: a UTF-8 one changes nothing, any other is applied as a check (what it
    cannot encode raises UnicodeEncodeError, or is replaced as `errors` says) and the text is
    shown as it would read in that encoding.
    """

    def __init__(self, run, kind, hook):
        super().__init__()
        self._run = run
        self._kind = kind
        self._hook = hook
        self._name = '<stdout>' if kind == S.STDOUT else '<stderr>'
        self._encoding = 'utf-8'
        self._codec = 'utf-8'  # the codec's own name for it (codecs.lookup)
        # python3's own: strict for stdout (in a UTF-8 locale), backslashreplace for stderr,
        # which is also line-buffered (since 3.9) where stdout to a pipe is not.
        self._errors = 'strict' if kind == S.STDOUT else 'backslashreplace'
        self._newline = None
        self._line_buffering = kind != S.STDOUT
        self._write_through = False
        # What write() does to the text first (a newline translation, another encoding's
        # check), or None: text goes out as it is, the common case.
        self._convert = None
        self._buffer = _BinaryOutput(self)

    name = property(lambda self: self._name)
    mode = property(lambda self: 'w')
    encoding = property(lambda self: self._encoding)
    errors = property(lambda self: self._errors)
    line_buffering = property(lambda self: self._line_buffering)
    write_through = property(lambda self: self._write_through)
    # Programs that write bytes (sys.stdout.buffer.write) get them decoded as UTF-8.
    buffer = property(lambda self: self._buffer)

    @property
    def newlines(self):
        return None  # (newlines read so far: a stream that is only written has none)

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        # The descriptor behind it, as python3's: what the program writes to that descriptor
        # (os.write, a file opened on it) comes here too (_make_os_write, _make_open).
        return 1 if self._kind == S.STDOUT else 2

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f'write() argument must be str, not {type(text).__name__}')
        n = len(text)
        run = self._run
        if run.st.stopped is not None or run.st.phase == 'done':
            # The program is over (budget, deadlock, Stop, os._exit), or the run is: what its
            # leftovers or asyncio say while the run is torn down is not the program's output.
            return n
        rec = run.rec
        if rec is not None and rec.mute:
            # A user __repr__ the recorder called to describe a value: the program never made
            # that call, so its output is not the program's.
            return n
        if text:
            if self._convert is not None:
                text = self._convert(text)
            run.output(self._kind, text, self._hook)
        return n

    def flush(self):
        pass

    def reconfigure(
        self,
        *,
        encoding=None,
        errors=None,
        newline=Ellipsis,
        line_buffering=None,
        write_through=None,
    ):
        """TextIOWrapper.reconfigure, with its checks and errors (see the class)."""
        for arg, value in (('encoding', encoding), ('errors', errors)):
            if value is not None and not isinstance(value, str):
                raise TypeError(
                    f"reconfigure() argument '{arg}' must be str or None, "
                    f'not {type(value).__name__}'
                )
        if newline is not Ellipsis:
            if newline is not None and not isinstance(newline, str):
                raise TypeError(
                    "reconfigure() argument 'newline' must be str or None, "
                    f'not {type(newline).__name__}'
                )
            if newline not in (None, '', '\n', '\r', '\r\n'):
                raise ValueError(f'illegal newline value: {newline}')
        if line_buffering is not None:
            line_buffering = bool(operator.index(line_buffering))
        if write_through is not None:
            write_through = bool(operator.index(write_through))
        if encoding is not None:
            if encoding == 'locale':
                import locale

                encoding = locale.getencoding()
            codec = codecs.lookup(encoding).name  # LookupError for an unknown one, as python's
            if errors is None:
                errors = 'strict'  # a new encoding starts strict, as in TextIOWrapper
            self._encoding = encoding
            self._codec = codec
        if errors is not None:
            self._errors = errors
        if newline is not Ellipsis:
            self._newline = newline
        if line_buffering is not None:
            self._line_buffering = line_buffering
        if write_through is not None:
            self._write_through = write_through
        self._convert = self._converter()

    def _converter(self):
        newline = self._newline if self._newline in ('\r', '\r\n') else None
        codec = None if self._codec in ('utf-8', 'utf-8-sig') else self._codec
        if newline is None and codec is None:
            return None
        errors = self._errors

        def convert(text):
            if newline is not None:
                text = text.replace('\n', newline)
            if codec is not None:
                text = text.encode(codec, errors).decode(codec, 'replace')
            return text

        return convert


class _BinaryOutput(io.BufferedIOBase):
    """sys.stdout.buffer (and os.write to the file descriptor) during a run: the bytes are
    decoded as UTF-8, a character split between two writes included, and go to the text
    stream.  A program may wrap it in its own io.TextIOWrapper; closing that wrapper leaves
    this open, as the console stays open."""

    def __init__(self, text):
        super().__init__()
        self._text = text
        self._decoder = codecs.getincrementaldecoder('utf-8')('replace')

    name = property(lambda self: self._text.name)
    mode = property(lambda self: 'wb')

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        return self._text.fileno()

    def write(self, data):
        try:
            data = memoryview(data)
        except TypeError:
            raise TypeError(
                f"a bytes-like object is required, not '{type(data).__name__}'"
            ) from None
        text = self._decoder.decode(data)
        if text:
            self._text.write(text)
        return data.nbytes

    def flush(self):
        pass

    def close(self):
        pass


class _Run:
    """State of the run in progress (output buffers, the recorder, the patches to undo)."""

    def __init__(self, filename, options, rec, st):
        self.filename = filename
        self.options = options
        self.rec = rec
        self.st = st
        self.out = {S.STDOUT: [], S.STDERR: []}
        self.out_chars = 0
        self.max_output = int(options['max_output'] or 0)
        self.truncated = False
        # Index just past the last output event, and that event's index: consecutive writes
        # with nothing in between (print's text then its "\n") become one event.
        self._last_out_end = -1
        self._last_out_text = ''
        # The host's live stderr hook, for the note written when output is cut (output()).
        self.on_stderr = None

    def output(self, kind, text, hook):
        if self.max_output and self.out_chars + len(text) > self.max_output:
            if self.truncated:
                return
            room = max(0, self.max_output - self.out_chars)
            text = text[:room]
            self.truncated = True
            self._record_output(kind, text)
            self.out[kind].append(text)
            self.out_chars += len(text)
            if hook is not None and text:
                hook(text)
            rec = self.rec
            message = (
                f'output past {self.max_output} characters was dropped; the program kept running'
            )
            if rec is not None:
                rec.emit(S.WARNING, S.WARN_OUTPUT_TRUNCATED, rec.string(message))
            notice = f'\n[loopscope: {message}]\n'
            self.out[S.STDERR].append(notice)
            # The page's console shows it where the output stops, as the CLI's stderr does.
            if self.on_stderr is not None:
                self.on_stderr(notice)
            return
        self.out[kind].append(text)
        self.out_chars += len(text)
        self._record_output(kind, text)
        if hook is not None:
            hook(text)

    def _record_output(self, kind, text):
        rec = self.rec
        if rec is None or not text:
            return
        ev = rec.ev
        end = len(ev)
        if end == self._last_out_end and ev[end - 7] == kind and ev[end - 5] == rec.task:
            merged = self._last_out_text + text
            ev[end - 3] = rec.string(merged)
            self._last_out_text = merged
            return
        rec.ev.extend((kind, rec.now, rec.task, rec.line, rec.string(text), 0, 0))
        self._last_out_end = len(ev)
        self._last_out_text = text


class _Patches:
    """setattr with undo, applied in order and undone in reverse."""

    def __init__(self):
        self._undo = []

    def call(self, undo):
        """`undo()` runs when the patches are undone, in its place in the order."""
        self._undo.append((undo, None, None, None))

    def set(self, obj, name, value):
        missing = not hasattr(obj, name)
        old = getattr(obj, name, None)
        self._undo.append((obj, name, old, missing))
        setattr(obj, name, value)

    def undo(self):
        while self._undo:
            obj, name, old, missing = self._undo.pop()
            try:
                if name is None:
                    obj()
                elif missing:
                    delattr(obj, name)
                else:
                    setattr(obj, name, old)
            except Exception:
                pass


def _code_objects(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


# Pyodide's own folders: the standard library and packages (/lib), the engine (/home/pyodide).
_SYSTEM_DIRS = ('/lib/', '/home/pyodide/', '/dev/', '/proc/')


def _program_file(path, filename):
    """Whether a frame's file is the program's: its own file, or (the CLI mounts the program's
    folder) a module of its own beside it, not Python's or the engine's."""
    return path == filename or (path.startswith('/') and not path.startswith(_SYSTEM_DIRS))


class _HiddenFrames(traceback.StackSummary):
    """A stack whose frames were all hidden (they were Python's or the engine's).  It is still
    true, because TracebackException.format prints the "Traceback (most recent call last):"
    header only for a true stack, and python3 prints it for every exception with a traceback:
    a wait_for timeout's CancelledError keeps its header with no frame under it."""

    def __bool__(self):
        return True


def _user_frames_only(te, filename, carets=True):
    """Keep only frames of the program's files in a TracebackException and everything it
    chains; without `carets`, the frames lose their columns, so they print no carets (as
    CPython's C traceback printer shows an unraisable exception's)."""
    seen = set()
    stack = [te]
    while stack:
        cur = stack.pop()
        if cur is None or id(cur) in seen:
            continue
        seen.add(id(cur))
        kept = [f for f in cur.stack if _program_file(f.filename, filename)]
        if not carets:
            for f in kept:
                f.colno = f.end_colno = None
        if cur.stack and not kept:
            cur.stack = _HiddenFrames()
        else:
            cur.stack = traceback.StackSummary.from_list(kept)
        stack.append(cur.__cause__)
        stack.append(cur.__context__)
        for sub in getattr(cur, 'exceptions', None) or ():
            stack.append(sub)


def format_user_traceback(exc, filename, carets=True):
    return _user_traceback(exc, filename, carets)[0]


def _user_traceback(exc, filename, carets=True):
    """(the traceback as printed, its summary line: see _summary)."""
    te = traceback.TracebackException.from_exception(exc, capture_locals=False)
    _user_frames_only(te, filename, carets)
    return ''.join(te.format()), _summary(te)


def _summary(te):
    """The exception's own summary line, as Python words it when it prints the exception:
    "ValueError: boom", "ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)",
    "SyntaxError: invalid syntax" (without the lines a SyntaxError shows above it, or the
    exception's notes after it); the first line of a message of several.  Made from what `te`
    holds, so the program's __str__ is not called again."""
    notes = te.__notes__
    te.__notes__ = None
    try:
        chunks = list(te.format_exception_only())
    finally:
        te.__notes__ = notes
    return chunks[-1].strip('\n').split('\n', 1)[0] if chunks else ''


def _source_lines(source):
    """The program's lines as python3 reads them from its file (universal newlines), for
    linecache: str.splitlines would also split at a form feed or a U+2028 in the text."""
    return io.StringIO(source, newline=None).readlines()


def _shown_source(written, compiled):
    """The text tracebacks show for the program: its lines as written, where the legacy rewrite
    (world/legacy.py) only blanked a span out (`loop=loop` became spaces: the columns of the
    code still match the line), and the compiled line where it renamed something
    (`asyncio.async` -> `asyncio.ensure_future`), whose columns only that line matches."""
    if written == compiled:
        return written
    shown = _source_lines(written)
    lines = _source_lines(compiled)
    if len(shown) != len(lines):
        return compiled
    for i, line in enumerate(lines):
        if len(line) != len(shown[i]):
            shown[i] = line
    return ''.join(shown)


def _with_source_line(exc, filename, source):
    """A SyntaxError found after parsing ('await' outside async function, nonlocal at module
    level) comes without its line: CPython reads that from the file, which does not exist here.
    The line is taken from the source, so the error shows it with its carets."""
    if not isinstance(exc, SyntaxError) or exc.text is not None or exc.filename != filename:
        return
    lineno = exc.lineno
    lines = _source_lines(source)
    if isinstance(lineno, int) and 1 <= lineno <= len(lines):
        exc.text = lines[lineno - 1]


def _innermost_user_line(exc, filename):
    tb = exc.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _options(options):
    opts = dict(DEFAULTS)
    if options:
        for key, value in dict(options).items():
            if value is not None:
                opts[key] = value
    return opts


# Stop (Pyodide's interrupt buffer) ends the run even if the program is stuck in a loop that
# never awaits; asyncio.Runner's own handler would only cancel the main task.  The handlers are
# the interpreter's for good (installed when the engine is), so that an interrupt is never met
# by Python's own KeyboardInterrupt in the engine's code, and they act on the run being made
# (RunState.phase).  The stop is recorded at once (RunState.halt: from then on every line of the
# program raises it), but raised only where that is safe: in the program's phase, the first time
# wherever it lands (the program's code or asyncio's), and again only in the program's own code
# (a stop swallowed by a `__del__` or a weakref callback); never in the engine's set-up or
# teardown, where the program's first line, or its next one, raises it instead.  Between runs
# an interrupt means nothing.
_interrupt_target = lambda: None  # noqa: E731 - a weak reference to the current RunState


def _interrupt(st, frame, outcome, detail):
    if st.phase == 'done':
        return
    again = st.stopped is not None
    st.halt(outcome, detail)
    if st.phase != 'program':
        return
    if again and frame is not None and frame.f_code.co_filename != st.filename:
        return
    st.raise_stopped()


# What SIGINT is to the host.  The page's Stop raises it to end the run as INTERRUPTED; the CLI's
# is a real SIGINT, a Ctrl-C, which python3 turns into KeyboardInterrupt in the program (or into
# the cancellation of asyncio.run's main task, through the handler asyncio.Runner sets): then
# SIGINT goes to the program's own handler for it (set_sigint_to_program).
_sigint_to_program = False


def set_sigint_to_program(on):
    """The host's SIGINT is a signal to the program (the CLI), not a Stop (the page)."""
    global _sigint_to_program
    _sigint_to_program = bool(on)


def _on_sigint(signum, frame):
    """The page's Stop; or, past the wall-time deadline, a host's budget timer; or, from a host
    that gives the program its SIGINT, a Ctrl-C."""
    st = _interrupt_target()
    if st is None:
        return
    if _sigint_to_program and _loop.wall_clock() < st.wall_deadline:
        if st.stopped is not None or st.phase == 'done':
            return
        if st.phase != 'program':
            # Not in the engine's set-up or teardown: the program's first line gets it, as
            # a stop's would (run() checks sigint_pending); after the program, it has ended anyway.
            st.sigint_pending = st.phase == 'setup'
            return
        st.signals.deliver(signal.SIGINT, frame)
        return
    if _loop.wall_clock() >= st.wall_deadline:
        limit = f'wall-time limit of {st.max_wall_time:g} s reached'
        _interrupt(st, frame, S.OUTCOME_LIMIT_WALL_TIME, limit)
    else:
        _interrupt(st, frame, S.OUTCOME_INTERRUPTED, 'stopped by the user')


def _on_watchdog(signum, frame):
    """A host's wall-time watchdog (the CLI's, for code that reaches none of the engine's own
    checks, such as a --no-trace CPU loop).  It raises WATCHDOG_SIGNAL once the budget is spent
    and again every so often until the run ends."""
    st = _interrupt_target()
    if st is None:
        return
    limit = f'wall-time limit of {st.max_wall_time:g} s reached'
    _interrupt(st, frame, S.OUTCOME_LIMIT_WALL_TIME, limit)


def _install_interrupt_handlers():
    for signum, handler in ((signal.SIGINT, _on_sigint), (_signals.WATCHDOG_SIGNAL, _on_watchdog)):
        try:
            _signals.real_signal(signum, handler)
        except (ValueError, OSError, AttributeError):
            pass


_install_interrupt_handlers()


def run(
    source,
    filename='main.py',
    options=None,
    on_stdout=None,
    on_stderr=None,
    on_start=None,
    on_tick=None,
):
    """Run `source` as __main__ on the virtual loop; see the module docstring.

    `on_start()` is called once the run is set up, just before the program's first line (not
    at all when it does not compile): a host's wall-time watchdog counts from there.
    `on_tick()` is called at each budget check (RunState.check_budgets).
    """
    # The run's state comes first, so that an interrupt from here on is this run's (see
    # _on_sigint): a Stop pressed as the run starts is kept, not dropped.
    opts = _options(options)
    rec = Recorder(filename, int(opts['max_events'])) if opts['trace'] else None
    st = RunState(
        rec,
        max_events=int(opts['max_events']),
        max_virtual_time=float(opts['max_virtual_time']),
        max_wall_time=float(opts['max_wall_time']),
    )
    global _interrupt_target
    _interrupt_target = weakref.ref(st)
    # Cycles left by the previous run go now, while the new event list is still empty for the
    # collector to walk through.
    gc.collect()
    result = RunResult()
    result.options = opts
    wall0 = _loop.wall_clock()

    written = source  # as the program was written, before the legacy rewrite
    world = _world()
    if world is not None and hasattr(world, 'prepare'):
        try:
            source, _notes = world.prepare(
                source,
                seed=int(opts['seed']),
                loopback_latency=opts.get('loopback_latency'),
                remote_latency=opts.get('remote_latency'),
                jitter=opts.get('jitter'),
            )
        except TypeError:
            source, _notes = world.prepare(source)

    st.filename = filename
    st.on_tick = on_tick
    if rec is not None:
        rec.budget_hook = st.check_budgets
    run_ = _Run(filename, opts, rec, st)
    run_.on_stderr = on_stderr

    exc_info = None
    outcome = S.OUTCOME_OK
    detail = ''
    exit_code = 0
    patches = _Patches()
    saved_main = sys.modules.get('__main__')
    saved_running = events._get_running_loop()
    saved_policy = events._event_loop_policy
    monitor = None
    module = types.ModuleType('__main__')
    module.__file__ = filename
    module.__builtins__ = builtins
    root_handlers = list(logging.getLogger().handlers)
    exit_handlers = _ExitHandlers(filename)
    default_hook = sys.excepthook
    reported = None

    try:
        code = compile(source, filename, 'exec')
    except (SyntaxError, ValueError) as exc:
        code = None
        st.phase = 'done'  # nothing of the program will run
        outcome = S.OUTCOME_SYNTAX_ERROR
        _with_source_line(exc, filename, _shown_source(written, source))
        te = traceback.TracebackException(type(exc), exc, None)
        text = ''.join(te.format_exception_only())
        detail = _summary(te) or type(exc).__name__
        exit_code = 1
        run_.output(S.STDERR, text, on_stderr)
        if rec is not None:
            rec.emit_at(
                S.EXCEPTION,
                getattr(exc, 'lineno', 0) or 0,
                rec.string(text),
                rec.string(type(exc).__name__),
            )

    if code is not None:
        shown = _shown_source(written, source)
        linecache.cache[filename] = (len(shown), None, _source_lines(shown), filename)
        _loop.current_run = st
        freeze = _HeapFreeze()
        guard = None
        try:
            _install_patches(patches, st, run_, on_stdout, on_stderr, module)
            exit_handlers.install(patches)
            # Put back after the run: a program's own hook must not report the next run's error.
            patches.set(sys, 'excepthook', default_hook)
            if rec is not None:
                monitor = _start_monitoring(code, rec, st)
            guard = _StopGuard(code, st, monitor)
            st.on_stop = guard.engage
            random.seed(opts['seed'])
            # The program's wall time starts now, for the engine's budget and a host's watchdog.
            st.start_wall_clock()
            if on_start is not None:
                on_start()
            freeze.start()
            # The sandbox (no js, no Pyodide FFI) is up while user code can run.
            with warnings.catch_warnings(), _sandbox(on_heap_walk=freeze.lift):
                _python_warning_filters(os.environ.get('PYTHONWARNINGS', ''))
                warnings._showwarnmsg_impl = _make_showwarnmsg(
                    run_, filename, warnings._showwarnmsg_impl
                )
                try:
                    st.phase = 'program'
                    if st.stopped is not None:  # stopped while the run was being set up
                        st.raise_stopped()
                    if st.sigint_pending:  # a Ctrl-C during the set-up
                        st.signals.deliver(signal.SIGINT, sys._getframe())
                    exec(code, module.__dict__)
                except BaseException as exc:  # noqa: BLE001 - every ending is reported
                    exc_info = exc
                # A program with exit handlers or a sys.excepthook of its own: python3 reports
                # the uncaught exception (through the hook), then runs the handlers, before it
                # drops the program's objects (below), as at exit.  Other programs keep their
                # report after that collection, in _conclude.
                if (
                    st.stopped is None
                    and st.ended is None
                    and (exit_handlers.callbacks or sys.excepthook is not default_hook)
                ):
                    hook = sys.excepthook if sys.excepthook is not default_hook else None
                    reported = _report_ending(exc_info, st, run_, filename, on_stderr, hook)
                    exit_handlers.run(st, run_, filename, on_stderr)
                # What CPython does at exit: flush sys.stdout and sys.stderr (a stream of the
                # program's own there may hold text), drop the program's objects, so pending
                # tasks and unretrieved exceptions report themselves now, inside the run, and
                # flush again.
                if st.stopped is None:
                    _flush_std_streams()
                    try:
                        _finish_leftovers(st, module)
                    except BaseException as exc:  # noqa: BLE001
                        if exc_info is None:
                            exc_info = exc
                    _flush_std_streams()
                st.phase = 'teardown'
                outcome, detail, exit_code = _conclude(
                    exc_info, st, run_, filename, on_stderr, reported
                )
                # The exception holds frames, the frames hold coroutines: drop them while
                # warnings are still captured.  A stopped run's leftovers were stopped on
                # purpose, so they must not complain (here or, later, on the real stderr).
                stopped = outcome in _STOPPED or st.ended is not None
                if stopped:
                    warnings.simplefilter('ignore')
                    _silence_loops(st)
                    _forget_loops(st)
                    module.__dict__.clear()
                if exc_info is not None or stopped:
                    # (A run that ended normally was collected by _finish_leftovers already.)
                    exc_info = None
                    gc.collect()
                if st.loops:
                    # What the program's loops still hold (a server, its connections and the
                    # tasks they wake) goes now, quietly, while output is still captured: not
                    # at the next run's first collection, onto the real stderr.
                    _silence_loops(st)
                    _forget_loops(st)
                    gc.collect()
        finally:
            freeze.finish()
            st.on_stop = None
            if guard is not None:
                guard.release()
            if monitor is not None:
                _stop_monitoring(*monitor)
            patches.undo()
            _loop.current_run = None
            st.phase = 'done'

        # Restore the process: __main__, the policy, Pyodide's running WebLoop, logging.
        # Whatever is still pending was stopped on purpose (or already reported): it must
        # not complain later, on the real stderr, in the middle of another run.
        _silence_loops(st)
        for loop in st.loops:
            if not loop.is_running() and not loop.is_closed():
                try:
                    loop._ready.clear()
                    loop._scheduled.clear()
                    loop._closed = True
                except Exception:
                    pass
        st.loops.clear()
        st.resources.clear()
        if saved_main is not None:
            sys.modules['__main__'] = saved_main
        events._set_event_loop_policy(saved_policy)
        events._set_running_loop(saved_running)
        root = logging.getLogger()
        for handler in list(root.handlers):
            if handler not in root_handlers:
                root.removeHandler(handler)
        linecache.cache.pop(filename, None)

    if rec is not None:
        task, line = rec.stop_at
        rec.task = -1
        rec.line = 0
        rec.ev.extend((S.RUN_END, st.now, task, line, outcome, rec.string(detail), 0))
        # The result owns the trace from here: when engine.ts drops it, its lists are freed at
        # once, rather than by whichever later collection finds the recorder's cycles.
        result.columns = rec.columns()
        # Counted in the trace as it is kept: a stopped run's columns() drops what cleanup
        # recorded after the stop (its events, and the tasks it created).  These are wire rows:
        # engine.ts counts the events again once it has expanded the folded ones.
        result.events = len(result.columns['events']) // 7
        result.tasks = len(result.columns['tasks']) // 5
        rec.release()
        st.rec = None
    else:
        result.tasks = st.tasks_created
    result.stdout = ''.join(run_.out[S.STDOUT])
    result.stderr = ''.join(run_.out[S.STDERR])
    result.outcome = outcome
    result.outcome_detail = detail
    result.exit_code = exit_code
    # The clock's resolution (VirtualLoop._clock_resolution): eight sleep(0.1) end at 0.8, not at
    # 0.7999999999999999, in --stats and in the page's run facts.
    result.virtual_time = round(st.now, 9)
    result.wall_ms = round((_loop.wall_clock() - wall0) * 1000.0, 3)
    return result


_STOPPED = (
    S.OUTCOME_DEADLOCK,
    S.OUTCOME_LIMIT_EVENTS,
    S.OUTCOME_LIMIT_VIRTUAL_TIME,
    S.OUTCOME_LIMIT_WALL_TIME,
    S.OUTCOME_INTERRUPTED,
)


# run() executes the program's module: python3 has no frame below the module's, so a traceback
# that reaches the bottom of the stack (a SystemExit out of a task, logged as never retrieved)
# must not show this one.
hide_in_tracebacks(run)


class _HeapFreeze:
    """Keeps what was alive before the program started out of the collector's way.

    The interpreter, the engine and the recorder's lists (which grow to millions of items) go to
    the collector's permanent generation (`gc.freeze`) for the run, so the collector walks only
    what the program creates.  Without it each collection cycle walks every recorded value
    (the loop's frame holds the event list), and tracing cost far more.  Done traced or not, so
    the program's own garbage is collected the same way in both.

    A program that looks at the heap itself (gc.get_objects, get_referrers, freeze...) gets
    CPython's view: the sandbox calls `lift` first, and the rest of that run goes unfrozen.
    """

    def __init__(self):
        self.active = False
        self.clear_before = False

    def start(self):
        # Someone else's freeze would be undone by ours at the end: leave it alone then.
        self.clear_before = gc.get_freeze_count() == 0
        if self.clear_before:
            gc.freeze()
            self.active = True

    def lift(self):
        if self.active:
            self.active = False
            gc.unfreeze()

    def finish(self):
        """End of the run: nothing stays frozen that was not frozen before it, the program's
        own gc.freeze() included."""
        self.lift()
        if self.clear_before and gc.get_freeze_count():
            gc.unfreeze()


def _conclude(exc_info, st, run_, filename, on_stderr, reported=None):
    """(outcome, detail, exit code) of a finished run; reports an uncaught exception, unless
    `reported` is the detail _report_ending gave when it reported it already."""
    outcome, detail, exit_code = S.OUTCOME_OK, '', 0
    if st.ended is not None:
        # The program ended its process (os._exit, a fatal signal): its own exit status.
        outcome, detail = st.stopped
        exit_code = 0 if st.ended[0] == 0 else 1
        if st.ended[1]:
            run_.output(S.STDERR, st.ended[1], on_stderr)
    elif st.stopped is not None:
        outcome, detail = st.stopped
        exit_code = 1
    elif isinstance(exc_info, RunInterrupted):
        outcome, detail = S.OUTCOME_INTERRUPTED, 'interrupted'
        exit_code = 1
    elif isinstance(exc_info, RunStopped):
        outcome, detail = exc_info.outcome, exc_info.detail
        exit_code = 1
    elif isinstance(exc_info, SystemExit):
        code = exc_info.code
        if code is not None and code != 0:
            outcome = S.OUTCOME_EXCEPTION
            exit_code = 1
            detail = f'SystemExit: {code}'
            if reported is None:
                _report_ending(exc_info, st, run_, filename, on_stderr)
    elif exc_info is not None:
        outcome = S.OUTCOME_EXCEPTION
        exit_code = 1
        if reported is None:
            reported = _report_ending(exc_info, st, run_, filename, on_stderr)
        detail = reported
    if outcome in _STOPPED:
        words = detail if outcome == S.OUTCOME_DEADLOCK else f'run stopped: {detail}'
        run_.output(S.STDERR, f'loopscope: {words}\n', on_stderr)
    return outcome, detail, exit_code


def _report_ending(exc_info, st, run_, filename, on_stderr, hook=None):
    """Print what python3 prints for the way the program ended, before its exit handlers run:
    a SystemExit's code that is not a number, or an uncaught exception's traceback (recorded as
    the run's EXCEPTION), which the program's own sys.excepthook (`hook`) prints instead, as
    python3 calls it for an uncaught exception other than SystemExit.  Returns the
    exception's summary line (see _summary), '' for a program that did not raise."""
    if exc_info is None:
        return ''
    if isinstance(exc_info, SystemExit):
        code = exc_info.code
        if code is not None and not isinstance(code, int):
            run_.output(S.STDERR, f'{code}\n', on_stderr)
        return ''
    rec = st.rec
    text, detail = _user_traceback(exc_info, filename)
    if rec is not None:
        rec.task = -1
        rec.emit_at(
            S.EXCEPTION,
            _innermost_user_line(exc_info, filename),
            rec.string(text),
            rec.string(type(exc_info).__name__),
        )
    if hook is None:
        run_.output(S.STDERR, text, on_stderr)
    else:
        # The traceback as python3 hands it over: from the program's module frame (the engine's
        # frame that ran the module comes first here).
        tb = exc_info.__traceback__
        while tb is not None and not _program_file(tb.tb_frame.f_code.co_filename, filename):
            tb = tb.tb_next
        try:
            hook(type(exc_info), exc_info.with_traceback(tb), tb)
        except BaseException as error:  # noqa: BLE001 - python3 reports the hook's own error
            if st.stopped is None:
                hook_text = format_user_traceback(error, filename)
                run_.output(
                    S.STDERR,
                    f'Error in sys.excepthook:\n{hook_text}\nOriginal exception was:\n{text}',
                    on_stderr,
                )
    return detail or type(exc_info).__name__


class _ExitHandlers:
    """The program's atexit handlers, run at the end of its run as python3 runs them at exit:
    last registered first, once each, an exception in one printed as "Exception ignored in
    atexit callback ..." and the next one run.  Only the program's own registrations (from its
    file or a module beside it) are kept here; the standard library's (logging, weakref.finalize)
    go to the real atexit, as they belong to the interpreter, which outlives the run."""

    def __init__(self, filename):
        self.filename = filename
        self.callbacks = []

    def install(self, p):
        real_register, real_unregister = atexit.register, atexit.unregister

        def register(func, /, *args, **kwargs):
            caller = sys._getframe(1).f_code.co_filename
            if not _program_file(caller, self.filename):
                return real_register(func, *args, **kwargs)
            if not callable(func):
                raise TypeError('the first argument must be callable')
            self.callbacks.append((func, args, kwargs))
            return func

        def unregister(func, /):
            self.callbacks = [c for c in self.callbacks if c[0] != func]
            return real_unregister(func)

        register.__doc__ = real_register.__doc__
        unregister.__doc__ = real_unregister.__doc__
        p.set(atexit, 'register', register)
        p.set(atexit, 'unregister', unregister)

    def run(self, st, run_, filename, on_stderr):
        while self.callbacks and st.stopped is None and st.ended is None:
            func, args, kwargs = self.callbacks.pop()
            try:
                func(*args, **kwargs)
            except (RunStopped, RunInterrupted):
                break  # the run was stopped (a budget, Stop): _conclude reports that
            except BaseException as exc:  # noqa: BLE001 - python3 reports each one and goes on
                if st.stopped is not None or st.ended is not None:
                    break
                text = format_user_traceback(exc, filename, carets=False)
                # python3's words, without the memory address of its repr, which would differ
                # from run to run (docs/trace-format.md, "Determinism").
                name = _ADDRESS.sub('', repr(func))
                run_.output(
                    S.STDERR, f'Exception ignored in atexit callback {name}:\n{text}', on_stderr
                )
            finally:
                _flush_std_streams()
        self.callbacks.clear()


def _silence_loops(st):
    """No more reports from these loops (pending tasks, unretrieved exceptions)."""
    for loop in st.loops:
        loop._recorder = None
        loop._exception_handler = _ignore_exception
        try:
            for task in tasks.all_tasks(loop):
                task._log_destroy_pending = False
        except Exception:
            pass


def _ignore_exception(loop, context):
    pass


def _world():
    try:
        from . import world
    except ImportError:
        return None
    return world


def _forget_loops(st):
    """Let go of the run's loops and what they hold: nothing more runs on them."""
    _drop_queues(st)
    for loop in st.loops:
        if not loop.is_running():
            loop._closed = True
    policy = events._event_loop_policy
    if policy is not None and hasattr(policy, '_local'):
        policy._local._loop = None
    st.loops.clear()
    st.resources.clear()


def _drop_queues(st):
    """Like interpreter exit: nothing more runs on the run's loops; what only their queues kept
    alive (pending tasks, their coroutines) is destroyed by the next collection."""
    for loop in list(st.loops):
        if not loop.is_running() and not loop.is_closed():
            loop._ready.clear()
            loop._scheduled.clear()


def _finish_leftovers(st, module):
    """Close loops the program left open and drop its globals, then collect garbage."""
    # The tasks still pending are destroyed below, which makes asyncio report them.
    _drop_queues(st)
    policy = events._event_loop_policy
    if policy is not None and hasattr(policy, '_local'):
        policy._local._loop = None
    module.__dict__.clear()
    gc.collect()


def _flush_std_streams():
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not isinstance(stream, _Output):
            try:
                stream.flush()
            except Exception:  # CPython ignores this too (its exit status aside)
                pass


def _python_warning_filters(pythonwarnings=''):
    """The warning filters python3 starts with (no -W, no dev mode): a program's stderr shows
    the warnings python3 would show, e.g. no ResourceWarning for an unclosed StreamWriter, no
    DeprecationWarning from library code, and the program's own DeprecationWarnings.

    `pythonwarnings` is the run's PYTHONWARNINGS (its `env` option): filters python3 puts in
    front of those, as `-W` does, a bad one reported on stderr and skipped."""
    warnings.resetwarnings()
    warnings.filterwarnings('default', category=DeprecationWarning, module='__main__')
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        warnings.simplefilter('ignore', category, append=True)
    options = _warnoptions(pythonwarnings)
    if options:
        warnings._processoptions(options)


def _warnoptions(pythonwarnings):
    """sys.warnoptions as python3 makes it from PYTHONWARNINGS: its comma-separated items."""
    return [item for item in pythonwarnings.split(',') if item] if pythonwarnings else []


def _make_showwarnmsg(run_, filename, write):
    """warnings' writer during a run: records the warning, then writes it as Python does.

    Hooked below `warnings.showwarning` (which a program may replace) so that the text is
    Python's own, with the source object: a coroutine never awaited is followed by "Enable
    tracemalloc to get the object allocation traceback", as in CPython.

    A warning located in the engine's own files (a coroutine never awaited that the run's end
    collects, where CPython collects it at interpreter exit) is shown as CPython shows a
    warning raised with no Python code running: `<sys>:0: RuntimeWarning: ...`, with no source
    line and no tracemalloc hint.  Warnings located in the program, or in the standard library,
    are left as they are.
    """

    def showwarnmsg(msg):
        rec = run_.rec
        if isinstance(msg.filename, str) and msg.filename.startswith(_ENGINE_DIR):
            msg.filename, msg.lineno, msg.line, msg.source = '<sys>', 0, None, None
        if rec is not None:
            if rec.mute:  # raised by a user __repr__ the recorder called (see _Output.write)
                return
            text = str(msg.message)
            kind = S.WARN_NEVER_AWAITED if 'was never awaited' in text else S.WARN_PYTHON
            user_line = msg.lineno if msg.filename == filename else rec.line
            rec.emit_at(
                S.WARNING, user_line, kind, rec.string(f'{msg.category.__name__}: {text}')
            )
        write(msg)

    return showwarnmsg


def _make_os_write(outputs):
    """os.write during a run: to file descriptor 1 or 2 it goes through sys.stdout.buffer or
    sys.stderr.buffer's stand-in (recorded, shown in the console); other descriptors as ever."""
    real_write = os.write

    def write(fd, data, /):
        out = outputs.get(fd) if type(fd) is int else None
        if out is None:
            return real_write(fd, data)
        return out.buffer.write(data)

    write.__name__ = write.__qualname__ = 'write'
    write.__module__ = 'posix'
    write.__doc__ = real_write.__doc__
    return write


class _FdFile(io.RawIOBase):
    """A file the program opened on descriptor 1 or 2 (unbuffered, under the buffer and text
    layers open() adds): its bytes go where os.write's go."""

    def __init__(self, fd, out, mode, closefd):
        super().__init__()
        self._fd = fd
        self._out = out
        self._mode = mode
        self._closefd = closefd

    name = property(lambda self: self._fd)
    mode = property(lambda self: self._mode)
    closefd = property(lambda self: self._closefd)

    def fileno(self):
        return self._fd

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, data):
        if self.closed:
            raise ValueError('I/O operation on closed file')
        return self._out.buffer.write(data)


def _make_open(real_open, outputs):
    """open() during a run: on descriptor 1 or 2, for writing, a file whose bytes go to the
    run's stdout or stderr (else the bytes would reach the host's console, outside the trace).
    Anything else, and arguments open() refuses, go to the real open()."""

    def open(
        file,
        mode='r',
        buffering=-1,
        encoding=None,
        errors=None,
        newline=None,
        closefd=True,
        opener=None,
    ):
        out = outputs.get(file) if type(file) is int else None
        binary = type(mode) is str and 'b' in mode
        if (
            out is None
            or opener is not None
            or type(mode) is not str
            or not set(mode) <= {'w', 'a', 'b', 't'}
            or len(mode) != len(set(mode))
            or ('w' in mode) == ('a' in mode)
            or (binary and ('t' in mode or encoding or errors or newline is not None))
            or (not binary and buffering == 0)
            or type(buffering) is not int
        ):
            return real_open(file, mode, buffering, encoding, errors, newline, closefd, opener)
        raw = _FdFile(file, out, 'wb' if 'w' in mode else 'ab', closefd)
        if buffering == 0:
            return raw
        line_buffering = buffering == 1 and not binary
        size = buffering if buffering > 1 else io.DEFAULT_BUFFER_SIZE
        buffered = io.BufferedWriter(raw, size)
        if binary:
            return buffered
        text = io.TextIOWrapper(buffered, encoding, errors, newline, line_buffering)
        text.mode = mode
        return text

    open.__doc__ = real_open.__doc__
    open.__module__ = real_open.__module__
    return open


def _make_isatty(real_isatty):
    def isatty(fd, /):
        if type(fd) is int and 0 <= fd <= 2:
            return False
        return real_isatty(fd)

    isatty.__module__ = 'posix'
    isatty.__doc__ = real_isatty.__doc__
    return isatty


def _make_get_terminal_size(real_get_terminal_size):
    def get_terminal_size(fd=1, /):
        if type(fd) is int and 0 <= fd <= 2:
            # python3's own, for a descriptor that is not a terminal (Linux's ENOTTY).
            raise OSError(25, 'Inappropriate ioctl for device')
        return real_get_terminal_size(fd)

    get_terminal_size.__module__ = 'posix'
    get_terminal_size.__doc__ = real_get_terminal_size.__doc__
    return get_terminal_size


def _set_environment(p, env):
    """The run's `env` option: variables added to os.environ for the run, as the program's
    environment (the CLI's PYTHON* variables and --env).  Python reads some of them as python3
    does at start: asyncio's debug mode (PYTHONASYNCIODEBUG, read as a loop is made) and the
    warning filters (PYTHONWARNINGS, see _python_warning_filters, and sys.warnoptions).  The
    environment is put back as it was after the run."""
    saved = dict(os.environ)

    def restore():
        for name in [name for name in os.environ if name not in saved]:
            del os.environ[name]
        os.environ.update(saved)

    p.call(restore)
    if env:
        os.environ.update({str(name): str(value) for name, value in dict(env).items()})
    p.set(sys, 'warnoptions', _warnoptions(os.environ.get('PYTHONWARNINGS', '')))


def _install_patches(p, st, run_, on_stdout, on_stderr, module):
    rec = st.rec
    # Pyodide marks its WebLoop as running; a run needs no running loop to start its own.
    events._set_running_loop(None)
    events._set_event_loop_policy(Policy())

    sys.modules['__main__'] = module  # restored by run() itself
    # The program's name as the run gives it (the CLI's path as typed, the page's file name),
    # then its arguments: argparse's usage line names the program, as under python3.
    argv = run_.options.get('argv') or ()
    p.set(sys, 'argv', [run_.filename, *((argv,) if isinstance(argv, str) else map(str, argv))])
    _set_environment(p, run_.options.get('env'))

    stdout = _Output(run_, S.STDOUT, on_stdout)
    stderr = _Output(run_, S.STDERR, on_stderr)
    # sys.__stdout__ too (print(file=sys.__stdout__), a program restoring sys.stdout from it),
    # and the file descriptors behind them as far as os.write goes.
    for name, stream in (('stdout', stdout), ('stderr', stderr)):
        p.set(sys, name, stream)
        p.set(sys, f'__{name}__', stream)
    p.set(os, 'write', _make_os_write({1: stdout, 2: stderr}))
    # And a file the program opens on them (open(1, 'w'), os.fdopen(2, 'wb')); none of the
    # three standard descriptors is a terminal, as for python3 writing to a pipe, wherever the
    # run is (the CLI in a terminal gives the trace the page gives).
    fd_open = _make_open(io.open, {1: stdout, 2: stderr})
    p.set(builtins, 'open', fd_open)
    p.set(io, 'open', fd_open)
    p.set(os, 'isatty', _make_isatty(os.isatty))
    p.set(os, 'get_terminal_size', _make_get_terminal_size(os.get_terminal_size))

    _futures.reset()
    # Task names restart at Task-1 in every run, as in a fresh interpreter.
    p.set(tasks, '_task_name_counter', itertools.count(1).__next__)
    # So do thread pools' names (ThreadPoolExecutor-0_0...), which name the trace's workers.
    p.set(concurrent.futures.ThreadPoolExecutor, '_counter', itertools.count().__next__)

    # Futures and tasks that report to the recorder, wherever asyncio makes them.
    eager = make_eager_task_factory()
    for mod in (asyncio, futures):
        p.set(mod, 'Future', Future)
    for mod in (asyncio, tasks):
        p.set(mod, 'Task', Task)
        p.set(mod, 'eager_task_factory', eager)
    p.set(tasks, '_GatheringFuture', GatheringFuture)
    p.set(asyncio, 'shield', shield)
    p.set(tasks, 'shield', shield)
    p.set(asyncio, 'wait', wait)
    p.set(asyncio, 'as_completed', _futures.as_completed)
    p.set(taskgroups.TaskGroup, 'create_task', tg_create_task)
    p.set(taskgroups.TaskGroup, '_on_completed_fut', _futures.tg_completed_fut)

    # Every way of getting a loop yields a VirtualLoop.
    for name in ('EventLoop', 'SelectorEventLoop', 'DefaultEventLoop'):
        if hasattr(asyncio, name):
            p.set(asyncio, name, VirtualLoop)
    # asyncio's own default policy too, which a program gets back with
    # set_event_loop_policy(None) or DefaultEventLoopPolicy() (its loops were real selector
    # loops, which cannot even start here: "OSError: [Errno 28] Invalid argument").
    unix_events = getattr(asyncio, 'unix_events', None)
    default_policy = getattr(unix_events, '_DefaultEventLoopPolicy', None)
    if default_policy is not None:
        p.set(default_policy, '_loop_factory', VirtualLoop)

    from . import _resources

    _resources.install(p, st)

    # Time: the virtual clock, and time.sleep blocking the loop in virtual time.
    p.set(time, 'sleep', _make_sleep(st))
    p.set(time, 'monotonic', lambda: st.now)
    p.set(time, 'perf_counter', lambda: st.now)
    p.set(time, 'time', lambda: VIRTUAL_EPOCH + st.now)
    p.set(time, 'monotonic_ns', lambda: int(st.now * 1e9))
    p.set(time, 'perf_counter_ns', lambda: int(st.now * 1e9))
    p.set(time, 'time_ns', lambda: int((VIRTUAL_EPOCH + st.now) * 1e9))
    # The calendar clocks too: asyncio's own docs time their example with time.strftime('%X'),
    # and a real clock there would show the same second at the start and the end.
    _patch_calendar_clocks(p)

    # The program's own signals, os._exit and os.abort stay inside the run.
    _signals.install(p, st)
    # A thread-blocking wait that nothing could end is a deadlock, not a hang.
    _blocking.install(p)
    # Printed tracebacks leave out the frames of asyncio's C parts that run in Python here.
    _futures.install_traceback_filter(p)

    # Once the run is stopped, a coroutine closed while it is torn down may fail in its cleanup
    # (the stop raised again on its first line, an `async with` that awaits in __aexit__):
    # CPython would print "Exception ignored while closing generator".  Python itself never
    # got there, so there is nothing to report.
    real_unraisablehook = sys.unraisablehook

    def unraisablehook(unraisable):
        if st.stopped is None:
            real_unraisablehook(unraisable)

    p.set(sys, 'unraisablehook', unraisablehook)


def _patch_calendar_clocks(p):
    """time.localtime/gmtime/ctime/asctime/strftime and datetime.now/utcnow without an explicit
    time read the run's virtual clock (whatever `time.time` is now: a simulated worker's clock
    inside a pool job), as date.today() and datetime.today() already do through time.time()."""
    real = {name: getattr(time, name) for name in ('localtime', 'gmtime', 'ctime')}

    def clock(name):
        def fn(secs=None):
            return real[name](time.time() if secs is None else secs)

        fn.__name__ = fn.__qualname__ = name
        fn.__doc__ = real[name].__doc__
        return fn

    for name in real:
        p.set(time, name, clock(name))
    real_asctime, real_strftime = time.asctime, time.strftime

    def asctime(t=None):
        return real_asctime(time.localtime() if t is None else t)

    def strftime(format, t=None):
        return real_strftime(format, time.localtime() if t is None else t)

    asctime.__doc__, strftime.__doc__ = real_asctime.__doc__, real_strftime.__doc__
    p.set(time, 'asctime', asctime)
    p.set(time, 'strftime', strftime)
    p.set(datetime, 'datetime', _VirtualDatetime)


class _VirtualDatetime(datetime.datetime):
    """datetime.datetime whose now() and utcnow() read the virtual clock (the C ones read the
    system clock directly).  Instances made from it, and the results of arithmetic on them, are
    of this class, and show themselves as datetime.datetime."""

    __slots__ = ()

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(time.time(), tz)

    @classmethod
    def utcnow(cls):
        # CPython's own deprecation warning, pointed at the caller as the C method points it.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            super().utcnow()
        for w in caught:
            warnings.warn(w.message, w.category, stacklevel=2)
        return cls.fromtimestamp(time.time(), datetime.timezone.utc).replace(tzinfo=None)

    def __repr__(self):
        return 'datetime.' + super().__repr__()


_VirtualDatetime.__name__ = _VirtualDatetime.__qualname__ = 'datetime'
_VirtualDatetime.__module__ = 'datetime'


def _make_sleep(st):
    """time.sleep for the run: it blocks the loop in virtual time (recorded as LOOP_BLOCKED).

    `sleep.blocking_wait(seconds, call)` is the same for a thread wait that can only time out
    (_blocking.py): the trace then names that call ("queue.Queue.get(timeout=0.5)").
    """
    try:
        from .world.executor import worker_sleep
    except ImportError:
        worker_sleep = None

    def blocking_wait(seconds, call):
        seconds = _sleep_length(seconds)
        if worker_sleep is not None and worker_sleep(seconds):
            return
        rec = st.rec
        loop = events._get_running_loop()
        if rec is not None and loop is not None:
            text = call if call is not None else f'time.sleep({seconds:g})'
            rec.emit(S.LOOP_BLOCKED, min(int(round(seconds * 1e6)), 2**31 - 1), rec.string(text))
            rec.emit(
                S.WARNING,
                S.WARN_BLOCKING_CALL,
                rec.string(
                    f'{text} blocked the event loop for {seconds:g} s: '
                    'no other task ran meanwhile (use await asyncio.sleep)'
                ),
            )
        st.advance(seconds)
        if st.now > st.max_virtual_time:
            st.stop(
                S.OUTCOME_LIMIT_VIRTUAL_TIME,
                f'virtual-time limit of {st.max_virtual_time:g} s reached',
            )

    sleep = _Sleep()
    sleep.blocking_wait = blocking_wait
    return sleep


def _sleep_length(seconds):
    """What time.sleep accepts (a float, or an int-like), with CPython's errors otherwise."""
    if isinstance(seconds, float):
        if seconds != seconds:
            raise ValueError('Invalid value NaN (not a number)')
    else:
        seconds = operator.index(seconds)
    if seconds < 0:
        raise ValueError('sleep length must be non-negative')
    return seconds


class _Sleep:
    """time.sleep during a run.  Not a Python function, so that asyncio's debug messages show
    it as they show the C function it stands for ("Executing <Handle sleep(0.2) created at
    main.py:7>"), not as "_make_sleep.<locals>.sleep(0.2) at .../_runner.py:NNN"."""

    __slots__ = ('blocking_wait',)
    __name__ = 'sleep'
    __module__ = 'time'
    __doc__ = time.sleep.__doc__
    __text_signature__ = '(seconds, /)'

    def __call__(self, *args):
        if len(args) != 1:
            raise TypeError(f'time.sleep() takes exactly one argument ({len(args)} given)')
        self.blocking_wait(args[0], None)

    def __repr__(self):
        return '<built-in function sleep>'


class _StopGuard:
    """After a stop, every line of the program raises the stop again (RunState.halt).

    A traced run swaps its LINE callback for this one; an untraced run starts monitoring the
    program's code only now, so it pays nothing until then.
    """

    def __init__(self, code, st, monitor):
        self._code = code
        self._st = st
        self._tool, self._codes = monitor if monitor is not None else (None, None)
        self._own = False

    def _line(self, code, line):
        self._st.raise_stopped()

    def engage(self):
        mon = sys.monitoring
        if self._tool is None:
            for candidate in _MONITOR_TOOL_CANDIDATES:
                if mon.get_tool(candidate) is None:
                    self._tool = candidate
                    break
            else:
                return
            mon.use_tool_id(self._tool, 'loopscope-stop')
            self._own = True
            self._codes = list(_code_objects(self._code))
            mon.register_callback(self._tool, mon.events.LINE, self._line)
            for c in self._codes:
                mon.set_local_events(self._tool, c, mon.events.LINE)
        else:
            mon.register_callback(self._tool, mon.events.LINE, self._line)

    def release(self):
        if self._own:
            self._own = False
            _stop_monitoring(self._tool, self._codes)


def _start_monitoring(code, rec, st):
    mon = sys.monitoring
    tool = None
    for candidate in _MONITOR_TOOL_CANDIDATES:
        if mon.get_tool(candidate) is None:
            tool = candidate
            break
    if tool is None:
        return None
    mon.use_tool_id(tool, 'loopscope')
    ev = rec.ev
    LINE = S.LINE
    LINE_PAIR = WIRE_LINE_PAIR
    step = 4096 * 7

    def on_line(code_, line):
        nonlocal ev
        if rec.mute:
            return
        rec.line = line
        n = len(ev)
        # A line right after a line, nothing recorded between them, in the same task at the
        # same time (the very objects, so `is`): the row takes it as its second line.
        if n and ev[n - 7] is LINE and ev[n - 5] is rec.task and ev[n - 6] is rec.now:
            ev[n - 3] = line
            ev[n - 7] = LINE_PAIR
            return
        ev += (LINE, rec.now, rec.task, line, 0, 0, 0)
        if len(ev) >= rec.next_check:
            rec.next_check = min(len(ev) + step, rec.cap)
            st.check_budgets()

    rec.next_check = min(step, rec.cap)
    mon.register_callback(tool, mon.events.LINE, on_line)
    codes = list(_code_objects(code))
    for c in codes:
        mon.set_local_events(tool, c, mon.events.LINE)
    return tool, codes


def _stop_monitoring(tool, codes):
    mon = sys.monitoring
    for c in codes:
        try:
            mon.set_local_events(tool, c, 0)
        except Exception:
            pass
    mon.register_callback(tool, mon.events.LINE, None)
    mon.free_tool_id(tool)
