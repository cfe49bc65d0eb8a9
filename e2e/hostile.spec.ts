import { expect, test, type Page, type Worker } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * Hostile and broken programs (issue 8) in real Chromium: the sandbox and the worker's wall,
 * budgets that keep a viewable partial trace, memory and recursion errors, large programs, fast
 * re-runs, and the worker refusing other protocol versions. Stop, the output flood and the
 * crashed worker are in stop.spec.ts and resilience.spec.ts; links in share.spec.ts.
 */

/** The Pyodide worker of the page (Playwright can evaluate in it, bypassing the page's CSP). */
async function pythonWorker(page: Page): Promise<Worker> {
  await expect
    .poll(() => page.workers().filter((w) => /pyodide\.worker/.test(w.url())).length)
    .toBeGreaterThan(0);
  return page.workers().filter((w) => /pyodide\.worker/.test(w.url()))[0];
}

/** The debugger's step after a run: a number when a trace is loaded, -1 when there is none. */
async function traceSteps(page: Page): Promise<number> {
  const bar = page.getByRole('region', { name: 'Debugger' });
  await expect(bar).not.toHaveAttribute('data-step', '-1');
  return Number(await bar.getAttribute('data-step'));
}

async function frameMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const t = performance.now();
    await new Promise(requestAnimationFrame);
    return performance.now() - t;
  });
}

// Looks for a JsProxy the way a reader would (frames of the runner: the live-output hook is a
// JavaScript function) and tries to turn it into eval, then into the worker's global object.
const ESCAPE = `
import sys
proxy, f = None, sys._getframe()
while f is not None and proxy is None:
    for value in list(f.f_locals.values()):
        if type(value).__name__.startswith("Js"):
            proxy = value
    f = f.f_back
print("found a JsProxy:", proxy is not None)
for label, attempt in [
    ("constructor", lambda: proxy.constructor("return globalThis")()),
    ("constructor.constructor", lambda: proxy.constructor.constructor("return globalThis")()),
]:
    try:
        scope = attempt()
    except Exception as e:
        print(label, "refused:", type(e).__name__, str(e)[:120])
    else:
        print(label, "REACHED", type(scope).__name__)
`;

test.describe('the sandbox', () => {
  test('importing js, pyodide.ffi, pyodide.http, pyodide.code or micropip says why it fails', async ({
    page,
  }) => {
    const app = new LoopscopePage(page);
    await app.open();
    const names = ['js', 'pyodide.ffi', 'pyodide.http', 'pyodide.code', 'micropip', 'ctypes'];
    await app.setCode(
      [
        'import importlib',
        `for name in ${JSON.stringify(names)}:`,
        '    try:',
        '        importlib.import_module(name)',
        '    except ImportError as e:',
        '        print(e)',
        '    else:',
        '        print(name, "IMPORTED")',
        'import js',
        '',
      ].join('\n'),
    );
    await app.run();
    for (const name of names) {
      await expect(app.output).toContainText(
        `import of '${name}' is not allowed: Loopscope runs your program in a sandbox without access to the page or the network.`,
      );
    }
    await expect(app.output).not.toContainText('IMPORTED');
    await expect(app.output).toContainText('ModuleNotFoundError');
    await expect(app.notice).toContainText('ModuleNotFoundError');
    // The engine has its modules back: the next run works as usual.
    await app.setCode('import asyncio\nasyncio.run(asyncio.sleep(1))\nprint("fine")\n');
    await app.run();
    await expect(app.output).toContainText('fine');
  });

  test('the worker runs under the CSP header and without network, storage or postMessage', async ({
    page,
  }) => {
    const app = new LoopscopePage(page);
    await app.open();
    const worker = await pythonWorker(page);
    // The worker script carries the policy itself: a <meta> policy would not reach a worker.
    const csp = await page.evaluate(
      async (url) => (await fetch(url)).headers.get('content-security-policy'),
      worker.url(),
    );
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
    const inside = await worker.evaluate(async () => {
      // From a timer, not from the evaluation itself, which DevTools may exempt from the CSP.
      const evalResult = await new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            resolve(String(new Function('return 1')()));
          } catch (e) {
            resolve((e as Error).name);
          }
        }),
      );
      const g = globalThis as unknown as Record<string, unknown>;
      return {
        evalResult,
        missing: ['fetch', 'caches', 'indexedDB', 'WebSocket', 'XMLHttpRequest', 'postMessage']
          .filter((name) => g[name] === undefined)
          .join(' '),
        ctor: (() => {
          try {
            (function () {}).constructor('return 1');
            return 'ran';
          } catch (e) {
            return (e as Error).message;
          }
        })(),
      };
    });
    expect(inside.evalResult).toBe('EvalError');
    expect(inside.missing).toBe('fetch caches indexedDB WebSocket XMLHttpRequest postMessage');
    expect(inside.ctor).toMatch(/disabled in the Loopscope worker/);

    // From user code: a JsProxy found by walking frames cannot be turned into eval.
    await app.setCode(ESCAPE);
    await app.run();
    await expect(app.output).toContainText('found a JsProxy: True');
    await expect(app.output).toContainText('constructor refused: JsException EvalError');
    await expect(app.output).toContainText('constructor.constructor refused: JsException');
    await expect(app.output).not.toContainText('REACHED');
    // The wall did not break the worker: output still streams and the next run works.
    await app.setCode('print("still here")\n');
    await app.run();
    await expect(app.output).toContainText('still here');
    expect(app.cspViolations.filter((v) => !/unsafe-eval|EvalError/.test(v))).toEqual([]);
  });

  test.describe('on a host that sends no CSP header', () => {
    test.use({ serviceWorkers: 'block' });

    test('the worker lockdown alone refuses eval to user code', async ({ page }) => {
      await page.route('**/*', async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['content-security-policy'];
        await route.fulfill({ response, headers });
      });
      const app = new LoopscopePage(page);
      await app.open();
      const worker = await pythonWorker(page);
      // No policy in the worker: eval itself works there...
      expect(await worker.evaluate(() => String(new Function('return 6 * 7')()))).toBe('42');
      // ...but user code cannot get at it.
      await app.setCode(ESCAPE);
      await app.run();
      await expect(app.output).toContainText('found a JsProxy: True');
      await expect(app.output).toContainText(
        'constructor refused: JsException EvalError: Function() is disabled in the Loopscope worker',
      );
      await expect(app.output).not.toContainText('REACHED');
    });
  });
});

test.describe('runaway programs keep a viewable trace', () => {
  test('a loop awaiting sleep(0) forever stops at the event budget', async ({ page }) => {
    const app = new LoopscopePage(page);
    await app.open();
    await app.setCode(
      'import asyncio\n\nasync def main():\n    while True:\n        await asyncio.sleep(0)\n\nasyncio.run(main())\n',
    );
    await app.run(110_000);
    await expect(app.notice).toContainText('Stopped at the event budget');
    await expect(app.output).toContainText('event limit');
    expect(await traceSteps(page)).toBeGreaterThan(100_000);
    expect(await frameMs(page)).toBeLessThan(1000);
  });

  test('a server that runs forever stops at the virtual-time budget', async ({ page }) => {
    const app = new LoopscopePage(page);
    await app.open();
    await app.setCode(
      [
        'import asyncio',
        '',
        'async def handle(reader, writer):',
        '    writer.close()',
        '',
        'async def main():',
        '    server = await asyncio.start_server(handle, "127.0.0.1", 8080)',
        '    async with server:',
        '        while True:',
        '            await asyncio.sleep(600)',
        '            print("still serving")',
        '',
        'asyncio.run(main())',
        '',
      ].join('\n'),
    );
    await app.run();
    await expect(app.notice).toContainText('Stopped at the virtual-time budget');
    await expect(app.output).toContainText('virtual-time limit of 3600 s reached');
    await expect(app.output).toContainText('still serving');
    expect(await traceSteps(page)).toBeGreaterThan(5);
  });
});

test('memory exhaustion gives a clear error and the worker carries on', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  // wasm32: sizes are 32-bit, so 10**10 characters cannot even be asked for (OverflowError);
  // a billion list slots (4 GB of pointers) is past what the 4 GB wasm memory can hold.
  await app.setCode(
    [
      'try:',
      '    s = "x" * 10**10',
      'except OverflowError as e:',
      '    print("too big:", e)',
      'big = [0] * 10**9',
      '',
    ].join('\n'),
  );
  await app.run();
  await expect(app.output).toContainText("too big: cannot fit 'int' into an index-sized integer");
  await expect(app.output).toContainText('MemoryError');
  await expect(app.notice).toContainText('MemoryError');
  await expect(app.notice).not.toContainText('worker failed');
  await app.setCode('print("after memory", 2 ** 10)\n');
  await app.run();
  await expect(app.output).toContainText('after memory 1024');
});

// Past 2 GB of wasm memory the heap addresses no longer fit a signed 32-bit shift; engine.ts
// reads the trace with unsigned shifts, so the run still ends in Python's MemoryError.
test('a list growing forever ends in MemoryError at the 4 GB wasm limit', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  // 64 MB a step reaches the limit in about 60 steps, so the test is quick; the tab holds the
  // grown wasm memory until it closes.
  await app.setCode(
    [
      'chunks = []',
      'while True:',
      '    chunks.append(bytearray(64 * 2**20))',
      '    if len(chunks) % 16 == 0:',
      '        print(len(chunks) * 64, "MB")',
      '',
    ].join('\n'),
  );
  await app.run();
  await expect(app.output).toContainText('1024 MB');
  await expect(app.output).toContainText('MemoryError');
  await expect(app.notice).toContainText('MemoryError');
  await expect(app.notice).not.toContainText('worker failed');
  await app.setCode('print("after the growth")\n');
  await app.run();
  await expect(app.output).toContainText('after the growth');
});

test('deep recursion is a RecursionError, in module code and in a task', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(
    [
      'import asyncio',
      '',
      'def down(n):',
      '    return down(n + 1) + 1',
      '',
      'async def deep(n):',
      '    return await deep(n + 1)',
      '',
      'async def main():',
      '    try:',
      '        await asyncio.create_task(deep(0))',
      '    except RecursionError as e:',
      '        print("task:", type(e).__name__)',
      '',
      'asyncio.run(main())',
      '',
      '# A raised limit: still an exception.',
      'import sys',
      'sys.setrecursionlimit(1_000_000)',
      'try:',
      '    down(0)',
      'except RecursionError:',
      '    print("raised limit: RecursionError")',
      'sys.setrecursionlimit(1000)',
      'down(0)',
      '',
    ].join('\n'),
  );
  await app.run();
  await expect(app.output).toContainText('task: RecursionError');
  await expect(app.output).toContainText('raised limit: RecursionError');
  await expect(app.output).toContainText('RecursionError: maximum recursion depth exceeded');
  await expect(app.notice).toContainText('RecursionError');
  await expect(app.notice).not.toContainText('worker failed');
  await app.setCode('print("after recursion")\n');
  await app.run();
  await expect(app.output).toContainText('after recursion');
});

// Known limit (docs/security.md): recursion inside C code (repr of a list nested a million deep)
// overflows the JavaScript engine's stack before CPython's own C-stack check triggers, and Pyodide
// cannot continue after that. What is promised then: the worker is replaced, the page says so,
// the code is kept and the next run works.
test('recursion in C that overflows the wasm stack: the worker is replaced, the code kept', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  const code = [
    'nested = []',
    'for _ in range(1_000_000):',
    '    nested = [nested]',
    'print("built")',
    'repr(nested)',
    '',
  ].join('\n');
  await app.setCode(code);
  await app.run();
  await expect(app.notice).toContainText(/worker failed.*fresh worker is starting/);
  await app.waitReady();
  expect(await app.savedCode()).toBe(code);
  await app.setCode('print("new worker")\n');
  await app.run();
  await expect(app.output).toContainText('new worker');
});

test('a 5,000-line program and 10,000 tasks run and the page stays responsive', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  const long = ['total = 0'];
  for (let i = 1; i < 5000; i++) long.push(`total += ${i % 7}`);
  long.push('print("lines done", total)');
  await app.setCode(long.join('\n') + '\n');
  await app.run();
  await expect(app.output).toContainText(
    `lines done ${Array.from({ length: 4999 }, (_, i) => (i + 1) % 7).reduce((a, b) => a + b, 0)}`,
  );
  await expect(app.notice).toContainText('Finished');

  await app.setCode(
    [
      'import asyncio',
      '',
      'async def worker(i):',
      '    await asyncio.sleep(i % 10)',
      '    return i',
      '',
      'async def main():',
      '    results = await asyncio.gather(*(worker(i) for i in range(10_000)))',
      '    print("tasks done", len(results), sum(results))',
      '',
      'asyncio.run(main())',
      '',
    ].join('\n'),
  );
  await app.run(110_000);
  await expect(app.output).toContainText('tasks done 10000 49995000');
  await expect(app.notice).toContainText('Finished');
  expect(await traceSteps(page)).toBeGreaterThan(10_000);
  expect(await frameMs(page)).toBeLessThan(1000);
  // Stepping in a trace this size answers promptly.
  const bar = page.getByRole('region', { name: 'Debugger' });
  const before = await bar.getAttribute('data-step');
  await page.getByRole('button', { name: 'Step back', exact: true }).click();
  await expect(bar).not.toHaveAttribute('data-step', before ?? '');
});

test('rapid Run clicks and edits mid-run show only the newest run', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  for (let i = 1; i <= 4; i++) {
    await app.setCode(
      `import asyncio\nprint("run ${i} started")\nfor _ in range(200_000):\n    pass\nprint("run ${i} ended")\n`,
    );
    await app.runButton.click();
  }
  await app.setCode('print("newest run")\n');
  await app.run();
  await expect(app.output).toContainText('newest run');
  for (let i = 1; i <= 4; i++) await expect(app.output).not.toContainText(`run ${i}`);
  await expect(app.notice).toContainText('Finished');
});

test('the worker refuses a request of another protocol version, with a message', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  const worker = await pythonWorker(page);
  await worker.evaluate(() => {
    const handler = (self as unknown as { onmessage: (e: MessageEvent) => void }).onmessage;
    handler(
      new MessageEvent('message', { data: { v: 99, id: 4242, type: 'run', code: 'print(1)' } }),
    );
  });
  await expect(app.notice).toContainText('protocol version 99 refused');
  // Nothing ran, and the worker still serves the page's own requests.
  await expect(app.output).not.toContainText(/^1$/);
  await app.setCode('print("protocol ok")\n');
  await app.run();
  await expect(app.output).toContainText('protocol ok');
});
