// Golden traces: each tests/golden/NAME.py is run through the engine and its trace, as Loopscope
// JSON with wallMs zeroed, must equal tests/golden/NAME.trace.json byte for byte. The TypeScript
// decoder's tests read the same files, so the two sides of the schema cannot drift.
// Regenerate after an intended change with: UPDATE_GOLDEN=1 node --import tsx --test tests/py/golden.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { comparableJson, run } from './engine-helpers.mjs';

const dir = fileURLToPath(new URL('../golden/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const programs = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.py'))
  .sort();

test('there are golden programs', () => {
  assert.ok(programs.length >= 4, `only ${programs.length} golden programs in ${dir}`);
});

for (const file of programs) {
  test(`golden trace: ${file}`, async () => {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    const result = await run(source, { filename: 'main.py' });
    const json = comparableJson(result.trace);
    const target = path.join(dir, file.replace(/\.py$/, '.trace.json'));
    if (update || !fs.existsSync(target)) {
      if (!update) assert.fail(`${target} is missing; run with UPDATE_GOLDEN=1 to create it`);
      fs.writeFileSync(target, json);
      return;
    }
    const expected = fs.readFileSync(target, 'utf8');
    if (json !== expected) {
      const a = json.split('\n');
      const b = expected.split('\n');
      const i = a.findIndex((line, k) => line !== b[k]);
      assert.fail(
        `${file}: trace differs from ${path.basename(target)} at line ${i + 1}\n` +
          `  got:      ${String(a[i]).slice(0, 300)}\n  expected: ${String(b[i]).slice(0, 300)}\n` +
          'If the change is intended, regenerate with UPDATE_GOLDEN=1.',
      );
    }
  });
}
