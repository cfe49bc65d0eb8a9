"""The Python wall between a user's program and the page: no `js`, no Pyodide FFI, no ctypes.

A share link runs someone else's code in a visitor's browser.  While a program runs,
`guard()` (a context manager around the run, see _runner.run) makes every ordinary way of
reaching JavaScript fail with one clear ImportError:

- the modules that reach JavaScript (`js`, `pyodide` and its submodules, `pyodide_js`,
  `_pyodide`, `_pyodide_core`, `micropip`) and the ones that reach raw memory (`ctypes`,
  `_ctypes`) are taken out of `sys.modules`;
- Pyodide's import hooks (its JsFinder, which serves `import js`) leave `sys.meta_path`, and a
  finder that refuses those names goes first;
- `builtins.__import__` and `importlib.import_module` refuse them too, so taking the finder out
  of `sys.meta_path` is not enough to get past;
- `_imp.create_builtin` refuses them as well, and hands out the sandbox's `gc` rather than a
  fresh copy, so re-importing `gc` or `_pyodide_core` from scratch does not get past either;
- `sys.setrecursionlimit` is capped at MAX_RECURSION_LIMIT: deeper Python recursion would
  overflow the JavaScript stack, which Pyodide does not survive;
- no audit hook may be added, and trace/profile functions and sys.monitoring tools the program
  set are removed when it ends, so none of its code runs later outside the sandbox;
- `gc.get_objects`, `gc.get_referrers` and `gc.get_referents` leave out Pyodide's objects, the
  modules set aside and this guard itself, so walking the heap finds no JsProxy.

Everything is put back when the run ends, before engine.ts reads the result.

This cannot be airtight: user code shares one interpreter with Pyodide and with the engine,
whose frames are on the stack (the live-output hooks in the runner's frame are JavaScript
functions, so a JsProxy is one frame walk away).  The worker is the second
wall: it runs under a CSP without 'unsafe-eval' and with connect-src 'self', it neuters the JS
Function constructors and removes Cache Storage and IndexedDB before any program runs, and the
page accepts only valid protocol messages for the current run.  docs/security.md says what is
promised and how each promise is tested.
"""

import _imp
import builtins
import gc
import importlib
import importlib.util
import sys
import types

# Top-level names whose modules reach JavaScript or raw memory.
BLOCKED = frozenset(
    ('js', 'pyodide', 'pyodide_js', '_pyodide', '_pyodide_core', 'micropip', 'ctypes', '_ctypes')
)

WHY = (
    'Loopscope runs your program in a sandbox without access to the page or the network. '
    'The network is simulated: asyncio.open_connection, start_server and aiohttp talk to a '
    'virtual internet, which `import loopscope` lets you shape.'
)


# sys.setrecursionlimit above this is lowered to it during a run.  Measured in Chromium's worker
# (a recursion caught as RecursionError, then the run ending): 2,500 frames are fine, 3,500
# overflow the JS stack (on the way back: unwinding and freeing the frames) and kill Pyodide.
# Node's main thread survives 5,000 and dies at 20,000.
MAX_RECURSION_LIMIT = 2000


def is_blocked(name):
    """Whether a dotted module name belongs to one of the BLOCKED packages."""
    if not isinstance(name, str):
        return False
    return name.partition('.')[0] in BLOCKED


def sandbox_error(name):
    return ModuleNotFoundError(f"import of '{name}' is not allowed: {WHY}", name=name)


class SandboxFinder:
    """First on sys.meta_path during a run: refuses the blocked names, ignores the rest."""

    def find_spec(self, fullname, path=None, target=None):
        if is_blocked(fullname):
            raise sandbox_error(fullname)
        return None

    def invalidate_caches(self):
        pass

    def __repr__(self):
        return '<loopscope sandbox finder>'


def _absolute(name, globals_, level):
    """The module an import asks for, relative names resolved (as far as they can be)."""
    if not level or not isinstance(name, str):
        return name
    package = globals_.get('__package__') if isinstance(globals_, dict) else None
    if not isinstance(package, str) or not package:
        return name
    try:
        return importlib.util.resolve_name('.' * level + name, package)
    except (ImportError, ValueError, TypeError):
        return name


def _is_pyodide_finder(finder):
    mod = getattr(type(finder), '__module__', '') or ''
    if isinstance(finder, type):
        mod = getattr(finder, '__module__', '') or ''
    return is_blocked(mod)


class _Guard:
    """One run's sandbox: what it took away, and how to put it back."""

    def __init__(self, on_heap_walk=None):
        self._on_heap_walk = on_heap_walk or (lambda: None)
        self._modules = {}
        self._meta_path = None
        self._saved = []
        self._hidden = set()
        self._recursion_limit = 1000
        self._trace = (None, None)
        self._tools = set()

    # -- entering --------------------------------------------------------------------------

    def __enter__(self):
        for name in [n for n in sys.modules if is_blocked(n)]:
            self._modules[name] = sys.modules.pop(name)
        self._meta_path = list(sys.meta_path)
        sys.meta_path[:] = [SandboxFinder()] + [
            f for f in self._meta_path if not _is_pyodide_finder(f)
        ]
        importlib.invalidate_caches()
        self._unwrap_stdlib()
        self._scrub()

        real_import = builtins.__import__
        real_import_module = importlib.import_module

        def __import__(name, globals=None, locals=None, fromlist=(), level=0):
            if is_blocked(_absolute(name, globals, level)):
                raise sandbox_error(name)
            return real_import(name, globals, locals, fromlist, level)

        def import_module(name, package=None):
            if isinstance(name, str) and not name.startswith('.') and is_blocked(name):
                raise sandbox_error(name)
            return real_import_module(name, package)

        import_module.__doc__ = real_import_module.__doc__
        self._patch(builtins, '__import__', __import__)
        self._patch(importlib, 'import_module', import_module)

        # Below the finders: a builtin module is (re)built by _imp.create_builtin.  Refuse the
        # blocked ones; hand out the existing (filtered) gc and _imp instead of fresh copies.
        real_create_builtin = _imp.create_builtin

        def create_builtin(spec):
            name = getattr(spec, 'name', None)
            if is_blocked(name):
                raise sandbox_error(name)
            if name == 'gc':
                return gc
            if name == '_imp':
                return _imp
            return real_create_builtin(spec)

        self._patch(_imp, 'create_builtin', create_builtin)

        # Deep Python recursion overflows the JavaScript engine's stack before CPython notices,
        # and Pyodide cannot go on after that; cap the limit a program may set.
        real_setrecursionlimit = sys.setrecursionlimit
        self._recursion_limit = sys.getrecursionlimit()

        def setrecursionlimit(limit):
            if isinstance(limit, int) and limit > MAX_RECURSION_LIMIT:
                limit = MAX_RECURSION_LIMIT
            real_setrecursionlimit(limit)

        setrecursionlimit.__doc__ = real_setrecursionlimit.__doc__
        self._patch(sys, 'setrecursionlimit', setrecursionlimit)

        # Hooks that would run user code after the run, outside the sandbox: audit hooks cannot
        # be removed, so none may be added; trace/profile functions and monitoring tools the
        # program sets are undone on the way out.
        def addaudithook(hook):
            raise RuntimeError(f'sys.addaudithook is not available: {WHY}')

        self._patch(sys, 'addaudithook', addaudithook)
        self._trace = (sys.gettrace(), sys.getprofile())
        mon = getattr(sys, 'monitoring', None)
        self._tools = {i for i in range(6) if mon is not None and mon.get_tool(i) is not None}

        hidden = self._hidden
        hidden.add(id(self))
        hidden.add(id(self._modules))
        hidden.add(id(self._saved))
        hidden.add(id(self._meta_path))
        for mod in self._modules.values():
            hidden.add(id(mod))
            hidden.add(id(getattr(mod, '__dict__', None)))
        for finder in self._meta_path:
            if _is_pyodide_finder(finder):
                hidden.add(id(finder))
                hidden.add(id(getattr(finder, '__dict__', None)))
        hidden.discard(id(None))

        real_get_objects = gc.get_objects
        real_get_referrers = gc.get_referrers
        real_get_referents = gc.get_referents
        visible = self._visible
        # The runner keeps what existed before the run in the collector's permanent generation,
        # which these functions do not see; a program that walks the heap gets it back first.
        heap_walk = self._on_heap_walk

        def get_objects(generation=None):
            heap_walk()
            found = real_get_objects() if generation is None else real_get_objects(generation)
            return [o for o in found if visible(o)]

        def get_referrers(*objs):
            heap_walk()
            return [o for o in real_get_referrers(*objs) if visible(o)]

        def get_referents(*objs):
            return [o for o in real_get_referents(*objs) if visible(o)]

        def lifting(real):
            def fn(*args, **kwargs):
                heap_walk()
                return real(*args, **kwargs)

            return fn

        real_freeze = gc.freeze
        real_unfreeze = gc.unfreeze
        real_get_freeze_count = gc.get_freeze_count
        freeze = lifting(real_freeze)
        unfreeze = lifting(real_unfreeze)
        get_freeze_count = lifting(real_get_freeze_count)
        for fn, real in (
            (get_objects, real_get_objects),
            (get_referrers, real_get_referrers),
            (get_referents, real_get_referents),
            (freeze, real_freeze),
            (unfreeze, real_unfreeze),
            (get_freeze_count, real_get_freeze_count),
        ):
            fn.__doc__ = real.__doc__
            fn.__name__ = fn.__qualname__ = real.__name__
            self._patch(gc, real.__name__, fn)
        # The closures above hold the real functions; their cells are hidden with them.
        for fn in (
            get_objects,
            get_referrers,
            get_referents,
            freeze,
            unfreeze,
            get_freeze_count,
            __import__,
            import_module,
            create_builtin,
        ):
            hidden.add(id(fn))
            for cell in fn.__closure__ or ():
                hidden.add(id(cell))
        return self

    def _unwrap_stdlib(self):
        """Pyodide wraps some stdlib functions (asyncio.run): the originals stand in for a run.

        A wrapper's __globals__ is its Pyodide module's namespace, one attribute away from a
        JsProxy.  The engine's own patches (time.sleep...) are in place already and are kept.
        """
        for name, mod in list(sys.modules.items()):
            space = getattr(mod, '__dict__', None) if mod is not None else None
            if is_blocked(name) or type(space) is not dict:
                continue
            for key, value in list(space.items()):
                if type(value) is types.FunctionType and _taints(value):
                    inner = getattr(value, '__wrapped__', None)
                    if inner is not None and not _taints(inner):
                        self._patch(mod, key, inner)

    def _scrub(self):
        """Take the JsProxy values and FFI functions out of the set-aside namespaces for a run.

        Their functions stay reachable (a frame's locals can hold Pyodide's WebLoop, whose
        methods' __globals__ are such a namespace); without these values, a walk from them
        ends at Python objects.  Dicts one level down (JsFinder's table of JS modules) too.
        """
        spaces = [getattr(m, '__dict__', None) for m in self._modules.values()]
        spaces += [getattr(f, '__dict__', None) for f in self._meta_path if _is_pyodide_finder(f)]
        seen = set()
        for space in spaces:
            if type(space) is not dict or id(space) in seen:
                continue
            seen.add(id(space))
            for key, value in list(space.items()):
                if type(value) is dict and id(value) not in seen and len(value) < 1000:
                    seen.add(id(value))
                    spaces.append(value)
                elif _is_jsproxy(value) or (
                    type(value) is types.BuiltinFunctionType and _taints(value)
                ):
                    # JsProxy values, and the FFI's C entry points (to_js, create_proxy...)
                    # that would make new ones.
                    self._saved.append((space, key, value))
                    del space[key]

    def _patch(self, obj, name, value):
        self._saved.append((obj, name, getattr(obj, name)))
        setattr(obj, name, value)

    # -- what gc shows ---------------------------------------------------------------------

    def _visible(self, o):
        if id(o) in self._hidden:
            return False
        return not _reaches_js(o)

    # -- leaving ---------------------------------------------------------------------------

    def __exit__(self, *exc):
        while self._saved:
            obj, name, value = self._saved.pop()
            if type(obj) is dict:
                obj[name] = value
            else:
                setattr(obj, name, value)
        sys.setrecursionlimit(self._recursion_limit)
        sys.settrace(self._trace[0])
        sys.setprofile(self._trace[1])
        mon = getattr(sys, 'monitoring', None)
        for tool in range(6):
            if mon is not None and tool not in self._tools and mon.get_tool(tool) is not None:
                try:
                    mon.clear_tool_id(tool)
                    mon.free_tool_id(tool)
                except Exception:
                    pass
        if self._meta_path is not None:
            sys.meta_path[:] = self._meta_path
        # Whatever the program imported under those names in the meantime is not kept.
        for name in [n for n in sys.modules if is_blocked(n)]:
            del sys.modules[name]
        sys.modules.update(self._modules)
        self._modules.clear()
        self._hidden.clear()
        self._meta_path = None
        importlib.invalidate_caches()
        return False


# type.__module__ read through type's own descriptor: a metaclass cannot run code here.
_TYPE_MODULE = type.__dict__['__module__'].__get__


def _module_of(o):
    """The module an object comes from, read without running user code."""
    t = type(o)
    if isinstance(o, types.ModuleType):
        name = o.__dict__.get('__name__')
        return name if isinstance(name, str) else ''
    if isinstance(o, type):
        mod = _TYPE_MODULE(o, type)
        return mod if isinstance(mod, str) else ''
    if t is types.FunctionType:
        # Not __module__: functools.wraps copies it (Pyodide's asyncio.run says 'asyncio.runners').
        mod = o.__globals__.get('__name__')
        return mod if isinstance(mod, str) else ''
    if t in (types.BuiltinFunctionType, types.MethodType):
        mod = getattr(o, '__module__', None)
        if isinstance(mod, str):
            return mod
        owner = getattr(o, '__self__', None)
        if isinstance(owner, types.ModuleType):
            return owner.__name__
        return ''
    mod = _TYPE_MODULE(t, type)
    return mod if isinstance(mod, str) else ''


def _is_jsproxy(o):
    """A JsProxy (any of Pyodide's JsProxy classes), found by its type's module."""
    t = type(o)
    return _TYPE_MODULE(t, type) == 'pyodide.ffi' or t.__name__.startswith('JsProxy')


def _taints(o):
    """Whether `o` itself is something of Pyodide's (a JsProxy, a module, a function...)."""
    if is_blocked(_module_of(o)):
        return True
    # Pyodide's C types without a module (Js2PyConverter, JsFuncSignature...) and their
    # instances; CPython has no builtin type named Js*.
    t = o if isinstance(o, type) else type(o)
    return t.__name__.startswith('Js') and _TYPE_MODULE(t, type) == 'builtins'


def _reaches_js(o):
    """Whether `o` is, or directly holds, one of Pyodide's objects (checked one level deep)."""
    if _taints(o):
        return True
    t = type(o)
    if t is dict:
        name = o.get('__name__')
        if isinstance(name, str) and is_blocked(name):
            return True
        if len(o) > 10_000:
            return False
        return any(_taints(v) for v in o.values())
    if t in (list, tuple, set, frozenset):
        if len(o) > 10_000:
            return False
        return any(_taints(v) for v in o)
    if t is types.CellType:
        try:
            return _taints(o.cell_contents)
        except ValueError:
            return False
    if t is types.MethodType:
        return _taints(o.__self__) or _taints(o.__func__)
    return False


def guard(on_heap_walk=None):
    """A context manager: the sandbox is up inside it.  Not reentrant; one per run.
    `on_heap_walk` is called before a program walks the heap through gc (see _runner)."""
    return _Guard(on_heap_walk)
