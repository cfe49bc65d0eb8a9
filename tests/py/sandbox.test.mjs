// The Python sandbox (src/python/loopscope/_sandbox.py) through the engine: user code cannot
// import Pyodide's bridges to JavaScript, by any of the routes a curious reader would try, and
// finds no JsProxy by walking the engine's objects or the heap. The engine itself still works
// afterwards (the worker and the CLI need `js`/`pyodide` back between runs).
// Run: node --import tsx --test tests/py/sandbox.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Outcome } from '../../src/trace/schema.ts';
import { engine, run } from './engine-helpers.mjs';

const WHY = /not allowed: Loopscope runs your program in a sandbox without access to the page/;

/** Runs `body` (Python printing one line per check) and returns stdout's lines. */
async function lines(body, options = {}) {
  const r = await run(body, options);
  assert.equal(r.stderr, '', r.stderr);
  assert.equal(r.outcome, Outcome.OK);
  return r.stdout.trim().split('\n');
}

test('each blocked module fails to import with the sandbox message', async () => {
  for (const name of [
    'js',
    'pyodide',
    'pyodide.ffi',
    'pyodide.http',
    'pyodide.code',
    'pyodide.webloop',
    'pyodide_js',
    '_pyodide',
    '_pyodide._importhook',
    '_pyodide_core',
    'micropip',
    'ctypes',
    '_ctypes',
  ]) {
    const r = await run(`import ${name}\n`);
    assert.equal(r.outcome, Outcome.EXCEPTION, name);
    assert.match(r.stderr, /ModuleNotFoundError: import of '[\w.]+' is not allowed/, name);
    assert.match(r.stderr, WHY, name);
    assert.match(r.stderr, /virtual internet/, name);
  }
  const r = await run('from pyodide.ffi import to_js\n');
  assert.match(r.stderr, WHY);
});

test('the routes around `import` are refused as well', async () => {
  const out = await lines(`
import sys, builtins, importlib, importlib.util

def attempt(label, fn):
    try:
        got = fn()
    except ImportError as e:
        print(label, "refused", "sandbox" in str(e))
    else:
        print(label, "GOT", type(got).__name__)

print("sys.modules js", sys.modules.get("js"), "pyodide" in sys.modules, "_pyodide_core" in sys.modules)
attempt("importlib", lambda: importlib.import_module("js"))
attempt("importlib sub", lambda: importlib.import_module("pyodide.ffi"))
attempt("__import__", lambda: __import__("pyodide.ffi"))
attempt("builtins", lambda: builtins.__import__("js"))
attempt("find_spec", lambda: importlib.util.find_spec("js"))
attempt("find_spec core", lambda: importlib.util.find_spec("_pyodide_core"))
attempt("exec", lambda: exec("import js"))
print("finders", [type(f).__name__ for f in sys.meta_path if "pyodide" in type(f).__module__])
# Take the sandbox's finder out, then try again by every route.
sys.meta_path[:] = [f for f in sys.meta_path if "sandbox" not in repr(f)]
attempt("no finder import", lambda: __import__("js"))
attempt("no finder importlib", lambda: importlib.import_module("_pyodide_core"))
attempt("no finder find_spec", lambda: importlib.util.find_spec("js"))
del sys.modules["builtins"]
attempt("builtins gone", lambda: __import__("pyodide"))
attempt("relative", lambda: __import__("ffi", {"__package__": "pyodide"}, None, ("to_js",), 1))
# Below the finders: build the builtin module from scratch.
import _imp, importlib.machinery as m
attempt("create_builtin", lambda: _imp.create_builtin(m.ModuleSpec("_pyodide_core", None)))
del sys.modules["gc"]
import gc
print("fresh gc", [type(o).__name__ for o in gc.get_objects() if type(o).__name__.startswith("Js")])
`);
  assert.deepEqual(out, [
    'sys.modules js None False False',
    'importlib refused True',
    'importlib sub refused True',
    '__import__ refused True',
    'builtins refused True',
    'find_spec refused True',
    'find_spec core refused True',
    'exec refused True',
    'finders []',
    'no finder import refused True',
    'no finder importlib refused True',
    // Without Pyodide's JsFinder nothing can find `js` at all.
    'no finder find_spec GOT NoneType',
    'builtins gone refused True',
    'relative refused True',
    'create_builtin refused True',
    'fresh gc []',
  ]);
});

// What a reader looking for a way out would walk: the engine's own objects, the heap, frames.
const WALK = `
import asyncio, gc, sys, types

def jsish(o):
    t = type(o)
    mod = getattr(t, "__module__", "") or ""
    return t.__name__.startswith("Js") or mod.split(".")[0] in (
        "js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core", "ctypes", "_ctypes")

def walk(roots, limit=20_000):
    """Breadth-first over attributes and gc referents; returns what looks like Pyodide's."""
    seen, found, todo = set(), [], list(roots)
    while todo and len(seen) < limit:
        o = todo.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        if jsish(o) or (isinstance(o, types.ModuleType) and jsish_mod(o)):
            found.append(repr(type(o)))
            continue
        for r in gc.get_referents(o):
            if not isinstance(r, (int, float, str, bytes)):
                todo.append(r)
    return found

def jsish_mod(m):
    return (getattr(m, "__name__", "") or "").split(".")[0] in (
        "js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core", "ctypes", "_ctypes")

async def main():
    loop = asyncio.get_running_loop()
    rec = loop._recorder
    roots = [loop, rec, type(loop), asyncio.sleep, asyncio.run, asyncio.wait, asyncio.Task,
             asyncio.current_task(), sys.stdout, sys.stderr, sys.modules["loopscope"]]
    print("engine objects", walk(roots))
    print("loop module globals", walk([sys.modules[type(loop).__module__].__dict__]))
    print("gc objects", [repr(type(o)) for o in gc.get_objects() if jsish(o) or
                         (isinstance(o, types.ModuleType) and jsish_mod(o))][:5])
    print("gc dicts with a JsProxy", sum(1 for o in gc.get_objects()
          if type(o) is dict and any(jsish(v) for v in list(o.values()))))
    f, frames = sys._getframe(), []
    while f is not None:
        frames.append(f)
        f = f.f_back
    print("frame globals", sorted({n for f in frames for n, v in f.f_globals.items()
                                   if isinstance(v, types.ModuleType) and jsish_mod(v)}))
    print("frame walk", walk([fr.f_globals for fr in frames])[:3])
    # By attributes, not gc: Pyodide objects in the runner's locals (the WebLoop set aside, the
    # saved __main__) and the namespaces their functions see hold no JsProxy and no FFI function.
    spaces = []
    for fr in frames:
        for v in list(fr.f_locals.values()):
            if isinstance(v, types.ModuleType):
                spaces.append(vars(v))
            for name in dir(type(v)):
                fn = getattr(type(v), name, None)
                if isinstance(fn, types.FunctionType):
                    spaces.append(fn.__globals__)
    bad = sorted({k for sp in spaces for k, v in list(sp.items()) if jsish(v) or
                  (isinstance(v, types.BuiltinFunctionType) and
                   str(getattr(v, "__module__", "")).split(".")[0] in ("_pyodide_core", "pyodide"))})
    print("namespaces", len(spaces) > 0, bad)

asyncio.run(main())
`;

test('the engine objects, the heap and the frames show no JsProxy and no Pyodide module', async () => {
  // Untraced: the walk runs a lot of lines, and what it looks at is the same either way.
  const out = await lines(WALK, { trace: false, maxWallTime: 120 });
  assert.deepEqual(out, [
    'engine objects []',
    'loop module globals []',
    'gc objects []',
    'gc dicts with a JsProxy 0',
    'frame globals []',
    'frame walk []',
    'namespaces True []',
  ]);
});

test('after the run Pyodide has its modules and finders back, and output hooks still work', async () => {
  const pyodide = await engine();
  const seen = [];
  await run('import js\n', {}, { onStderr: (t) => seen.push(t) });
  assert.match(seen.join(''), WHY);
  const back = pyodide.runPython(`
import sys, gc
import js, pyodide.ffi
[type(js).__name__, 'pyodide' in sys.modules,
 any('JsFinder' in type(f).__name__ for f in sys.meta_path),
 not any('sandbox' in repr(f) for f in sys.meta_path),
 __import__ is __builtins__['__import__'] if isinstance(__builtins__, dict) else True,
 gc.get_objects.__module__ if hasattr(gc.get_objects, '__module__') else 'gc']
`);
  const [jsType, hasPyodide, finder, noSandboxFinder] = back.toJs();
  back.destroy();
  assert.match(jsType, /JsProxy/);
  assert.equal(hasPyodide, true);
  assert.equal(finder, true);
  assert.equal(noSandboxFinder, true);
  const plain = pyodide.runPython('import gc; type(gc.get_objects).__name__');
  assert.equal(plain, 'builtin_function_or_method');
  // A program that tampers with the import system cannot leave the sandbox's patches behind.
  const r = await run('import sys, builtins\nsys.meta_path.clear()\nprint("ok")\n');
  assert.equal(r.stdout, 'ok\n');
  const next = await run('import asyncio, json\nprint(json.dumps([1]))\n');
  assert.equal(next.stdout, '[1]\n');
});

test('ordinary programs and `import loopscope` are untouched by the sandbox', async () => {
  const out = await lines(`
import asyncio, gc, importlib, loopscope, json
print(importlib.import_module("json").dumps({"a": 1}))
print(len(gc.get_referrers(json)) > 0, len(gc.get_objects()) > 100)
async def main():
    await asyncio.sleep(1)
    print("slept", asyncio.get_running_loop().time())
asyncio.run(main())
`);
  assert.deepEqual(out, ['{"a": 1}', 'True True', 'slept 1.0']);
});

test('a raised recursion limit is capped, so deep recursion stays a RecursionError', async () => {
  const r = await run(
    'import sys\nsys.setrecursionlimit(1_000_000)\nprint(sys.getrecursionlimit())\ndef down(n):\n    return down(n + 1) + 1\ntry:\n    down(0)\nexcept RecursionError as e:\n    print(e)\n',
  );
  assert.equal(r.stdout, '2000\nmaximum recursion depth exceeded\n');
  const pyodide = await engine();
  assert.equal(pyodide.runPython('import sys; sys.getrecursionlimit()'), 1000);
});

test('no hook set by a program runs after it, outside the sandbox', async () => {
  const r = await run(`import sys
def hook(*args):
    return None
try:
    sys.addaudithook(hook)
except RuntimeError as e:
    print("audit:", "not available" in str(e))
sys.settrace(hook)
sys.setprofile(hook)
sys.monitoring.use_tool_id(5, "mine")
sys.monitoring.register_callback(5, sys.monitoring.events.CALL, hook)
sys.monitoring.set_events(5, sys.monitoring.events.CALL)
print("set")
`);
  assert.equal(r.stdout, 'audit: True\nset\n');
  const pyodide = await engine();
  const left = pyodide.runPython(
    'import sys; [sys.gettrace() is None, sys.getprofile() is None, sys.monitoring.get_tool(5)]',
  );
  assert.deepEqual(left.toJs(), [true, true, undefined]);
  left.destroy();
});
