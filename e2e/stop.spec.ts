import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

// CPU loops that never await. Each turn does a little pure-Python library work, which the
// engine does not trace: a two-line `while True:` / `pass` records two million line events, the
// event budget, in about 1.4 s, so on a loaded machine the budget could end the run before Stop.
// The second print is written within the worker's 50 ms output batch of the first, and nothing
// is printed after it: it shows while the loop runs only because the worker sends what it
// batched at the engine's budget checks (onTick).
const SPIN_MAIN = [
  'import textwrap',
  'print("spinning")',
  'print("last line before the loop")',
  'while True:',
  '    textwrap.wrap("spin " * 200)',
  '',
].join('\n');

const SPIN_TASK = [
  'import asyncio, textwrap',
  '',
  'async def spin():',
  '    print("task spinning")',
  '    while True:',
  '        textwrap.wrap("spin " * 200)',
  '',
  'async def main():',
  '    await asyncio.create_task(spin())',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

for (const [name, code, marker, loopLines] of [
  ['at module level', SPIN_MAIN, 'last line before the loop', [4, 5]],
  ['inside a task', SPIN_TASK, 'task spinning', [5, 6]],
] as const) {
  test(`Stop ends a CPU loop ${name}, and the next run works`, async ({ page }) => {
    const app = new LoopscopePage(page);
    await app.open();
    await app.setCode(code);
    await app.startRun();
    await expect(app.output).toContainText(marker);
    await expect(app.stopButton).toBeEnabled();

    await app.stopButton.click();
    await app.waitRunEnd(10_000);
    // Isolated page: the interrupt lands in place (a restart would lose the trace), before the
    // run reaches a budget.
    await expect(app.notice).toContainText('Stopped: the program was interrupted.');
    await expect(app.notice).toContainText('The trace up to there is kept.');
    await expect(app.notice).not.toContainText('terminated');
    // The run opens on its last step, which shows where the program was stuck: the loop's line
    // is the current line, highlighted in the editor.
    const bar = page.getByRole('region', { name: 'Debugger' });
    await expect(bar).not.toHaveAttribute('data-step', '-1');
    expect(loopLines).toContain(Number(await bar.getAttribute('data-current-line')));
    await expect(app.editor.locator('.ls-current-line')).toHaveCount(1);
    await app.waitReady();

    await app.setCode('print("after stop", 6 * 7)\n');
    await app.run();
    await expect(app.output).toContainText('after stop 42');
    await expect(app.notice).toContainText('Finished');
  });
}

test('a second Run while one is spinning replaces it and only the new output shows', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode('print("old run")\nwhile True:\n    pass\n');
  await app.startRun();
  await expect(app.output).toContainText('old run');
  await app.setCode('print("new run")\n');
  await app.run();
  await expect(app.output).toContainText('new run');
  await expect(app.output).not.toContainText('old run');
});

test('lines printed just before a long C call show while it runs, and outlive the worker', async ({
  page,
}) => {
  // sum() over a huge range is one C call: no line runs and no event is recorded until it
  // returns, so nothing the worker holds back would go out. The three prints come within one
  // 50 ms output window.
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode('print("one")\nprint("two", 2)\nprint("three")\nprint(sum(range(10**13)))\n');
  await app.startRun();
  await expect(app.output).toContainText('three');
  await expect(app.output).toContainText('two 2');
  await expect(app.stopButton).toBeEnabled();
  // The C call cannot be interrupted: the page replaces the worker, and the output stays.
  await app.stopButton.click();
  await app.waitRunEnd(30_000);
  await expect(app.notice).toContainText('the worker was terminated');
  await expect(app.output).toContainText('three');
  await app.waitReady();
});

test('a one-line CPU loop ends by itself at the wall-time budget, its trace kept', async ({
  page,
}) => {
  // `while True: pass` on one line records its line once and then loops inside one line, so it
  // reaches neither of the engine's budget checks (the loop's, a traced line's). The page's
  // watchdog (runtime-client.ts) raises the wall-time signal one grace second after the default
  // 20 s budget, counted from the program's start.
  test.setTimeout(120_000);
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode('print("looping")\nwhile True: pass\n');
  await app.startRun();
  await expect(app.output).toContainText('looping');
  await app.waitRunEnd(90_000);
  await expect(app.notice).toContainText('Stopped at the wall-clock budget.');
  await expect(app.notice).toContainText('The trace up to there is kept.');
  await expect(app.output).toContainText('wall-time limit of 20 s reached');
  const bar = page.getByRole('region', { name: 'Debugger' });
  await expect(bar).toHaveAttribute('data-current-line', '2');
  await app.waitReady();
  await app.setCode('print("next run")\n');
  await app.run();
  await expect(app.output).toContainText('next run');
});

test.describe('without cross-origin isolation', () => {
  // Requests answered by a service worker would bypass the header rewrite below.
  test.use({ serviceWorkers: 'block' });

  test('Stop interrupts in place by polling, keeps the trace, and the next program runs', async ({
    page,
  }) => {
    // Serve the app without COOP/COEP, as a host that does not send them would.
    await page.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    });
    const app = new LoopscopePage(page);
    await app.open();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await app.setCode(SPIN_MAIN);
    await app.startRun();
    await expect(app.output).toContainText('spinning');
    await app.stopButton.click();
    await app.waitRunEnd(10_000);
    // No SharedArrayBuffer: the worker polls a blob URL that Stop revokes (stop-poll.ts), so the
    // same worker ends the run and the trace up to there is kept. (e2e/stop-embed.spec.ts checks
    // the fallback, a restart that says the trace was lost.)
    await expect(app.notice).toContainText('Stopped: the program was interrupted.');
    await expect(app.notice).toContainText('The trace up to there is kept.');
    await expect(app.notice).not.toContainText('terminated');
    await expect(page.getByTestId('cursor-step')).not.toHaveText('–');
    await app.waitReady();
    await app.setCode('print("same worker")\n');
    await app.run();
    await expect(app.output).toContainText('same worker');
  });
});
