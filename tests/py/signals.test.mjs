// Signals, os._exit, os.abort and subprocesses inside a run (src/python/loopscope/_signals.py).
// In Pyodide a real signal to itself or os._exit ends the interpreter; here they end only the run,
// and the same Pyodide goes on running programs. The programs' stdout against real CPython is
// checked by tests/corpus/90-93; these tests check what the corpus cannot: exit statuses,
// stderr, outcomes, the trace, and that nothing leaks into the next run.
// Run: node --import tsx --test tests/py/signals.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventKind as K, HandleKind, Outcome } from '../../src/trace/schema.ts';
import { closingStderrLine } from '../../src/app/run-end.ts';
import { engine, eventsOf, run } from './engine-helpers.mjs';

const lastEvent = (trace) => trace.events.kind.length - 1;

const REAL =
  'import os, signal; repr([id(f) for f in (os.kill, os._exit, os.abort, signal.signal)])';

test('a fatal signal ends the run, keeps its output and trace, and not the interpreter', async () => {
  const py = await engine();
  const real = py.runPython(REAL);
  const r = await run(`import os, signal
print("before")
os.kill(os.getpid(), signal.SIGUSR1)
print("after")
`);
  assert.equal(r.stdout, 'before\n');
  assert.equal(r.exitCode, 1);
  assert.equal(r.outcome, Outcome.EXCEPTION);
  assert.equal(r.outcomeDetail, 'killed by signal SIGUSR1');
  assert.match(r.stderr, /the program was killed by SIGUSR1 \(User defined signal 1\)/);
  assert.equal(r.trace.events.kind[lastEvent(r.trace)], K.RUN_END);
  assert.ok(eventsOf(r.trace, K.STDOUT).length >= 1, 'the output before the signal is traced');

  // The interpreter survived, the real functions are back, and the next run starts afresh.
  assert.equal(py.runPython(REAL), real);
  const next = await run('import signal\nprint(signal.getsignal(signal.SIGUSR1))\n');
  assert.equal(next.exitCode, 0, next.stderr);
  assert.equal(next.stdout, '0\n');
});

test('os._exit and os.abort end the run with their status, silently', async () => {
  const zero = await run(`import asyncio, os
async def forever():
    await asyncio.sleep(100)
async def main():
    asyncio.create_task(forever())
    await asyncio.sleep(0.5)
    print("exiting")
    os._exit(0)
asyncio.run(main())
`);
  assert.equal(zero.exitCode, 0, zero.stderr);
  assert.equal(zero.outcome, Outcome.OK);
  assert.equal(zero.outcomeDetail, 'os._exit(0)');
  assert.equal(zero.stdout, 'exiting\n');
  // Nothing ran after the exit: no "Task was destroyed but it is pending" for the sleeper.
  assert.equal(zero.stderr, '');

  const three = await run('import os\nos._exit(3)\n');
  assert.equal(three.exitCode, 1);
  assert.equal(three.outcomeDetail, 'os._exit(3)');

  const abort = await run('import os\nos.abort()\n');
  assert.equal(abort.exitCode, 1);
  assert.equal(abort.outcomeDetail, 'killed by signal SIGABRT');
});

test('loop.add_signal_handler schedules its callback on the loop, recorded as a handle', async () => {
  const r = await run(`import asyncio, os, signal
got = asyncio.Event()
def on_hup(tag):
    print("got", tag)
    got.set()
async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGHUP, on_hup, "hup")
    os.kill(os.getpid(), signal.SIGHUP)
    print("sent")
    # Not sleep(0): the handler runs two iterations after the signal, as through the self-pipe.
    await got.wait()
    print(loop.remove_signal_handler(signal.SIGHUP), loop.remove_signal_handler(signal.SIGHUP))
    try:
        loop.add_signal_handler(signal.SIGKILL, on_hup, "kill")
    except RuntimeError as exc:
        print(exc)
    try:
        loop.add_signal_handler(signal.SIGHUP, main)
    except TypeError as exc:
        print(exc)
asyncio.run(main())
`);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(
    r.stdout,
    'sent\ngot hup\nTrue False\nsig 9 cannot be caught\ncoroutines cannot be used with add_signal_handler()\n',
  );
  const { handles, strings } = r.trace;
  const onHup = [...handles.kind.keys()].filter(
    (h) => handles.kind[h] === HandleKind.THREADSAFE && strings[handles.descr[h]] === 'on_hup',
  );
  assert.equal(onHup.length, 1, 'the delivery is one threadsafe handle naming the callback');
  const started = eventsOf(r.trace, K.HANDLE_START).filter((i) => r.trace.events.a[i] === onHup[0]);
  assert.equal(started.length, 1);
});

// QA: the handler ran one or two loop iterations early, called as the signal arrived. In CPython
// the C handler writes to the loop's self-pipe; the pipe's reader joins the ready queue at the
// next iteration, after what was queued, and schedules the handler for the iteration after.
test('a loop signal handler runs as through the self-pipe: two iterations after the signal (QA)', async () => {
  const source = `import asyncio, os, signal

async def other():
    for i in range(4):
        print(f'other step {i}')
        await asyncio.sleep(0)

async def sender():
    os.kill(os.getpid(), signal.SIGUSR1)
    print('sent')

async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, lambda: print('handler ran'))
    await asyncio.gather(sender(), other())

asyncio.run(main())
`;
  const r = await run(source);
  assert.equal(r.exitCode, 0, r.stderr);
  // What CPython 3.13 prints, 3 runs of 3 (tests/corpus/127 checks more cases against it).
  assert.equal(
    r.stdout,
    'sent\nother step 0\nother step 1\nother step 2\nhandler ran\nother step 3\n',
  );

  const { handles, strings, events } = r.trace;
  const [pipe] = [...handles.kind.keys()].filter(
    (h) => strings[handles.descr[h]] === 'self_pipe.read_signals',
  );
  assert.ok(pipe !== undefined, "the self-pipe's reader is a handle of its own");
  assert.equal(handles.kind[pipe], HandleKind.AT, 'due at once, like a network delivery');
  assert.equal(handles.line[pipe], 9, 'scheduled at the os.kill line');
  const [handler] = [...handles.kind.keys()].filter(
    (h) => handles.kind[h] === HandleKind.THREADSAFE,
  );
  assert.ok(handler !== undefined, 'the handler is a threadsafe handle');
  // The loop iteration each handle ran in, and the one the signal was sent in.
  let iteration = 0;
  let sentIn = -1;
  const ranIn = new Map();
  for (let i = 0; i < events.kind.length; i++) {
    if (events.kind[i] === K.LOOP_ITER) iteration++;
    if (events.kind[i] === K.HANDLE_START) ranIn.set(events.a[i], iteration);
    if (events.kind[i] === K.HANDLE_SCHEDULED && events.a[i] === pipe) sentIn = iteration;
  }
  assert.equal(ranIn.get(pipe), sentIn + 1, 'the reader runs at the next iteration');
  assert.equal(ranIn.get(handler), sentIn + 2, 'the handler at the one after');
});

test('an uncaught KeyboardInterrupt the program raised is reported like any exception', async () => {
  const r = await run('print("start")\nraise KeyboardInterrupt\n');
  assert.equal(r.exitCode, 1);
  assert.equal(r.outcome, Outcome.EXCEPTION);
  assert.match(r.stderr, /Traceback[\s\S]*\nKeyboardInterrupt\n$/);
});

test('subprocesses fail with the reason, and other pids do not exist', async () => {
  const r = await run(`import asyncio, os, signal
async def main():
    try:
        await asyncio.create_subprocess_exec("ls")
    except NotImplementedError as exc:
        print("subprocess:", exc)
    try:
        os.kill(os.getpid() + 1, signal.SIGTERM)
    except ProcessLookupError as exc:
        print("kill:", exc)
    os.kill(os.getpid(), 0)
    print("signal 0 is only a check")
asyncio.run(main())
`);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /^subprocess: .*no other processes/m);
  assert.match(r.stdout, /^kill: \[Errno 3\] No such process$/m);
  assert.match(r.stdout, /^signal 0 is only a check$/m);
});

test("a replay's closing line for a signal is the one the engine wrote live, for every signal", async () => {
  const py = await engine();
  // Every fatal signal Python names, and an unnamed real-time one.
  const fatal = JSON.parse(
    py.runPython(`import json, signal
json.dumps([int(s) for s in signal.Signals
            if s.name not in ('SIGCHLD', 'SIGURG', 'SIGWINCH', 'SIGCONT')] + [40])`),
  );
  assert.ok(fatal.length > 25, `signals: ${fatal}`);
  let ended = 0;
  for (const signum of fatal) {
    const r = await run(`import os\nos.kill(os.getpid(), ${signum})\n`);
    assert.equal(r.outcome, Outcome.EXCEPTION, `signal ${signum}`);
    const line = closingStderrLine(r.outcome, r.outcomeDetail);
    // SIGINT is Python's KeyboardInterrupt, a traceback and no closing line.
    if (r.outcomeDetail === 'KeyboardInterrupt') {
      assert.equal(line, null);
      continue;
    }
    assert.ok(line, `signal ${signum}: ${r.outcomeDetail}`);
    assert.ok(r.stderr.endsWith(line), `signal ${signum}: ${JSON.stringify(r.stderr)} vs ${line}`);
    ended++;
  }
  assert.equal(ended, fatal.length - 1);
  // Other endings a signal has nothing to do with keep no closing line.
  const raised = await run('raise ValueError("killed by signal SIGTERM")\n');
  assert.equal(closingStderrLine(raised.outcome, raised.outcomeDetail), null);
});
