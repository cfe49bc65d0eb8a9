import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';
import LZString from 'lz-string';
import { startCourseHost } from './course-host';
import type { CourseHost } from './course-host';
import { BOOT_TIMEOUT, LoopscopePage } from './loopscope-page';
import { openSyntheticTrace } from './synthetic-replay';

/**
 * The console follows the debugger's cursor on every move, jumps included: the boundary between
 * what the cursor step has printed and what comes later (dimmed) stays in view, and at the last
 * step the last line printed does. src/viz/console/ConsolePanel.tsx.
 */

/**
 * Where the console's boundary is: whether the last line printed so far and the first line
 * printed later (when there is one) both lie inside the console's visible box.
 */
function boundary(output: Locator) {
  return output.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const spans = [...el.querySelectorAll<HTMLElement>('[data-stream]')];
    const later = spans.findIndex((s) => s.hasAttribute('data-after-cursor'));
    const last = later < 0 ? spans[spans.length - 1] : spans[later - 1];
    // The last character printed (not a line break): the spans are blocks, one rect each.
    let lastShown = false;
    const node = last?.firstChild;
    if (node instanceof Text) {
      const end = node.data.trimEnd().length;
      const range = document.createRange();
      range.setStart(node, Math.max(0, end - 1));
      range.setEnd(node, end);
      const line = range.getBoundingClientRect();
      lastShown = end > 0 && line.top >= box.top - 1 && line.bottom <= box.bottom + 1;
    }
    const next = later < 0 ? null : spans[later].getBoundingClientRect();
    const laterShown = next === null || (next.top >= box.top - 1 && next.top <= box.bottom - 8);
    return {
      lastShown,
      laterShown,
      dimmed: later >= 0,
      scrolls: el.scrollHeight > el.clientHeight,
    };
  });
}

test('Jump to start, then Jump to end, shows the last lines printed', async ({ page }) => {
  const app = new LoopscopePage(page);
  await page.goto('/?v=1&example=semaphore');
  await app.waitReady();
  await app.run();
  const bar = page.getByRole('region', { name: 'Debugger' });
  await expect(bar).not.toHaveAttribute('data-step', '-1');
  const last = await bar.getAttribute('data-step');
  await expect(app.output).toContainText('eli is done');

  await page.getByRole('button', { name: 'Jump to start', exact: true }).click();
  await expect(bar).toHaveAttribute('data-step', '0');
  // Nothing printed yet: everything is dimmed and the console shows its first lines.
  await expect.poll(() => boundary(app.output)).toMatchObject({ laterShown: true, dimmed: true });

  await page.getByRole('button', { name: 'Jump to end', exact: true }).click();
  await expect(bar).toHaveAttribute('data-step', last!);
  const end = await boundary(app.output);
  // The output is longer than the console holds, else the check proves nothing.
  expect(end.scrolls).toBe(true);
  expect(end.dimmed).toBe(false);
  expect(end.lastShown).toBe(true);
});

// A producer and a consumer: two lines for each of 40 items, so step 101 is in the middle of an
// output much longer than an embed's console.
const PROGRAM = [
  'import asyncio',
  '',
  'async def producer(q):',
  '    for i in range(40):',
  '        await q.put(i)',
  '        print(f"put {i}")',
  '    await q.put(None)',
  '',
  'async def consumer(q):',
  '    while (item := await q.get()) is not None:',
  '        print(f"got {item}")',
  '        await asyncio.sleep(0.01)',
  '',
  'async def main():',
  '    q = asyncio.Queue(maxsize=2)',
  '    await asyncio.gather(producer(q), consumer(q))',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

let host: CourseHost;

test.beforeAll(async () => {
  // A course page that keeps its embed in a section the reader opens ("Try it").
  host = await startCourseHost(
    (src) => `<!doctype html><title>Course page</title><h1>Week 4: queues</h1>
<button id="open" onclick="document.getElementById('try').hidden = false">Try it</button>
<div id="try" hidden><iframe id="embed" title="Loopscope" width="880" height="520"
  src="${src}"></iframe></div>`,
  );
});

test.afterAll(async () => {
  await host.close();
});

test('an embed opened at a step shows that step’s boundary, also when it ran out of sight', async ({
  page,
  baseURL,
}) => {
  // The Embed dialog's link with "Open at the current step", set to run by itself.
  const src =
    `${baseURL}/embed.html?v=1&granularity=line&panels=editor,loop,tasks,console&readonly=1` +
    `&autorun=1&step=101#code/${LZString.compressToEncodedURIComponent(PROGRAM)}`;
  await page.goto(`${host.origin}/?embed=${encodeURIComponent(src)}`);
  const frame = page.frameLocator('#embed');
  // The frame is hidden: its parts are found by their markup, not their roles.
  const playground = frame.locator('.ls-playground');
  await expect(playground).toHaveAttribute('data-runtime-state', 'ready', {
    timeout: BOOT_TIMEOUT,
  });
  await expect(playground).toHaveAttribute('data-run-seq', '1');
  await expect(playground).toHaveAttribute('data-run-state', 'idle', { timeout: 60_000 });
  await expect(frame.locator('.ls-debugbar')).toHaveAttribute('data-step', '101');
  const output = frame.locator('.ls-console-body');
  await expect(output.locator('[data-after-cursor]').first()).toBeAttached();

  await page.getByRole('button', { name: 'Try it' }).click();
  await expect(frame.getByRole('log', { name: 'Program output' })).toBeVisible();
  await expect
    .poll(() => boundary(output))
    .toEqual({ lastShown: true, laterShown: true, dimmed: true, scrolls: true });
  await page.screenshot({ path: test.info().outputPath('embed-step-101.png') });
});

test('a move that crosses the output reads the console’s layout in the animation frame, not in the commit', async ({
  page,
}) => {
  // A replayed synthetic run, which prints once at its end: Jump to start dims that line, Jump
  // to end shows it, and both place the console. Reading the layout inside React's commit made
  // the browser lay the page out there, and again in the frame once later effects changed it.
  const { bar } = await openSyntheticTrace(page, 'traces/console-frame.json', {
    tasks: 40,
    sleeps: 2,
  });
  const reads = await page.evaluateHandle(() => {
    const log: boolean[] = [];
    // Only the app's own reads (its code is served from /assets/), not this test's tools'.
    const record = () => {
      if (new Error().stack?.includes('/assets/')) log.push(inFrame);
    };
    let inFrame = false;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) =>
      raf((t) => {
        inFrame = true;
        try {
          cb(t);
        } finally {
          inFrame = false;
        }
      });
    // Every layout read of the console element itself, with whether a frame callback made it.
    const el = document.querySelector<HTMLElement>('.ls-console-body')!;
    for (const name of ['clientHeight', 'scrollHeight', 'scrollTop'] as const) {
      const d = Object.getOwnPropertyDescriptor(Element.prototype, name)!;
      Object.defineProperty(el, name, {
        configurable: true,
        get() {
          record();
          return d.get!.call(el) as number;
        },
        set(v: number) {
          d.set?.call(el, v);
        },
      });
    }
    const rect = el.getBoundingClientRect.bind(el);
    el.getBoundingClientRect = () => {
      record();
      return rect();
    };
    return log;
  });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const [key, after] of [
    ['Home', true],
    ['End', false],
    ['Home', true],
  ] as const) {
    const before = await reads.evaluate((log) => log.length);
    await page.keyboard.press(key);
    if (key === 'Home') await expect(bar).toHaveAttribute('data-step', '0');
    else await expect(bar).not.toHaveAttribute('data-step', '0');
    const output = page.getByRole('log', { name: 'Program output' });
    await expect(output.locator('[data-after-cursor]')).toHaveCount(after ? 1 : 0);
    // The console has placed itself for the move: it read its layout at least once.
    await expect.poll(() => reads.evaluate((log) => log.length)).toBeGreaterThan(before);
  }
  expect(await reads.evaluate((log) => log.filter((inFrame) => !inFrame).length)).toBe(0);
});
