// What a program sees of its process and its pools, compared with CPython 3.13 (a QA pass's
// reproductions): traceback headers over hidden frames, the executor's threads and contexts,
// atexit and sys.excepthook, the loop's constructor and the names asyncio has on other platforms.
// Run: node --import tsx --test tests/py/qa-fidelity.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './engine-helpers.mjs';

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
