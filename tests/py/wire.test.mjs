// The recorder's wire rows (WIRE_* in _recorder.py): folded runs of events that engine.ts
// (src/runtime/wire.ts) writes out again. Both sides must agree on the kinds, the Python and
// TypeScript expansions must give the same events, and a fold must never join events that were
// not back to back at one time, in one task, on one line.
// Run: node --import tsx --test tests/py/wire.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventKind as K } from '../../src/trace/schema.ts';
import * as wire from '../../src/runtime/wire.ts';
import { engine, eventsOf, run } from './engine-helpers.mjs';

const SLEEPS = `import asyncio

async def worker(i):
    for k in range(3):
        await asyncio.sleep(0.1 * (i % 2 + 1))
    return i

async def main():
    print(await asyncio.gather(*(worker(i) for i in range(4))))

asyncio.run(main())
`;

// Time moves inside a line (time.sleep), a task is cancelled, an eager task runs its first
// step inside another task's, and a wait is on a lock: the paths around the folds.
const MIXED = `import asyncio, time

async def child(lock):
    async with lock:
        await asyncio.sleep(1)

async def main():
    lock = asyncio.Lock()
    a = 1
    time.sleep(0.5)
    b = 2
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    t1 = asyncio.create_task(child(lock))
    t2 = asyncio.create_task(child(lock))
    await asyncio.sleep(0)
    t2.cancel()
    await asyncio.gather(t1, t2, return_exceptions=True)
    print(a + b)

asyncio.run(main())
`;

test('Python and TypeScript agree on the wire kinds', async () => {
  const py = await engine();
  const extra = JSON.parse(
    py.runPython(`
import json
from loopscope import _recorder
json.dumps({k: v for k, v in _recorder.WIRE_EXTRA.items()})
`),
  );
  assert.deepEqual(
    Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, v])),
    Object.fromEntries(Object.entries(wire.WIRE_EXTRA).map(([k, v]) => [String(k), v])),
  );
  const names = JSON.parse(
    py.runPython(`
import json
from loopscope import _recorder
json.dumps({n: getattr(_recorder, n) for n in dir(_recorder) if n.startswith('WIRE_') and n != 'WIRE_EXTRA'})
`),
  );
  for (const [name, value] of Object.entries(names)) assert.equal(wire[name], value, name);
  assert.equal(Object.keys(names).length, Object.keys(wire.WIRE_EXTRA).length);
});

// Each program with the most rows per event it may take (the benchmark of 10,000 sleeping tasks
// has 0.58).
for (const [label, source, most] of [
  ['sleeps', SLEEPS, 0.8],
  ['time.sleep, eager tasks, a cancel and a lock', MIXED, 0.95],
]) {
  test(`expand_wire in Python gives the events engine.ts gives (${label})`, async () => {
    const py = await engine();
    const r = await run(source, { filename: 'main.py' });
    assert.equal(r.exitCode, 0, r.stderr);
    py.globals.set('SOURCE', source);
    const [rows, events] = JSON.parse(
      py.runPython(`
import json
from loopscope._runner import run as _run
from loopscope._recorder import expand_wire, fill_chains
_cols = _run(SOURCE, 'main.py').columns
_rows = len(_cols['events']) // 7
_strings, _events = fill_chains(list(_cols['strings']), expand_wire(_cols['events']), _cols['chain_raw'], _cols['chains'])
json.dumps([_rows, _events])
`),
    );
    const e = r.trace.events;
    const flat = [];
    for (let i = 0; i < e.kind.length; i++) {
      flat.push(e.kind[i], e.time[i], e.task[i], e.line[i], e.a[i], e.b[i], e.c[i]);
    }
    assert.deepEqual(events, flat);
    // The folds happen.
    assert.ok(rows < e.kind.length * most, `${rows} rows for ${e.kind.length} events`);
    assert.equal(r.stats.events, e.kind.length);
  });
}

test('lines are folded only when nothing came between them: the clock moved by time.sleep splits them', async () => {
  const r = await run(MIXED, { filename: 'main.py' });
  const e = r.trace.events;
  const at = (line) => eventsOf(r.trace, K.LINE).filter((i) => e.line[i] === line);
  // `a = 1` (line 9) at 0 s; `time.sleep(0.5)` moves the clock during line 10; `b = 2` at 0.5 s.
  assert.deepEqual(
    at(9).map((i) => e.time[i]),
    [0],
  );
  assert.deepEqual(
    at(11).map((i) => e.time[i]),
    [0.5],
  );
  // Every step's cause is a FUTURE_DONE or CANCEL_REQUESTED event, as the schema says.
  for (const i of eventsOf(r.trace, K.TASK_STEP_START)) {
    const c = e.c[i];
    if (c < 0) continue;
    assert.ok(
      [K.FUTURE_DONE, K.CANCEL_REQUESTED].includes(e.kind[c]),
      `cause of ${i} is ${e.kind[c]}`,
    );
    assert.ok(c < i);
  }
});
