// Shared by the engine's Node tests: one Pyodide per test file, with the engine installed.
import { loadPyodide } from 'pyodide';
import { HASH_SEED, installEngine, runProgram } from '../../src/runtime/engine.ts';
import { pythonFiles } from '../../src/runtime/python-files.node.ts';
import { traceToJson } from '../../src/trace/json.ts';

let booting = null;

/** The file's Pyodide with the engine installed (loaded once: it takes about 2 s). */
export function engine() {
  booting ??= (async () => {
    const pyodide = await loadPyodide({ env: { PYTHONHASHSEED: HASH_SEED } });
    installEngine(pyodide, pythonFiles());
    return pyodide;
  })();
  return booting;
}

/** Runs a program and returns the engine's result. */
export async function run(source, options = {}, hooks = {}) {
  return runProgram(await engine(), source, options, hooks);
}

/**
 * The trace as Loopscope JSON with the one wall-clock field zeroed: the bytes that must be the
 * same for the same program and options (the determinism rule of docs/trace-format.md).
 */
export function comparableJson(trace) {
  return traceToJson({ ...trace, meta: { ...trace.meta, wallMs: 0 } });
}

/** Event kinds by number, for readable assertions. */
export function kindsOf(trace) {
  return Array.from(trace.events.kind);
}

/** Indexes of events of one kind. */
export function eventsOf(trace, kind) {
  const out = [];
  trace.events.kind.forEach((k, i) => {
    if (k === kind) out.push(i);
  });
  return out;
}
