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
