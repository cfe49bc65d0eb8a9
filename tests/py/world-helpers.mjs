// Shared by the world tests: boot Pyodide once per test file and run programs through the engine
// (src/runtime/engine.ts), returning the world's events in an easy-to-assert shape.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');

const KIND_NAMES = {
  8: 'LOOP_BLOCKED',
  40: 'RESOURCE_CREATED',
  43: 'RESOURCE_WAIT',
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

/**
 * Checks shared by the engine and CLI runs of tests/world/flags.py, whose completion order may
 * vary between runs in one Pyodide instance (see docs/simulated-world.md).
 */
export function checkFlags(stdout) {
  const lines = stdout.trim().split('\n');
  const countries = 'CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR'.split(' ');
  assert.deepEqual(lines.slice(0, 20).sort(), countries.map((cc) => `${cc} ok`).sort());
  const summary = lines[20].match(/^20 flags downloaded in (\d+\.\d\d)s$/);
  assert.ok(summary, lines[20]);
  // 20 requests of 50-150 ms, at most 5 at a time: at least 4 rounds, well under 20 x 150 ms
  const elapsed = Number(summary[1]);
  assert.ok(elapsed >= 0.2 && elapsed <= 0.75, `elapsed ${elapsed}`);
  assert.equal(lines[21], '20 files saved');
}
