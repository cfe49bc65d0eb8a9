// The fidelity corpus: every tests/corpus/NN_name.py runs through the Loopscope engine and must
// print exactly the stdout, and end with exactly the exit status, that real CPython did
// (tests/corpus/NN_name.out and .status, made by scripts/corpus-expected.sh).
// One subtest per program, so a failure names the program. Pyodide boots once for the file.
//
// Run: node --import tsx --test tests/py/corpus.test.mjs
// Each program runs twice: traced (what the page shows) and untraced (the CLI's --no-trace
// path); both must print what CPython printed.
// Env: CORPUS=16,41 runs only programs whose name starts with one of those prefixes;
//      CORPUS_TRACE=1 (or 0) runs only the traced (or untraced) mode.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';
import { installEngine, runProgram } from '../../src/runtime/engine.ts';
import { pythonFiles } from '../../src/runtime/python-files.node.ts';
import { describeMismatch, listCorpus } from './corpus-helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const only = (process.env.CORPUS ?? '').split(',').filter(Boolean);
const modes = [
  { trace: true, suffix: '' },
  { trace: false, suffix: ' (no trace)' },
].filter((m) => !process.env.CORPUS_TRACE || String(Number(m.trace)) === process.env.CORPUS_TRACE);
const programs = listCorpus(path.join(root, 'tests/corpus')).filter(
  (p) => only.length === 0 || only.some((prefix) => p.name.startsWith(prefix)),
);

let pyodide;

before(async () => {
  pyodide = await loadPyodide();
  installEngine(pyodide, pythonFiles());
});

test('the corpus is big enough to mean something', () => {
  // Guards against a glob or path mistake silently turning the suite into zero checks.
  if (only.length === 0) assert.ok(programs.length >= 45, `only ${programs.length} programs`);
  for (const p of programs) {
    if (p.expectedStatus !== null) {
      assert.match(p.expectedStatus, /^[01]$/, `${p.name}.status must be 0 or 1`);
    }
  }
});

for (const { trace, suffix } of modes) {
  for (const program of programs) {
    test(`${program.name}${suffix}`, () => {
      const result = runProgram(pyodide, program.source, {
        filename: `${program.name}.py`,
        trace,
      });
      const problem = describeMismatch(program, {
        stdout: result.stdout,
        status: String(result.exitCode),
        stderr: result.stderr,
        outcome: `${result.outcome} ${result.outcomeDetail}`,
      });
      if (problem) assert.fail(problem);
    });
  }
}
