// A Stop (the page's button, the CLI's watchdog) is a signal: CPython runs its handler where the
// interpreter checks for pending signals, which in a function that makes no loop is right after
// each call returns. The handler marks the trace's end (every table is cut at its length then) and
// raises. So when the loop records a handle (or the recorder a future, a task or a resource), a
// Stop after any call in the recording code must leave the row and its event (HANDLE_SCHEDULED,
// FUTURE_CREATED, TASK_CREATED, RESOURCE_CREATED) both kept or both dropped, and a future's new
// kind only with its label. list.extend is a call: a Stop after `handles.extend(row)` kept the row
// and dropped its event.
//
// The test delivers the Stop, through the engine's own handler, at each of those points of the
// scheduling methods in turn (a trace function stops at the instruction after each call), and
// checks the trace.
// Run: node --import tsx --test --test-timeout=600000 tests/py/handle-stop.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateTrace } from '../../src/trace/decode.ts';
import { buildIndex, stateAt } from '../../src/trace/index.ts';
import { EventKind as K, FutureKind, Outcome } from '../../src/trace/schema.ts';
import { engine, run } from './engine-helpers.mjs';

// Every kind of handle: task steps and wakeups, a plain callback soon, later and at a time, a
// threadsafe one, and asyncio.sleep's timer (its own path in call_later).
const PROGRAM = `import asyncio

def tick(n):
    pass

async def nap():
    await asyncio.sleep(0.01)

async def main():
    loop = asyncio.get_running_loop()
    for n in range(3):
        loop.call_soon(tick, n)
        loop.call_later(0.02, tick, n)
        loop.call_at(loop.time() + 0.03, tick, n)
        loop.call_soon_threadsafe(tick, n)
        await asyncio.gather(nap(), asyncio.sleep(0.02))
        # Resources, a TaskGroup's and a shield's futures (their kinds are set after creation).
        async with asyncio.Lock():
            pass
        async with asyncio.TaskGroup() as tg:
            tg.create_task(nap())
        await asyncio.shield(nap())
    print('done')

asyncio.run(main())
`;

// Arms a one-shot Stop at one instruction of one method, on its nth visit during the program
// (a Stop at another phase only marks the end, and these methods run in the setup too).
const INJECTOR = `
import dis, signal, sys
from loopscope import _futures, _loop, _recorder, _runner

_L = _loop.VirtualLoop
_R = _recorder.Recorder
METHODS = {
    '_call_soon': _L._call_soon,
    'call_soon_threadsafe': _L.call_soon_threadsafe,
    'call_later': _L.call_later,
    'call_at': _L.call_at,
    '_record_handle': _L._record_handle,
    'Future.__init__': _futures.Future.__init__,
    'new_task': _R.new_task,
    'resource': _R.resource,
    'set_future_kind': _R.set_future_kind,
}

def after_calls(code):
    """Offsets of the instructions that follow a call: where a pending signal is handled."""
    out = []
    prev = None
    for ins in dis.get_instructions(code):
        if prev is not None and prev.opname.startswith('CALL'):
            out.append(ins.offset)
        prev = ins
    return out

POINTS = [(name, off) for name, f in METHODS.items() for off in after_calls(f.__code__)]

class Arm:
    code = None
    offset = -1
    visit = 0
    seen = 0
    fired = False

ARM = Arm()

def _local(frame, event, arg):
    if event == 'opcode' and frame.f_lasti == ARM.offset and not ARM.fired:
        st = _runner._interrupt_target()
        if st is not None and st.phase == 'program':
            ARM.seen += 1
            if ARM.seen == ARM.visit:
                ARM.fired = True
                sys.settrace(None)
                # What the SIGINT handler does when the page presses Stop.
                _runner._on_sigint(signal.SIGINT, frame)
    return _local

def _global(frame, event, arg):
    if frame.f_code is ARM.code and not ARM.fired:
        frame.f_trace_opcodes = True
        return _local
    return None

def arm(name, offset, visit):
    ARM.code = METHODS[name].__code__
    ARM.offset = offset
    ARM.visit = visit
    ARM.seen = 0
    ARM.fired = False
    sys.settrace(_global)

def disarm():
    sys.settrace(None)
    return ARM.fired
`;

/** Problems in a stopped run's trace: table rows and events that lost their partner. */
function orphans(trace) {
  const problems = [];
  const e = trace.events;
  // Each table's rows, and the event that must come with each row (its row id in `a`).
  const tables = [
    ['handle', trace.handles.kind.length, K.HANDLE_SCHEDULED],
    ['future', trace.futures.kind.length, K.FUTURE_CREATED],
    ['task', trace.tasks.future.length, K.TASK_CREATED],
    ['resource', trace.resources.kind.length, K.RESOURCE_CREATED],
  ];
  for (const [name, rows, kind] of tables) {
    const seen = new Int32Array(rows);
    for (let i = 0; i < e.kind.length; i++) {
      if (e.kind[i] !== kind) continue;
      if (e.a[i] >= rows) problems.push(`event ${i} creates ${name} ${e.a[i]} past the table`);
      else seen[e.a[i]]++;
    }
    seen.forEach((count, r) => {
      if (count !== 1) problems.push(`${name} ${r} has ${count} events creating it`);
    });
  }
  // A future's kind is set with its label: a sleep's names the delay, a TaskGroup's and a
  // shield's their kind, never the "Future" every future starts with.
  const labels = {
    [FutureKind.SLEEP]: /^sleep\(/,
    [FutureKind.TASKGROUP]: /^TaskGroup$/,
    [FutureKind.SHIELD]: /^shield$/,
  };
  const f = trace.futures;
  for (let k = 0; k < f.kind.length; k++) {
    const want = labels[f.kind[k]];
    if (!want) continue;
    const label = f.label[k] >= 0 ? trace.strings[f.label[k]] : null;
    if (!want.test(label ?? ''))
      problems.push(`future ${k} of kind ${f.kind[k]} labelled ${label}`);
  }
  return problems;
}

test('a Stop after any call while a handle, future, task or resource is recorded keeps its row and event together', async () => {
  const pyodide = await engine();
  pyodide.runPython(INJECTOR);
  const points = pyodide.runPython('POINTS').toJs();
  assert.ok(points.length >= 10, `only ${points.length} stop points`);
  const { trace: whole } = await run(PROGRAM);
  assert.deepEqual(orphans(whole), []);
  const arm = pyodide.globals.get('arm');
  const disarm = pyodide.globals.get('disarm');
  const failures = [];
  let stopped = 0;
  for (const [name, offset] of points) {
    // The first visit, and one in the loop of main (task steps, wakeups and callbacks by then).
    for (const visit of [1, 7]) {
      const where = `${name} +${offset}, visit ${visit}`;
      arm(name, offset, visit);
      let r;
      try {
        r = await run(PROGRAM);
      } finally {
        disarm();
      }
      if (r.outcome !== Outcome.INTERRUPTED) {
        // Fewer visits than `visit` in this method: the program ran to its end.
        assert.equal(r.stdout, 'done\n', where);
        continue;
      }
      stopped++;
      assert.equal(r.stdout, '', where);
      assert.doesNotMatch(r.stderr, /Error|Exception ignored/, where);
      validateTrace(r.trace);
      // The page's state at the last step, which walks every handle the trace keeps.
      const index = buildIndex(r.trace);
      stateAt(index, r.trace.events.kind.length - 1);
      for (const problem of orphans(r.trace)) failures.push(`${where}: ${problem}`);
    }
  }
  arm.destroy();
  disarm.destroy();
  assert.deepEqual(failures, []);
  // Each method was stopped in at least once (the program reaches every one of them).
  assert.ok(stopped >= points.length, `${stopped} stopped runs for ${points.length} points`);
});
