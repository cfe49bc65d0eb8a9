// When a finished task is freed: as in CPython, a task whose exception nobody retrieved is
// reported where the program drops its last reference, not when the run ends, and its traceback
// shows the program's frames only (no step frame of asyncio's Python task).
// Run: node --import tsx --test tests/py/task-lifetime.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './engine-helpers.mjs';

const PROGRAM = `import asyncio, sys

async def boom():
    raise ValueError('boom')

async def main():
    t = asyncio.create_task(boom())
    await asyncio.sleep(0.1)
    del t
    print('after del', file=sys.stderr)
    await asyncio.sleep(0.1)

asyncio.run(main())
`;

for (const trace of [true, false]) {
  test(`'Task exception was never retrieved' comes at del, traceback in user code (trace: ${trace})`, async () => {
    const r = await run(PROGRAM, { filename: 'main.py', trace });
    assert.equal(r.exitCode, 0);
    const warning = r.stderr.indexOf('Task exception was never retrieved');
    assert.ok(warning >= 0, r.stderr);
    assert.ok(warning < r.stderr.indexOf('after del'), r.stderr);
    assert.match(r.stderr, /File "main\.py", line 4, in boom\n {4}raise ValueError\('boom'\)\n/);
    assert.doesNotMatch(r.stderr, /asyncio[/\\]tasks\.py|__step_run_and_handle_result/);
  });
}

test('a failed task, its exception retrieved, is not reported', async () => {
  const r = await run(
    `import asyncio

async def boom():
    raise ValueError('boom')

async def main():
    t = asyncio.create_task(boom())
    await asyncio.sleep(0.1)
    print(repr(t.exception()))
    del t

asyncio.run(main())
`,
    { filename: 'main.py' },
  );
  assert.equal(r.stdout, "ValueError('boom')\n");
  assert.equal(r.stderr, '');
});
