// Shared by the world tests: boot Pyodide once per test file and run programs through either
// the real engine (src/runtime/engine.ts, when it exists) or the fixture loop in world_fixture.py.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
const pyRoot = path.join(root, 'src/python');
const SITE = '/home/pyodide/world-test-lib';

function pythonFiles(dir, prefix = '') {
  const out = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, pythonFiles(path.join(dir, entry.name), rel));
    else if (entry.name.endsWith('.py'))
      out[rel] = fs.readFileSync(path.join(dir, entry.name), 'utf8');
  }
  return out;
}

/** Boot Pyodide with src/python and the fixture engine on sys.path. */
export async function bootFixture() {
  const pyodide = await loadPyodide();
  const files = pythonFiles(pyRoot);
  files['world_fixture.py'] = fs.readFileSync(path.join(here, 'world_fixture.py'), 'utf8');
  for (const [rel, text] of Object.entries(files)) {
    const full = `${SITE}/${rel}`;
    pyodide.FS.mkdirTree(path.posix.dirname(full));
    pyodide.FS.writeFile(full, text);
  }
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(SITE)})`);
  pyodide.runPython('import world_fixture');
  return {
    pyodide,
    /**
     * Run a program on the fixture loop.  Returns stdout/stderr/status/notes and `events`,
     * a map from event-kind name to [time, line, a, b, c] rows, with strings resolved.
     */
    run(source) {
      pyodide.globals.set('__src', source);
      const json = pyodide.runPython(`
import json as _json, world_fixture as _wf
from loopscope import schema as _S
_r = _wf.run(__src)
_names = {v: k for k, v in vars(_S).items() if k.startswith(('NET_', 'WORKER_')) or k in ('WARNING', 'LOOP_BLOCKED', 'EXCEPTION', 'RESOURCE_CREATED')}
_ev = {}
_res = []
for _loop in _r['loops']:
    _rec = _loop._recorder
    for _e in _rec.events:
        _ev.setdefault(_names.get(_e[0], str(_e[0])), []).append(list(_e[1:]))
    _ev.setdefault('strings', []).extend(_rec.strings)
    _res.extend(list(x) for x in _rec.resources)
_json.dumps({'stdout': _r['stdout'], 'stderr': _r['stderr'], 'status': _r['status'],
             'notes': _r['notes'], 'events': _ev, 'resources': _res})
`);
      return JSON.parse(json);
    },
  };
}

const KIND_NAMES = {
  8: 'LOOP_BLOCKED',
  40: 'RESOURCE_CREATED',
  62: 'EXCEPTION',
  63: 'WARNING',
  70: 'NET_LISTEN',
  71: 'NET_CONNECT',
  72: 'NET_ACCEPT',
  73: 'NET_SEND',
  74: 'NET_RECV',
  75: 'NET_CLOSE',
  80: 'WORKER_START',
  81: 'WORKER_END',
  90: 'RUN_END',
};

/**
 * Boot Pyodide with the real engine (src/runtime/engine.ts).  `run` returns the same shape as
 * the fixture's (events keyed by kind name as [time, line, a, b, c], strings, resources as
 * [kind, name, line, capacity]) plus the engine's own result as `result`.
 */
export async function bootEngine() {
  const { installEngine, runProgram } = await import('../../src/runtime/engine.ts');
  const { pythonFiles: engineFiles } = await import('../../src/runtime/python-files.node.ts');
  const pyodide = await loadPyodide();
  installEngine(pyodide, engineFiles());
  return {
    pyodide,
    run(source, options = {}) {
      const result = runProgram(pyodide, source, options);
      const { trace } = result;
      const ev = trace.events;
      const events = { strings: trace.strings };
      for (let i = 0; i < ev.kind.length; i++) {
        const name = KIND_NAMES[ev.kind[i]];
        if (!name) continue;
        (events[name] ??= []).push([ev.time[i], ev.line[i], ev.a[i], ev.b[i], ev.c[i]]);
      }
      const res = trace.resources;
      const resources = [];
      for (let i = 0; i < res.kind.length; i++) {
        resources.push([res.kind[i], trace.strings[res.name[i]], res.line[i], res.capacity[i]]);
      }
      return {
        stdout: result.stdout,
        stderr: result.stderr,
        status: result.exitCode,
        events,
        resources,
        result,
      };
    },
  };
}

/** The real engine once src/runtime/engine.ts exists, else the fixture (same `run` shape). */
export async function boot() {
  if (fs.existsSync(path.join(root, 'src/runtime/engine.ts'))) return bootEngine();
  return bootFixture();
}

/** Rows of one event kind, as [time, line, a, b, c]. */
export function rows(run, kind) {
  return run.events[kind] ?? [];
}

/** The string-table text of an index found in an event argument. */
export function str(run, index) {
  return run.events.strings[index];
}
