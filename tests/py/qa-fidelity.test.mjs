// What a program sees of its process and its pools, compared with CPython 3.13 (a QA pass's
// reproductions): traceback headers over hidden frames, the executor's threads and contexts,
// atexit and sys.excepthook, the loop's constructor and the names asyncio has on other platforms.
// Run: node --import tsx --test tests/py/qa-fidelity.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HandleKind, EventKind as K } from '../../src/trace/schema.ts';
import { eventsOf, run } from './engine-helpers.mjs';

test('an exception whose frames are all hidden keeps its "Traceback" header', async () => {
  const r = await run(`import asyncio
async def main():
    await asyncio.wait_for(asyncio.sleep(1), 0.1)
asyncio.run(main())
`);
  assert.equal(r.exitCode, 1);
  assert.equal(
    r.stderr,
    [
      'Traceback (most recent call last):',
      'asyncio.exceptions.CancelledError',
      '',
      'The above exception was the direct cause of the following exception:',
      '',
      'Traceback (most recent call last):',
      '  File "main.py", line 4, in <module>',
      '    asyncio.run(main())',
      '    ~~~~~~~~~~~^^^^^^^^',
      '  File "main.py", line 3, in main',
      '    await asyncio.wait_for(asyncio.sleep(1), 0.1)',
      'TimeoutError',
      '',
    ].join('\n'),
  );
});

test('run_in_executor jobs run in their worker thread context and with its own ident', async () => {
  const r = await run(`import asyncio, contextvars, threading, time
var = contextvars.ContextVar("var", default="unset")
def job(v):
    seen = var.get()
    var.set(v)
    time.sleep(0.1)
    return seen, threading.get_ident(), threading.current_thread().ident
def again():
    return var.get()
data = threading.local()
data.x = "main"
def local_job():
    seen = getattr(data, "x", "none")
    data.x = "job"
    return seen, data.x
async def main():
    var.set("main")
    loop = asyncio.get_running_loop()
    (a, ida, ta), (b, idb, tb) = await asyncio.gather(
        loop.run_in_executor(None, job, "one"), loop.run_in_executor(None, job, "two"))
    print(a, b, var.get())
    main_id = threading.get_ident()
    print(ida != main_id, idb != main_id, ida != idb, ida == ta, idb == tb)
    print(await loop.run_in_executor(None, again), await asyncio.to_thread(again))
    print(await loop.run_in_executor(None, local_job), data.x)
asyncio.run(main())
`);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    "unset unset main\nTrue True True True True\none main\n('none', 'job') main\n",
  );
});

test('threading.currentThread() keeps its DeprecationWarning, in a job too', async () => {
  const r = await run(`import asyncio, threading
print(threading.currentThread().name)
async def main():
    print(await asyncio.to_thread(lambda: threading.currentThread().name))
asyncio.run(main())
`);
  assert.equal(r.stdout, 'MainThread\nasyncio_0\n');
  assert.equal(
    r.stderr,
    'main.py:2: DeprecationWarning: currentThread() is deprecated, use current_thread() instead\n' +
      '  print(threading.currentThread().name)\n' +
      'main.py:4: DeprecationWarning: currentThread() is deprecated, use current_thread() instead\n' +
      '  print(await asyncio.to_thread(lambda: threading.currentThread().name))\n',
  );
});

/** The run's stdout and stderr as one stream, in the order the trace recorded them. */
function output(trace) {
  const out = [];
  trace.events.kind.forEach((k, i) => {
    if (k === K.STDOUT || k === K.STDERR) out.push(trace.strings[trace.events.a[i]]);
  });
  return out.join('');
}

test('atexit handlers run at the end of the run, last registered first, as python3 runs them', async () => {
  const r = await run(`import atexit, sys
greeting = "atexit ran"
def bad():
    raise ValueError("x")
def hello():
    print(greeting)
atexit.register(print, "first registered")
atexit.register(bad)
atexit.register(hello)
atexit.register(print, "unregistered")
atexit.unregister(print)
@atexit.register
def last():
    print("decorated")
print("end of script")
sys.exit(4)
`);
  assert.equal(r.outcomeDetail, 'SystemExit: 4');
  assert.equal(r.stdout, 'end of script\ndecorated\natexit ran\n');
  assert.match(
    r.stderr,
    /^Exception ignored in atexit callback <function bad>:\nTraceback \(most recent call last\):\n {2}File "main\.py", line 4, in bad\n {4}raise ValueError\("x"\)\nValueError: x\n$/,
  );
  // The next run starts with none of them.
  const next = await run('print("next run")\n');
  assert.equal(next.stdout, 'next run\n');
  assert.equal(next.stderr, '');
});

test('atexit handlers run after the traceback of an uncaught exception', async () => {
  const r = await run(`import atexit
atexit.register(print, "atexit ran")
print("end of script")
raise ValueError("boom")
`);
  assert.equal(r.exitCode, 1);
  assert.equal(r.outcomeDetail, 'ValueError: boom');
  assert.equal(
    output(r.trace),
    'end of script\n' +
      'Traceback (most recent call last):\n' +
      '  File "main.py", line 4, in <module>\n' +
      '    raise ValueError("boom")\n' +
      'ValueError: boom\n' +
      'atexit ran\n',
  );
  assert.equal(eventsOf(r.trace, K.EXCEPTION).length, 1, 'the exception is recorded once');
});

test("the program's sys.excepthook reports its uncaught exception, for this run only", async () => {
  const r = await run(`import sys
def hook(t, v, tb):
    print("hook got", t.__name__, v, tb.tb_frame.f_code.co_name)
sys.excepthook = hook
raise ValueError("boom")
`);
  assert.equal(r.exitCode, 1);
  assert.equal(r.stdout, 'hook got ValueError boom <module>\n');
  assert.equal(r.stderr, '');
  assert.equal(r.outcomeDetail, 'ValueError: boom');
  const failing = await run(`import sys
def hook(t, v, tb):
    1/0
sys.excepthook = hook
raise ValueError("boom")
`);
  assert.equal(
    failing.stderr,
    'Error in sys.excepthook:\n' +
      'Traceback (most recent call last):\n' +
      '  File "main.py", line 3, in hook\n' +
      '    1/0\n' +
      '    ~^~\n' +
      'ZeroDivisionError: division by zero\n' +
      '\n' +
      'Original exception was:\n' +
      'Traceback (most recent call last):\n' +
      '  File "main.py", line 5, in <module>\n' +
      '    raise ValueError("boom")\n' +
      'ValueError: boom\n',
  );
  const next = await run('raise KeyError(1)\n');
  assert.match(next.stderr, /^Traceback \(most recent call last\):\n/);
});

test('asyncio.SelectorEventLoop takes a selector, which the virtual loop ignores', async () => {
  const r = await run(`import asyncio, selectors
loop = asyncio.SelectorEventLoop(selectors.SelectSelector())
other = asyncio.SelectorEventLoop(selector=selectors.DefaultSelector())
print(loop.run_until_complete(asyncio.sleep(0.5, "slept")), loop.time())
loop.close()
other.close()
print(loop.is_closed(), other.is_closed())
`);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'slept 0.5\nTrue True\n');
});

test('Unix-socket APIs say they are not simulated; Windows-only names get Linux python3 text', async () => {
  const r = await run(`import asyncio
print(hasattr(asyncio, "start_unix_server"), hasattr(asyncio, "open_unix_connection"))
async def main():
    loop = asyncio.get_running_loop()
    for coro in (asyncio.start_unix_server(None, "/tmp/x.sock"),
                 asyncio.open_unix_connection("/tmp/x.sock"),
                 loop.create_unix_connection(asyncio.Protocol, "/tmp/x.sock")):
        try:
            await coro
        except NotImplementedError as e:
            print(str(e).startswith("Loopscope simulates TCP, not Unix domain sockets"))
asyncio.run(main())
asyncio.WindowsSelectorEventLoopPolicy
`);
  assert.equal(r.stdout, 'True True\nTrue\nTrue\nTrue\n');
  assert.match(
    r.stderr,
    /\nAttributeError: module 'asyncio' has no attribute 'WindowsSelectorEventLoopPolicy'\n$/,
  );
});

test('call_soon_threadsafe from an executor job takes effect at the worker clock', async () => {
  const source = `import asyncio, time, concurrent.futures
def job(loop, fut, cf):
    time.sleep(0.5)
    loop.call_soon_threadsafe(fut.set_result, "done")
    time.sleep(0.25)
    cf.set_result("cf done")
    time.sleep(0.25)
    return "job"
async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    cf = concurrent.futures.Future()
    wrapped = asyncio.wrap_future(cf)
    job_fut = loop.run_in_executor(None, job, loop, fut, cf)
    print(await fut, loop.time())
    print(await wrapped, loop.time())
    print(await job_fut, loop.time())
asyncio.run(main())
`;
  const r = await run(source);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'done 0.5\ncf done 0.75\njob 1.0\n');
  const { handles } = r.trace;
  const timers = [];
  for (let i = 0; i < handles.kind.length; i++) {
    if (handles.kind[i] === HandleKind.AT) timers.push(handles.when[i]);
  }
  assert.deepEqual(timers, [0.5, 0.75, 1], 'timers at the worker clock, then the job end');
  const untraced = await run(source, { trace: false });
  assert.equal(untraced.stdout, r.stdout, 'the same times untraced');
});

test('a concurrent future a job settles late on its clock is done at that time', async () => {
  const r = await run(`import asyncio, time, concurrent.futures
def job(cf):
    time.sleep(0.5)
    cf.set_result("cf done")
    time.sleep(0.25)
    return "job"
cf = concurrent.futures.Future()
async def main():
    loop = asyncio.get_running_loop()
    job_fut = loop.run_in_executor(None, job, cf)
    await asyncio.sleep(0.1)
    print(cf.done(), loop.time())
    print(await asyncio.wrap_future(cf), loop.time())
    print(await job_fut, loop.time())
asyncio.run(main())
print(cf.result(), cf in {cf})
`);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'False 0.1\ncf done 0.5\njob 0.75\ncf done True\n');
});
