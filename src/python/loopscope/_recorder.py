"""The trace recorder: appends events to flat lists and owns the entity tables.

Everything is kept in plain Python lists while the program runs, because `list.extend` with a
tuple is the cheapest append CPython offers; `columns()` turns them into typed arrays once, at
the end.  The hot paths (task steps, handles, futures, LINE) inline their appends instead of
calling `emit`, so the method-call overhead is paid only by rarer events and by world code.

Layout of the flat lists (see schema.py for the meaning of each column):
    ev         kind, time, task, line, a, b, c      (7 per event)
    handles    kind, when, descr, task, line        (5 per handle)
    futures    kind, label, owner, line, task       (5 per future)
    tasks      future, name, coro, parent, line     (5 per task)
    resources  kind, name, line, capacity           (4 per resource)
"""

import re
import types
from gc import get_referents as _get_referents  # the real one (the sandbox wraps gc's)
from json.encoder import encode_basestring as _json_str
import reprlib
import sys

from . import schema as S

EV_WIDTH = 7

# Wire-only event kinds.  Events the recorder writes back to back, at one time, in one task and
# on one line, are folded into one row on their way to engine.ts, which writes them out as the
# documented events again (src/runtime/wire.ts; `expand_wire` below is the same in Python).  A
# traced sleep cost 15 rows, each to grow the list by, read from the heap and free after the run;
# the most frequent runs of events now travel as one row (8.7 rows a sleep; what that did and did
# not save is in docs/performance.md):
# - WIRE_HANDLE_NEXT (a=hid, b=previous hid): HANDLE_END of b, then HANDLE_START of a
#   (handles run one after the other in an iteration);
# - WIRE_STEP_PARKED (a=awaited future id or -1, b=chain): the task's TASK_STEP_END, outcome
#   suspended, then its AWAIT_CHAIN;
# - WIRE_STEP_PARKED_CB (a=fid, b=chain, c=str callback): FUTURE_CALLBACK_ADDED of the task's
#   wakeup to future a, then the two events above, parked on a;
# - WIRE_LINE_PAIR (line, a=line): two LINE events;
# - WIRE_SLEEP_ARMED (a=fid, b=hid): FUTURE_CREATED of a sleep's future, then HANDLE_SCHEDULED
#   of its timer;
# - WIRE_READY2 (a, b) and WIRE_READY3 (a, b, c): HANDLE_READY of each handle, in that order.
# Event indexes held by events (TASK_STEP_START's cause) count wire rows; expanding maps them.
WIRE_HANDLE_NEXT = 200
WIRE_STEP_PARKED = 201
WIRE_STEP_PARKED_CB = 202
WIRE_LINE_PAIR = 203
WIRE_SLEEP_ARMED = 204
WIRE_READY2 = 205
WIRE_READY3 = 206
# Events each wire kind stands for, past its row's one.
WIRE_EXTRA = {
    WIRE_HANDLE_NEXT: 1,
    WIRE_STEP_PARKED: 1,
    WIRE_STEP_PARKED_CB: 2,
    WIRE_LINE_PAIR: 1,
    WIRE_SLEEP_ARMED: 1,
    WIRE_READY2: 1,
    WIRE_READY3: 2,
}
MAX_ROW_EVENTS = 1 + max(WIRE_EXTRA.values())

_FunctionType = types.FunctionType
_BuiltinType = types.BuiltinFunctionType

# Reprs in the trace must not depend on where objects happen to live in memory, or two runs of
# the same program would differ.
_ADDRESS = re.compile(r' at 0x[0-9a-fA-F]+')


class _ShortRepr(reprlib.Repr):
    """Bounded reprs for locals and results: short enough to show in a card.

    Runs at every step end (chain_of), so no value may cost more than its shown part: types
    that reprlib does not bound itself and whose repr grows with their size (bytes, bytearray)
    get handlers that format only the ends they show.
    """

    # reprlib calls a repr_<type name> handler only for the type of that name from this module
    # (a user's class named `bytes` goes to repr_instance).
    _lookup = {**reprlib.Repr._lookup, 'bytes': 'builtins', 'bytearray': 'builtins'}

    def __init__(self):
        super().__init__(
            maxlevel=2,
            maxtuple=5,
            maxlist=5,
            maxarray=5,
            maxdict=4,
            maxset=5,
            maxfrozenset=5,
            maxdeque=5,
            maxstring=48,
            maxlong=40,
            maxother=60,
        )

    def repr_instance(self, x, level):
        try:
            s = repr(x)
        except Exception as exc:  # a user __repr__ may raise; show that instead of failing
            return f'<{type(x).__name__} repr failed: {type(exc).__name__}>'
        s = _ADDRESS.sub('', s)
        if len(s) > self.maxother:
            i = max(0, (self.maxother - 3) // 2)
            j = max(0, self.maxother - 3 - i)
            s = s[:i] + '...' + s[len(s) - j :]
        return s

    def repr_int(self, x, level):
        s = super().repr_int(x, level)
        # Past sys.get_int_max_str_digits() reprlib describes the int, with its address.
        return _ADDRESS.sub('', s) if s[0] == '<' else s

    def repr_bytes(self, x, level):
        return self._repr_binary(x, level)

    def repr_bytearray(self, x, level):
        return self._repr_binary(x, level)

    def _repr_binary(self, x, level):
        """What repr_instance makes of bytes or a bytearray, but from its ends only when it is
        long: each byte shows as one to four characters, so the first i bytes give at least the
        first i characters of its repr and the last j bytes the last j.  (The quotes, which
        depend on the whole value, are chosen from the bytes shown.)"""
        if len(x) <= _BINARY_WHOLE:
            return self.repr_instance(x, level)
        i = max(0, (self.maxother - 3) // 2)
        j = max(0, self.maxother - 3 - i)
        head = repr(x[:i])[:i]
        tail = repr(x[len(x) - j :])
        return _ADDRESS.sub('', head + '...' + tail[len(tail) - j :])


# Bytes values up to this long are shown from their whole repr (cheap at this size), exactly
# as before the bounded handler existed; longer ones from their ends.
_BINARY_WHOLE = 1024

_short = _ShortRepr()
_Coroutine = types.CoroutineType
_Generator = types.GeneratorType
_AsyncGenerator = types.AsyncGeneratorType


def _agen_awaitable_types():
    async def agen():
        yield

    gen = agen()
    send, throw = gen.asend(None), gen.athrow(GeneratorExit)
    send.close()  # (never awaited on purpose: no RuntimeWarning)
    throw.close()
    return type(send), type(throw)


# What `async for` (anext) and aclose() await: an async generator's asend/athrow object.  It has
# no attribute leading to its generator, only a reference the collector can see.
_AGEN_AWAITABLES = frozenset(_agen_awaitable_types())


def agen_behind(awaitable):
    """The async generator an asend/athrow object drives, or None."""
    for ref in _get_referents(awaitable):
        if type(ref) is _AsyncGenerator:
            return ref
    return None

# Frames left out of await chains: the engine's own wrappers, and the generator every awaited
# future yields through (its caller already says what is awaited).
_PACKAGE_DIR = __file__.rsplit('/', 1)[0] + '/'
_HIDDEN_FRAMES = frozenset()


def _hidden_frames():
    from asyncio import futures

    return frozenset({futures._PyFuture.__await__.__code__})


_HIDDEN_FRAMES = _hidden_frames()
# The generator of `await future` (hidden): it suspends at `yield self`, so nothing is awaited
# past it, and chain_of stops there without reading more of it (each read is a call in Pyodide).
(_FUTURE_AWAIT,) = _HIDDEN_FRAMES

# Types whose repr is cheap and has no side effects: the common case for locals.
_SIMPLE = (int, float, bool, type(None))
MAX_LOCALS = 8
# Ints that JavaScript numbers hold exactly: chain keys carry these as numbers.
_SAFE_INT = 2**53 - 1
# Its negation as a constant: `-_SAFE_INT` in a loop builds a new int object on each test.
_NEG_SAFE_INT = -_SAFE_INT
# Ints of one digit, whose comparisons are the interpreter's fast path.
_SMALL_INT = 2**30 - 1
_NEG_SMALL_INT = -_SMALL_INT
# None among a chain key's values (outside the range above, so no int stands for it).
NONE_MARK = 2**53
# Frames an await chain lists at most.
_DEPTH = range(12)


class Recorder:
    """Collects one run's trace.  Reachable as `loop._recorder` (None when tracing is off)."""

    # Slots: the hot paths read now/task/line/ev on every event, and slot access is the
    # cheapest attribute access CPython has.
    __slots__ = (
        'filename', 'ev', 'strings', '_sidx', 'handles', 'futures', 'tasks', 'resources',
        'now', 'task', 'line', 'cap', 'next_check', 'mute', 'res_waiters', 'pending_wait',
        '_fallback_ids', '_descr_cache', '_none', 's_wakeup', 's_step', 's_sleep',
        'task_lines', '_stop_mark', 'stop_at', 'budget_hook', '_sleep_labels', '_frame_heads',
        '_head_codes', 'chain_heads', 'chain_raw', 'chain_names', '_chain_names',
        'chain_parts', '_chain_parts', 'task_heads', '_hot_code', '_hot_h', 'max_events',
        'folds', '_folds_at',
    )

    def __init__(self, filename, max_events):
        self.filename = filename
        self.ev = []
        self.strings = []
        self._sidx = {}
        self.handles = []
        self.futures = []
        self.tasks = []
        self.resources = []
        # Current virtual time, task id and user line; kept here (not looked up) so an append
        # needs no calls.
        self.now = 0.0
        self.task = -1
        self.line = 0
        # Flat-list length at which the events budget is next checked (over_event_budget), and
        # the length at which budgets are next checked from the LINE hook.
        self.cap = -(-max_events // MAX_ROW_EVENTS) * EV_WIDTH  # see over_event_budget
        self.max_events = max_events
        # Events the wire rows stand for beyond one each (WIRE_EXTRA), counted up to item
        # `_folds_at` of `ev`: the events budget counts the events of the trace, not the rows.
        self.folds = 0
        self._folds_at = 0
        self.next_check = 4096 * EV_WIDTH
        # While set, LINE events are not recorded and output is dropped: the recorder itself is
        # running user code (a __repr__ called to describe a local), which the program did not
        # execute.
        self.mute = False
        # Future id -> resource id for futures a resource's waiter is parked on.
        self.res_waiters = {}
        # A resource whose next created future is its waiter: (resource id, event index).
        self.pending_wait = None
        self._fallback_ids = None
        self._descr_cache = {}
        self._none = self.string('None')
        self.s_wakeup = self.string('task wakeup')
        self.s_step = self.string('task step')
        self.s_sleep = self.string('sleep timer')
        # Last user line of each task, restored when it resumes: the line it is suspended at.
        self.task_lines = []
        self._stop_mark = None
        # (task, line) current when the run was stopped: the RUN_END of a stopped run shows
        # where the program was (the line a runaway loop was on), not the cleanup's context.
        self.stop_at = (-1, 0)
        self.budget_hook = None
        self._sleep_labels = {}
        # id(code) -> head id in chain_heads (an int key hashes faster than a code object):
        # >= 0 for user code, ~index for library code, False for frames left out.  The codes
        # are kept in _head_codes so that no id is reused by another code during the run.
        self._frame_heads = {}
        self._head_codes = []
        # Head id of each task's coroutine (None until its first chain), and the library code
        # chain_of met last with its head id (see chain_of).
        self.task_heads = []
        self._hot_code = None
        self._hot_h = None
        self._new_chain_tables()

    # --- contract API -------------------------------------------------------------------------

    def emit(self, kind, a=0, b=0, c=0):
        ev = self.ev
        n = len(ev)
        ev.extend((kind, self.now, self.task, self.line, a, b, c))
        if n >= self.cap:
            self.over_budget()
        return n // EV_WIDTH

    def emit_at(self, kind, line, a=0, b=0, c=0):
        ev = self.ev
        n = len(ev)
        ev.extend((kind, self.now, self.task, line, a, b, c))
        if n >= self.cap:
            self.over_budget()
        return n // EV_WIDTH

    def string(self, text):
        i = self._sidx.get(text)
        if i is None:
            i = len(self.strings)
            self.strings.append(text)
            self._sidx[text] = i
        return i

    # The tables' rows and their events are written with `+=` and no call in between: a Stop is
    # a signal, handled only after a call returns, and must not leave a row without its event
    # (list.extend is a call).  Whatever calls (string(), len()) comes first.

    def resource(self, kind, name, line=0, capacity=0):
        label = self.string(name)
        resources = self.resources
        rid = len(resources) // 4
        n = len(self.ev)
        line = line or self.line
        resources += (kind, label, line, capacity)
        ev = self.ev
        ev += (S.RESOURCE_CREATED, self.now, self.task, self.line, rid, 0, 0)
        if n >= self.cap:
            self.over_budget()
        return rid

    def future_id(self, fut):
        """Id of a future, registering it (with a FUTURE_CREATED event) if it is new."""
        fid = getattr(fut, '_lsid', -1)
        if fid >= 0:
            return fid
        # A future not made by our classes (e.g. a C future from a library): ids are kept in a
        # weak map, never derived from id(), so they stay deterministic.
        fids = self._fallback_ids
        if fids is None:
            import weakref

            fids = self._fallback_ids = weakref.WeakKeyDictionary()
        try:
            return fids[fut]
        except (KeyError, TypeError):
            pass
        fid = self.new_future(S.FUTURE_PLAIN, type(fut).__name__)
        try:
            fids[fut] = fid
        except TypeError:
            pass
        return fid

    def task_id(self, task):
        tid = getattr(task, '_lstid', -1)
        return tid

    def user_line(self):
        """Innermost user-code line of the current Python stack, 0 when there is none."""
        f = sys._getframe(1)
        fn = self.filename
        while f is not None:
            if f.f_code.co_filename == fn:
                return f.f_lineno or 0
            f = f.f_back
        return 0

    # --- helpers used by the loop and the futures ----------------------------------------------

    def new_future(self, kind, label):
        label = self.string(label)
        futures = self.futures
        fid = len(futures) // 5
        futures += (kind, label, self.task, self.line, -1)
        ev = self.ev
        ev += (S.FUTURE_CREATED, self.now, self.task, self.line, fid, 0, 0)
        return fid

    def new_task(self, task, coro):
        """Register a new task (and its future) and record FUTURE_CREATED + TASK_CREATED."""
        name = self.string(task._name)
        coro_name = self.string(getattr(coro, '__qualname__', None) or type(coro).__name__)
        futures = self.futures
        tasks = self.tasks
        fid = len(futures) // 5
        tid = len(tasks) // 5
        # No call from here on (see resource()).
        task._lsid = fid
        task._lstid = tid
        now, cur, line = self.now, self.task, self.line
        futures += (S.FUTURE_TASK, name, cur, line, tid)
        tasks += (fid, name, coro_name, cur, line)
        task_lines = self.task_lines
        task_lines += (0,)
        task_heads = self.task_heads
        task_heads += (None,)
        ev = self.ev
        ev += (S.FUTURE_CREATED, now, cur, line, fid, 0, 0)
        ev += (S.TASK_CREATED, now, cur, line, tid, 0, 0)
        return tid

    def set_future_kind(self, fid, kind, label=None):
        if label is not None:
            label = self.string(label)
            self.futures[fid * 5 + 1] = label
        self.futures[fid * 5] = kind

    def describe_callback(self, cb):
        """String index describing a callback (cached per function).

        The cache must keep nothing of the program alive: a closure (gather's _done_callback)
        holds the tasks in its cells, a partial its arguments, a bound C method its object.
        Had it held them, pending tasks would outlive the run and report themselves in a later
        one (on the real stderr), and a long run would keep every gather's children.
        """
        key = getattr(cb, '__func__', cb)
        if type(key) is _FunctionType and key.__closure__ is not None:
            key = (key.__code__, key.__qualname__)
        try:
            return self._descr_cache[key]
        except (KeyError, TypeError):
            pass
        func = cb
        while hasattr(func, 'func'):  # functools.partial
            func = func.func
        name = getattr(func, '__qualname__', None) or type(func).__name__
        s = self.string(name)
        kind = type(key)
        if (
            kind is tuple
            or kind is _FunctionType
            or (kind is _BuiltinType and isinstance(key.__self__, (type, types.ModuleType)))
        ):
            self._descr_cache[key] = s
        return s

    def short(self, value):
        """String index of a short, address-free repr of a value."""
        if value is None:
            return self._none
        return self.string(self.repr_text(value))

    def repr_text(self, value):
        """A short, address-free repr of a value; a user __repr__ runs muted (_short_repr)."""
        if type(value) in _SIMPLE:
            try:
                return repr(value)
            except ValueError:  # an int past sys.get_int_max_str_digits(): reprlib says so
                pass
        return _ADDRESS.sub('', self._short_repr(value))

    def _short_repr(self, value):
        """A bounded repr, made with recording muted: the program did not call the user
        __repr__ it may run, so that must neither record events nor print (the runner's
        sys.stdout and sys.stderr drop what is written while `mute` is set).  A repr that
        raises becomes a note instead of failing the run."""
        was = self.mute
        self.mute = True
        try:
            return _short.repr(value)
        except Exception as exc:
            return f'<{type(value).__name__} repr failed: {type(exc).__name__}>'
        finally:
            self.mute = was

    def muted_str(self, value):
        """str(value) for the trace (a cancel message, an exception in a warning), made muted
        (see _short_repr): the program did not make this call."""
        if type(value) is str:
            return value
        was = self.mute
        self.mute = True
        try:
            return str(value)
        except Exception as exc:
            return f'<{type(value).__name__} str() failed: {type(exc).__name__}>'
        finally:
            self.mute = was

    def error_text(self, exc):
        """String index of "Type: message" for an exception, its str() made muted (see
        _short_repr)."""
        was = self.mute
        self.mute = True
        try:
            msg = str(exc)
        except Exception:
            msg = '<str() failed>'
        finally:
            self.mute = was
        msg = _ADDRESS.sub('', msg)
        if len(msg) > 200:
            msg = msg[:197] + '...'
        name = type(exc).__name__
        return self.string(f'{name}: {msg}' if msg else name)

    def locals_json(self, frame):
        """JSON object text of a frame's locals: short reprs, at most MAX_LOCALS of them."""
        try:
            items = frame.f_locals.items()
        except Exception:
            return '{}'
        return '{' + self._locals_parts(items)[1:] + '}'

    def _locals_parts(self, items):
        """`,"name":"repr"` for each shown local, concatenated (locals_json without braces).

        Ints, floats, bools and None are the common case: their repr runs no user code and
        needs no JSON escaping, so it is formatted directly.  Other values go through the
        bounded repr, muted (a user __repr__ must not record LINE events).
        """
        parts = ''
        n = 0
        capped = len(items) > MAX_LOCALS
        for name, value in items:
            if name[:2] == '__':
                continue
            if capped and n >= MAX_LOCALS:
                parts += f',"\u2026":"{len(items) - n} more"'
                break
            t = type(value)
            if t is int or t is float or t is bool or value is None:
                try:
                    parts += f',"{name}":"{value!r}"'
                except ValueError:  # an int past sys.get_int_max_str_digits()
                    parts += f',"{name}":{_json_str(self._short_repr(value))}'
            else:
                parts += f',"{name}":{_json_str(self._short_repr(value))}'
            n += 1
        return parts

    def _frame_head(self, code):
        """Fixed start of a frame's chain entry: '[name,' for user code (line and locals
        follow), a whole '[name,0,{}]' for library code, '' for frames left out."""
        if code.co_filename == self.filename:
            return '[' + _json_str(code.co_qualname) + ','
        if code in _HIDDEN_FRAMES or code.co_filename.startswith(_PACKAGE_DIR):
            return ''
        return '[' + _json_str(code.co_qualname) + ',0,{}]'

    def _head_id(self, code):
        head = self._frame_head(code)
        self._head_codes.append(code)
        if not head:
            h = False
        else:
            # Codes with the same head text (a function defined twice) share an id, so that
            # equal chain texts always have equal keys.
            heads = self.chain_heads
            h = heads.index(head) if head in heads else len(heads)
            if h == len(heads):
                heads.append(head)
            if head[-1] != ',':
                h = ~h
        self._frame_heads[id(code)] = h
        return h

    def _code_head(self, code):
        """Head id of a code met in a chain (see _head_id), remembering the last library code
        or left-out frame met as the hot one."""
        h = self._frame_heads.get(id(code))
        if h is None:
            h = self._head_id(code)
        if h is False or h < 0:
            self._hot_code = code
            self._hot_h = h
        return h

    def _int_locals_key(self, h, frame):
        """The key of a user frame whose locals are all ints that JavaScript numbers hold
        exactly, or None, at most MAX_LOCALS of them: [h, line, id of the tuple of their names,
        values...], None standing as NONE_MARK (see chain_of).  None when they are not."""
        try:
            local = frame.f_locals
            values = local.values()
        except Exception:
            return None
        if len(values) > MAX_LOCALS:
            return None
        marked = False
        for value in values:
            if type(value) is int:
                # Most ints are small: a one-digit comparison first.
                if _NEG_SMALL_INT <= value <= _SMALL_INT:
                    continue
                if _NEG_SAFE_INT <= value <= _SAFE_INT:
                    continue
            elif value is None:
                marked = True
                continue
            return None
        names = tuple(local)  # its keys, as .keys() but one call less
        n = self._chain_names.get(names)
        if n is None:
            n = self._chain_names[names] = len(self.chain_names)
            self.chain_names.append(names)
        key = [h, frame.f_lineno or 0, n]
        if marked:
            values = [NONE_MARK if v is None else v for v in values]
        key += values
        return key

    def chain_of(self, coro, tid):
        """Where an await chain is in `chain_raw`: its text is [[func, line, {local: repr}], ...],
        outermost first, and engine.ts writes it after the run.

        Frames outside the user's file are listed by name only (line 0, no locals): the user
        sees that the task sits in `sleep` without asyncio's internals.

        Runs at every step end, and in a long run nearly every chain is new (a local changes at
        each step), so neither the text is built nor the chain looked up here.  The chain is
        reduced to a key of ints: per frame its head id (computed once per code object), and for
        user code its line and locals, as the id of the tuple of their names followed by their
        values when every value is an int (None stands as NONE_MARK), else as minus one minus
        the id of their formatted JSON members.  The key goes to `chain_raw` (length, key...), a
        flat list of ints that engine.ts reads from the wasm heap once the run ends; the
        AWAIT_CHAIN event holds the key's offset there.  engine.ts then writes each chain's text
        once, appends the distinct texts to the string table in the order they were recorded,
        and points the events at them (`fill_chains` below is the same in Python).  In Pyodide
        every descriptor read such as `cr_frame` or `f_lineno` is a call (slow in Node, where
        the calls go out through JavaScript), so a frame object is fetched only for user code.

        `tid` is the task whose coroutine `coro` is: the head id of that outermost frame is kept
        per task.  Its frame object is not kept: a frame still referenced when its
        coroutine returns takes over the locals, which would then outlive the return (and their
        __del__ would run later than in the untraced run).
        """
        # A task's coroutine never changes, so neither does its code: its head id is kept per
        # task, which saves three calls (cr_code, id, the lookup) at every step end.
        task_heads = self.task_heads
        h = task_heads[tid]
        if h is None and type(coro) is _Coroutine:
            code = coro.cr_code
            h = self._frame_heads.get(id(code))
            if h is None:
                h = self._head_id(code)
            task_heads[tid] = h
        if h is not None and h is not False and h >= 0 and type(coro) is _Coroutine:
            # The usual chain, read without the walk below: the task's own user coroutine,
            # parked in the library coroutine met last (asyncio.sleep's, in a program of
            # sleeps) at an awaited future, with locals that are all ints or None.  It makes
            # the key the walk would make; anything else goes on to the walk.
            frame = coro.cr_frame
            inner = coro.cr_await
            if (
                frame is not None
                and type(inner) is _Coroutine
                and inner.cr_code is self._hot_code
                and type(fut := inner.cr_await) is _Generator
                and fut.gi_code is _FUTURE_AWAIT
            ):
                part = self._int_locals_key(h, frame)
                if part is not None:
                    hot = self._hot_h
                    if hot is not False:
                        part.append(hot)
                    raw = self.chain_raw
                    i = len(raw)
                    raw += (len(part),)
                    raw += part
                    return i
        # The key is built in a list of its own and appended whole at the end: user code may run
        # on the way (a repr, a __del__ at a collection), and a task step it starts (an eager
        # task) records its own chain meanwhile.
        key = []
        # At most len(_DEPTH) frames.  A chain that ends without a future (nothing awaited, a
        # finished coroutine) ends at `coro` None, which the last branch below stops at.
        for _ in _DEPTH:
            t = type(coro)
            if t is _Coroutine:
                nxt = coro.cr_await
                if h is None:
                    code = coro.cr_code
                    if code is self._hot_code:
                        # The library code met last (asyncio.sleep's, in a program of
                        # sleeps): an identity test instead of id() and a lookup.
                        h = self._hot_h
                    else:
                        h = self._code_head(code)
            elif t is _Generator:
                code = coro.gi_code
                if code is _FUTURE_AWAIT:
                    break
                nxt = coro.gi_yieldfrom
                if h is None:
                    h = self._code_head(code)
            elif t in _AGEN_AWAITABLES:
                # `async for` in progress: the chain goes on in the generator's frame.
                coro = agen_behind(coro)
                continue
            elif t is _AsyncGenerator:
                nxt = coro.ag_await
                if h is None:
                    h = self._code_head(coro.ag_code)
            else:
                frame = getattr(coro, 'cr_frame', None)
                if frame is None:
                    break
                nxt = getattr(coro, 'cr_await', None)
                if h is None:
                    h = self._code_head(frame.f_code)
            if h is False:
                pass  # a frame left out
            elif h < 0:
                key.append(h)  # library code
            else:
                # User code.  (A suspended coroutine in an await chain always has its
                # frame; a finished one ends the chain.)
                if t is _Coroutine:
                    frame = coro.cr_frame
                elif t is _Generator:
                    frame = coro.gi_frame
                elif t is _AsyncGenerator:
                    frame = coro.ag_frame
                if frame is None:
                    break
                part = self._int_locals_key(h, frame)
                if part is not None:
                    key += part
                    coro = nxt
                    h = None
                    continue
                key += (h, frame.f_lineno or 0)
                try:
                    items = frame.f_locals.items()
                except Exception:
                    items = ()  # no locals
                parts = self._locals_parts(items)
                n = self._chain_parts.get(parts)
                if n is None:
                    n = self._chain_parts[parts] = len(self.chain_parts)
                    self.chain_parts.append(parts)
                key.append(~n)
            coro = nxt
            h = None
        raw = self.chain_raw
        i = len(raw)
        n = len(key)
        # No call from here on, so a Stop (a signal, handled only at calls and loops) cannot
        # leave a length without its key.
        raw += (n,)
        raw += key
        return i

    def sleep_label(self, delay):
        """String index of "sleep(0.1)" for a delay (cached: the same delays recur)."""
        i = self._sleep_labels.get(delay)
        if i is None:
            i = self._sleep_labels[delay] = self.string(f'sleep({delay:g})')
        return i

    # --- budgets ----------------------------------------------------------------------------------

    def over_event_budget(self):
        """Whether the trace has reached its events budget, once `len(ev)` reached `cap`.

        `cap` counts wire rows, and a row stands for one to MAX_ROW_EVENTS events (WIRE_EXTRA).
        So `cap` is put where the rows, all of them folded, would just reach the budget: this
        counts the events recorded so far (the rows since the last count, and the last row
        afresh, as it may still fold in the next event), and while they are under budget moves
        `cap` on by the rows that cannot pass it.  The checks come closer as the budget nears,
        and the run stops at the first one past it, as it did when rows were events: a check
        comes at the next LINE event, `emit`, or handle end, so the events a handle's step
        writes inline (a few) may go past the budget.
        """
        ev = self.ev
        n = len(ev)
        settled = max(n - EV_WIDTH, 0)
        if settled > self._folds_at:
            kinds = ev[self._folds_at : settled : EV_WIDTH]
            self._folds_at = settled
            self.folds += sum(kinds.count(k) * extra for k, extra in WIRE_EXTRA.items())
        last = WIRE_EXTRA.get(ev[settled], 0) if n else 0
        left = self.max_events - (n // EV_WIDTH + self.folds + last)
        if left <= 0:
            return True
        self.cap = n + max(1, left // MAX_ROW_EVENTS) * EV_WIDTH
        return False

    def over_budget(self):
        """Called when the events list reached a check point; the run decides what to do."""
        hook = self.budget_hook
        if hook is not None:
            hook()

    def stop_mark(self):
        """Remember where the run stopped: events recorded by cleanup after that are dropped,
        and so are the handles, futures, tasks and resources it created (asyncio.run's
        teardown makes a task for shutdown_asyncgens, which the program never saw)."""
        if self._stop_mark is None:
            self._stop_mark = (
                len(self.ev),
                len(self.handles),
                len(self.futures),
                len(self.tasks),
                len(self.resources),
            )
            self.stop_at = (self.task, self.line)
            # A resource wait recorded before the stop must not be completed by a future made
            # after it: that future is dropped, and the event would point past the table.
            self.pending_wait = None

    def release(self):
        """Let go of the trace (after columns()) and of the run's budget check, so that neither
        outlives the result that holds them."""
        self.ev = []
        self.strings = []
        self._sidx = {}
        self.handles = []
        self.futures = []
        self.tasks = []
        self.resources = []
        self._new_chain_tables()
        self._descr_cache = {}
        self.budget_hook = None

    def _new_chain_tables(self):
        # Await chains are recorded as keys (see chain_of) and written out as text by
        # engine.ts from these tables.
        self.chain_heads = []
        self.chain_raw = []
        self.chain_names = []
        self._chain_names = {}
        self.chain_parts = []
        self._chain_parts = {}

    # --- output ----------------------------------------------------------------------------------

    def columns(self):
        """The trace as one flat list per table (row after row) plus the string table.

        engine.ts splits the rows into typed-array columns.  It reads the lists straight from
        the wasm heap when it can (see _bridge.py): converting millions of Python numbers one
        by one would cost more than recording them did.  The AWAIT_CHAIN events hold offsets
        into 'chain_raw', not string indexes: engine.ts writes the chain texts from 'chain_raw'
        and 'chains' (see chain_of), and the module's `fill_chains` does the same in Python.
        """
        ev = self.ev
        if self._stop_mark is not None:
            # Drop what cleanup recorded after the stop, but keep the RUN_END (always last).
            # Ids are dense in creation order, so what cleanup created is each table's tail,
            # and no event kept refers to it.
            n_ev, n_handles, n_futures, n_tasks, n_resources = self._stop_mark
            tail = ev[-EV_WIDTH:]
            del ev[n_ev:]
            if tail and tail[0] == S.RUN_END:
                ev.extend(tail)
            del self.handles[n_handles:]
            del self.futures[n_futures:]
            del self.tasks[n_tasks:]
            del self.resources[n_resources:]
            # The stop is a signal, taken between any two bytecodes: inside new_task, after its
            # future's row and before its task's, the kept future would name a task past the
            # table. It is a plain future then, as the task was never made.
            futs = self.futures
            n_tasks_kept = len(self.tasks) // 5
            for k in range(4, len(futs), 5):
                if futs[k] >= n_tasks_kept:
                    futs[k] = -1
                    futs[k - 4] = S.FUTURE_PLAIN
        return {
            'strings': self.strings,
            'events': ev,
            'handles': self.handles,
            'futures': self.futures,
            'tasks': self.tasks,
            'resources': self.resources,
            'chain_raw': self.chain_raw,
            'chains': {
                'heads': self.chain_heads,
                'names': self.chain_names,
                'parts': self.chain_parts,
            },
        }


def chain_text(key, tables):
    """The JSON text of a chain key (Recorder.chain_of); engine.ts's fillChains does the same."""
    heads, names, parts = tables['heads'], tables['names'], tables['parts']
    text = ''
    j = 0
    while j < len(key):
        h = key[j]
        j += 1
        if h < 0:
            text += ',' + heads[~h]
            continue
        line, n = key[j], key[j + 1]
        j += 2
        if n < 0:
            members = parts[~n][1:]
        else:
            local = names[n]
            values = key[j : j + len(local)]
            j += len(local)
            members = ','.join(
                f'"{name}":"{"None" if v == NONE_MARK else v}"'
                for name, v in zip(local, values)
                if name[:2] != '__'
            )
        text += f',{heads[h]}{line},{{{members}}}]'
    return f'[{text[1:]}]'


def expand_wire(events):
    """The trace's events from the recorder's wire rows (a flat list, as in columns()), as
    engine.ts's expandWire gives them: each wire row becomes the events it stands for (WIRE_*
    above), and TASK_STEP_START's cause, a wire row index, becomes an event index."""
    out = []
    at = []  # wire row -> event index
    for j in range(0, len(events), EV_WIDTH):
        kind, time, task, line, a, b, c = events[j : j + EV_WIDTH]
        at.append(len(out) // EV_WIDTH)
        if kind == WIRE_HANDLE_NEXT:
            out += (S.HANDLE_END, time, task, line, b, 0, 0)
            out += (S.HANDLE_START, time, task, line, a, 0, 0)
        elif kind in (WIRE_STEP_PARKED, WIRE_STEP_PARKED_CB):
            if kind == WIRE_STEP_PARKED_CB:
                out += (S.FUTURE_CALLBACK_ADDED, time, task, line, a, c, task)
            out += (S.TASK_STEP_END, time, task, line, task, S.STEP_SUSPENDED, a)
            out += (S.AWAIT_CHAIN, time, task, line, task, b, 0)
        elif kind == WIRE_LINE_PAIR:
            out += (S.LINE, time, task, line, 0, 0, 0)
            out += (S.LINE, time, task, a, 0, 0, 0)
        elif kind == WIRE_SLEEP_ARMED:
            out += (S.FUTURE_CREATED, time, task, line, a, 0, 0)
            out += (S.HANDLE_SCHEDULED, time, task, line, b, 0, 0)
        elif kind in (WIRE_READY2, WIRE_READY3):
            for hid in (a, b, c) if kind == WIRE_READY3 else (a, b):
                out += (S.HANDLE_READY, time, task, line, hid, 0, 0)
        else:
            if kind == S.TASK_STEP_START and c >= 0:
                c = at[c]
            out += (kind, time, task, line, a, b, c)
    return out


def fill_chains(strings, events, raw, tables):
    """Give the await chains their texts, as engine.ts's fillChains does: each AWAIT_CHAIN
    event (in `events`, a flat event list as expand_wire gives it) holds its chain's offset in `raw`;
    each distinct key's text is appended to `strings` in the order of the events, and each
    event is pointed at it.  Chains are told apart by key, as there: two keys can read the same
    (an int subclass whose repr looks like an int's), and then their texts are two strings.
    Both lists are changed in place and returned."""
    seen = {}
    for j in range(0, len(events), EV_WIDTH):
        if events[j] != S.AWAIT_CHAIN:
            continue
        at = events[j + 5]
        key = tuple(raw[at + 1 : at + 1 + raw[at]])
        i = seen.get(key)
        if i is None:
            i = seen[key] = len(strings)
            strings.append(chain_text(key, tables))
        events[j + 5] = i
    return strings, events


# Values per row of each flat table, in column order (engine.ts has the same table).
WIDTHS = {
    'events': ('kind', 'time', 'task', 'line', 'a', 'b', 'c'),
    'handles': ('kind', 'when', 'descr', 'task', 'line'),
    'futures': ('kind', 'label', 'owner', 'line', 'task'),
    'tasks': ('future', 'name', 'coro', 'parent', 'line'),
    'resources': ('kind', 'name', 'line', 'capacity'),
}
