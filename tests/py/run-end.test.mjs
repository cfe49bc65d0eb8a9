// RUN_END's task and line: where the program was when the run was stopped (the line a runaway
// loop was on, so the debugger's last step shows it), and no task or line for a run that ended
// by itself or in a deadlock (the loop was idle).
// Run: node --import tsx --test tests/py/run-end.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventKind as K, Outcome } from '../../src/trace/schema.ts';
import { run } from './engine-helpers.mjs';

function runEnd(trace) {
  const e = trace.events;
  const i = e.kind.length - 1;
  assert.equal(e.kind[i], K.RUN_END);
  return { task: e.task[i], line: e.line[i], outcome: e.a[i] };
}

test('a CPU loop stopped by a budget ends on its task and line', async () => {
  const r = await run(
    `import asyncio

async def spin():
    n = 0
    while True:
        n += 1

async def main():
    await asyncio.create_task(spin(), name='spinner')

asyncio.run(main())
`,
    { filename: 'main.py', maxEvents: 5000 },
  );
  const end = runEnd(r.trace);
  assert.equal(end.outcome, Outcome.LIMIT_EVENTS);
  assert.ok([5, 6].includes(end.line), `line ${end.line}`);
  assert.equal(r.trace.strings[r.trace.tasks.name[end.task]], 'spinner');
});

test('module-level code stopped by a budget ends on its line, outside any task', async () => {
  const r = await run('n = 0\nwhile True:\n    n += 1\n', { filename: 'main.py', maxEvents: 3000 });
  const end = runEnd(r.trace);
  assert.equal(end.outcome, Outcome.LIMIT_EVENTS);
  assert.equal(end.task, -1);
  assert.ok([2, 3].includes(end.line), `line ${end.line}`);
});

test('a finished run and a deadlock end on no task and no line', async () => {
  const done = await run('import asyncio\nasyncio.run(asyncio.sleep(1))\n', {
    filename: 'main.py',
  });
  assert.deepEqual(runEnd(done.trace), { task: -1, line: 0, outcome: Outcome.OK });
  const stuck = await run(
    'import asyncio\nasync def main():\n    await asyncio.Event().wait()\nasyncio.run(main())\n',
    { filename: 'main.py' },
  );
  assert.deepEqual(runEnd(stuck.trace), { task: -1, line: 0, outcome: Outcome.DEADLOCK });
});
