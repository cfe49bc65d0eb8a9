// The "done when" programs of the simulated world (tests/world/*.py), in the style of the classic
// asyncio books, run unchanged through the CLI (bin/loopscope.mjs), a fresh Node process each.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { checkFlags, root } from './world-helpers.mjs';

const exec = promisify(execFile);
const programs = path.join(root, 'tests/world');
const expected = (name) => fs.readFileSync(path.join(programs, `${name}.expected`), 'utf8');
// The working directory the programs run in: the CLI lets them write there (flags.py saves its
// images to downloaded/), so not the repository's.
const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopscope-world-cli-'));

/** Run a program through bin/loopscope.mjs; resolves with its output and exit status. */
async function cli(name, ...flags) {
  const args = [path.join(root, 'bin/loopscope.mjs'), 'run', path.join(programs, `${name}.py`)];
  try {
    const { stdout, stderr } = await exec(process.execPath, [...args, ...flags], {
      cwd: workdir,
      timeout: 120_000,
      maxBuffer: 16 << 20,
    });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    if (typeof err.code !== 'number') throw err;
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

describe('classic programs through the CLI', () => {
  for (const name of ['spinner', 'chain', 'guess']) {
    it(`${name} prints the same bytes and exits 0`, async () => {
      const out = await cli(name);
      assert.equal(out.stderr, '');
      assert.equal(out.code, 0);
      assert.equal(out.stdout, expected(name));
    });
  }

  it('flags downloads all twenty and exits 0', async () => {
    const out = await cli('flags');
    assert.equal(out.stderr, '');
    assert.equal(out.code, 0);
    checkFlags(out.stdout);
  });

  it('prints the same with --no-trace', async () => {
    const out = await cli('guess', '--no-trace');
    assert.equal(out.stderr, '');
    assert.equal(out.code, 0);
    assert.equal(out.stdout, expected('guess'));
  });
});
