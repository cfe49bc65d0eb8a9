import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { startCourseHost } from './course-host';
import type { CourseHost } from './course-host';
import { BOOT_TIMEOUT } from './loopscope-page';

/**
 * Stop in an embed on an ordinary course page. The host page comes from a plain server started
 * here, on another origin and without COOP/COEP, as most course sites send; so the embed's frame
 * is not cross-origin isolated and has no SharedArrayBuffer for interrupts. Stop must still end a
 * CPU loop in place and keep the trace recorded up to there (src/runtime/stop-poll.ts), and when
 * the embed's own server refuses blob: URLs it must say that the partial trace was lost and why.
 */
// A CPU loop that never awaits; each turn does untraced pure-Python library work, so the run
// does not reach its event budget (a bare `n += 1` loop does in about 1.4 s) before Stop.
const SPIN_TASK = [
  'import asyncio, textwrap',
  '',
  'async def spin():',
  '    print("spinning")',
  '    while True:',
  '        textwrap.wrap("spin " * 200)',
  '',
  'async def main():',
  '    await asyncio.create_task(spin(), name="spinner")',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

// A loop of slow C calls: a few eval-breaker checks a turn, each turn 10 ms or more. Stop must
// still be read within the page's grace (the poller's spacing starts from every check when the
// program starts; it used to stay at the cap the engine's set-up had driven it to).
const SLOW_CALLS = [
  'print("spinning")',
  'n = 0',
  'while True:',
  '    n += sum(range(10**6))',
  '',
].join('\n');

let host: CourseHost;

test.beforeAll(async () => {
  host = await startCourseHost(
    (src) => `<!doctype html><title>Course page</title><h1>Week 3: tasks</h1>
<iframe id="embed" title="Loopscope" width="1100" height="760" src="${src}"></iframe>`,
  );
});

test.afterAll(async () => {
  await host.close();
});

/** Opens the host page with the embed showing `code`, and waits for the embed's Python. */
async function openEmbed(
  page: Page,
  baseURL: string | undefined,
  code = SPIN_TASK,
): Promise<FrameLocator> {
  const embed = `${baseURL}/embed.html?v=1&panels=editor,tasks,console#src=${encodeURIComponent(code)}`;
  await page.goto(`${host.origin}/?embed=${encodeURIComponent(embed)}`);
  const frame = page.frameLocator('#embed');
  await expect(playground(frame)).toHaveAttribute('data-runtime-state', 'ready', {
    timeout: BOOT_TIMEOUT,
  });
  const isolated = await page
    .frames()
    .find((f) => f.url().includes('/embed.html'))!
    .evaluate(() => crossOriginIsolated);
  expect(isolated).toBe(false);
  return frame;
}

function playground(frame: FrameLocator) {
  return frame.getByRole('main', { name: 'Loopscope playground' });
}

/** Runs the spinning program, waits until its loop is going, and presses Stop. */
async function runAndStop(frame: FrameLocator): Promise<void> {
  const main = playground(frame);
  const seq = Number(await main.getAttribute('data-run-seq'));
  await frame.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(main).toHaveAttribute('data-run-seq', String(seq + 1));
  await expect(frame.getByRole('log', { name: 'Program output' })).toContainText('spinning');
  await frame.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(main).toHaveAttribute('data-run-state', 'idle', { timeout: 10_000 });
}

test('Stop in an embed on a page without COOP/COEP ends a CPU loop and keeps the trace', async ({
  page,
  baseURL,
}) => {
  const frame = await openEmbed(page, baseURL);
  await runAndStop(frame);
  // In place (the worker polls every 250 ms): a restart would lose the trace checked below.
  const notice = frame.getByTestId('notice');
  await expect(notice).toContainText('Stopped: the program was interrupted.');
  await expect(notice).toContainText('The trace up to there is kept.');
  await expect(notice).not.toContainText('terminated');
  // The debugger holds the run up to the stop: its steps and the spinning task.
  await expect(frame.locator('.ls-pos-step')).toHaveText(/^step [\d,]+ \/ [1-9][\d,]*$/);
  await expect(frame.getByTestId('cursor-step')).not.toHaveText('–');
  await expect(frame.getByRole('region', { name: 'Tasks' })).toContainText('spinner');
  await expect(playground(frame)).toHaveAttribute('data-runtime-state', 'ready');

  // The same worker runs the next program.
  await runAndStop(frame);
  await expect(notice).toContainText('The trace up to there is kept.');
  await expect(notice).not.toContainText('terminated');
});

test('Stop in such an embed also ends a loop of slow C calls in place', async ({
  page,
  baseURL,
}) => {
  const frame = await openEmbed(page, baseURL, SLOW_CALLS);
  await runAndStop(frame);
  const notice = frame.getByTestId('notice');
  await expect(notice).toContainText('Stopped: the program was interrupted.');
  await expect(notice).toContainText('The trace up to there is kept.');
  await expect(notice).not.toContainText('terminated');
  await expect(frame.getByTestId('cursor-step')).not.toHaveText('–');
});

test('where the embed cannot signal its worker, Stop restarts it and says the trace is lost', async ({
  page,
  baseURL,
}) => {
  // The embed's server sends a Content-Security-Policy without blob: in connect-src, as a host
  // that copied an older policy would: the worker's boot-time probe fails.
  await page.route(`${baseURL}/**`, async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    const csp = headers['content-security-policy'];
    if (csp) headers['content-security-policy'] = csp.replace(/ blob:/g, '');
    await route.fulfill({ response, headers });
  });
  const frame = await openEmbed(page, baseURL);
  await runAndStop(frame);
  const notice = frame.getByTestId('notice');
  await expect(notice).toContainText('the worker was terminated and a fresh one is starting');
  await expect(notice).toContainText('The trace up to the stop could not be kept.');
  await expect(notice).toContainText('blob: URL');
  await expect(frame.getByTestId('cursor-step')).toHaveText('–');
  await expect(playground(frame)).toHaveAttribute('data-runtime-state', 'ready', {
    timeout: BOOT_TIMEOUT,
  });
});
