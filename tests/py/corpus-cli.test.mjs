// The CLI on corpus programs: `node bin/loopscope.mjs run FILE` must write exactly CPython's
// stdout (bytes, not just text) and exit with CPython's status. Three programs, picked for what
// they exercise at the process boundary: the classic get_event_loop style, an uncaught exception
// (status 1, traceback on stderr) and unicode/partial writes with stderr kept apart.
//
// Run: node --import tsx --test tests/py/corpus-cli.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { describeMismatch, listCorpus } from './corpus-helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'bin/loopscope.mjs');
// The CLI lets a program write to its working directory: a temporary one, not the repository.
const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopscope-corpus-cli-'));
const byName = new Map(listCorpus(path.join(root, 'tests/corpus')).map((p) => [p.name, p]));

/** Runs the CLI; resolves with raw stdout bytes, stderr text and the exit status. */
function runCli(args) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: workdir, encoding: 'buffer', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // A non-zero exit is a result to compare; only a failure to run at all is an error.
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ stdout, stderr: stderr.toString('utf8'), status: error ? error.code : 0 });
      },
    );
  });
}

async function checkProgram(name, extraArgs = []) {
  const program = byName.get(name);
  assert.ok(program, `corpus program ${name} is missing`);
  const out = await runCli(['run', program.file, ...extraArgs]);
  const problem = describeMismatch(program, {
    stdout: out.stdout.toString('utf8'),
    status: String(out.status),
    stderr: out.stderr,
  });
  if (problem) assert.fail(problem);
  // Byte for byte: the text comparison above would not see an encoding slip.
  assert.ok(out.stdout.equals(Buffer.from(program.expectedStdout, 'utf8')), 'stdout bytes differ');
  return out;
}

test('CLI: classic module-level get_event_loop program', async () => {
  await checkProgram('04_get_event_loop_module');
});

test('CLI: uncaught exception exits 1 with the traceback on stderr', async () => {
  const out = await checkProgram('48_uncaught_exception');
  assert.match(out.stderr, /Traceback \(most recent call last\):/);
  assert.match(out.stderr, /ValueError: deep failure/);
});

test('CLI: unicode and partial writes byte for byte, stderr kept apart', async () => {
  const out = await checkProgram('70_output_unicode');
  assert.match(out.stderr, /to stderr/);
});

test('CLI: the same output with --no-trace', async () => {
  await checkProgram('70_output_unicode', ['--no-trace']);
});
