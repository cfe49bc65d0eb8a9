// bin/cli.ts reads the program's own exit status from the run's detail (exitStatus); this runs
// the real command once, so a change in how the engine words `sys.exit(3)` shows up here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

it('`loopscope run` ends with the status sys.exit gave, as python3 does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-cli-exit-'));
  const file = join(dir, 'exit3.py');
  writeFileSync(
    file,
    'import asyncio, sys\n\nasync def main():\n    print("bye")\n    sys.exit(3)\n\nasyncio.run(main())\n',
  );
  const bin = resolve(__dirname, '../../bin/loopscope.mjs');
  const r = spawnSync(process.execPath, [bin, 'run', file], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stdout).toBe('bye\n');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(3);
}, 90_000);
