// Shared by the world tests: boot Pyodide once per test file and run programs through the engine
// (src/runtime/engine.ts), returning the world's events in an easy-to-assert shape.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');

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

/** The engine the world tests run on (a fixture loop served until the engine landed). */
export const boot = () => bootEngine();

/** Rows of one event kind, as [time, line, a, b, c]. */
export function rows(run, kind) {
  return run.events[kind] ?? [];
}

/** The string-table text of an index found in an event argument. */
export function str(run, index) {
  return run.events.strings[index];
}
