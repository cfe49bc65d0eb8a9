import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { checkTraceEvents } from '../src/viz/timeline/perfetto';
import { LoopscopePage } from './loopscope-page';
import { findOnLane } from './timeline-hover';

const PROGRAM = [
  'import asyncio',
  '',
  'async def fetch(name, delay):',
  '    await asyncio.sleep(delay)',
  '    print(f"{name} done")',
  '    return name.upper()',
  '',
  'async def main():',
  '    jobs = [("alpha", 0.3), ("beta", 0.1), ("gamma", 0.2)]',
  '    tasks = [asyncio.create_task(fetch(n, d), name=n) for n, d in jobs]',
  '    slow = asyncio.create_task(fetch("slow", 5), name="slow")',
  '    print(await asyncio.gather(*tasks))',
  '    slow.cancel()',
  '    try:',
  '        await slow',
  '    except asyncio.CancelledError:',
  '        print("slow cancelled")',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

async function runProgram(page: Page): Promise<{ app: LoopscopePage; timeline: Locator }> {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  await app.run();
  await expect(app.output).toContainText('slow cancelled');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByRole('application', { name: /Timeline plot/ })).toBeVisible();
  return { app, timeline };
}

/** The debugger bar's 1-based step number for event `step`, digits grouped as the bar prints it. */
const stepText = (step: number) => (step + 1).toLocaleString('en-US');

test('clicking a marker on the timeline moves the debugger to its step', async ({ page }) => {
  const { app, timeline } = await runProgram(page);
  await timeline.getByRole('button', { name: 'Fit whole run' }).click();
  const found = await findOnLane(page, timeline, /^beta/, /— result: 'BETA'/);
  // The tooltip gives the marker's step.
  const step = Number(/step ([\d,]+)/.exec(found.text)?.[1]?.replaceAll(',', ''));
  expect(step).toBeGreaterThan(0);
  await page.mouse.click(found.x, found.y);
  await expect(page.getByTestId('cursor-step')).toHaveText(stepText(step));
  // The click also selects the task whose lane it was.
  await expect(timeline.getByRole('button', { name: /^beta/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // Keyboard: with the plot focused, N jumps to the next marker of the selected lane.
  const plot = timeline.getByRole('application', { name: /Timeline plot/ });
  await plot.focus();
  await page.keyboard.press('Shift+N');
  const back = Number((await page.getByTestId('cursor-step').innerText()).replaceAll(',', '')) - 1;
  expect(back).toBeLessThan(step);
  await page.keyboard.press('n');
  await expect(page.getByTestId('cursor-step')).toHaveText(stepText(step));
  await app.waitRunEnd();
});

test('zoom, pan and the axis switch change the view', async ({ page }) => {
  const { timeline } = await runProgram(page);
  const plot = timeline.getByRole('application', { name: /Timeline plot/ });
  const span = async () =>
    Number(await plot.getAttribute('data-view-end')) -
    Number(await plot.getAttribute('data-view-start'));
  await timeline.getByRole('button', { name: 'Fit whole run' }).click();
  const fitted = await span();
  await timeline.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(span).toBeLessThan(fitted * 0.7);
  await plot.focus();
  await page.keyboard.press('0');
  await expect.poll(span).toBeCloseTo(fitted, 6);
  // Shift+drag zooms to the dragged range.
  const pb = (await plot.boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(pb.x + pb.width * 0.2, pb.y + 60);
  await page.mouse.down();
  await page.mouse.move(pb.x + pb.width * 0.4, pb.y + 60, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect.poll(span).toBeLessThan(fitted * 0.3);
  // Expand fills the page; Esc puts it back.
  const expand = timeline.getByRole('button', { name: 'Expand timeline' });
  await expand.click();
  await expect(expand).toHaveAttribute('aria-pressed', 'true');
  expect((await timeline.boundingBox())!.height).toBeGreaterThan(600);
  await page.keyboard.press('Escape');
  await expect(expand).toHaveAttribute('aria-pressed', 'false');
  await timeline.getByRole('radio', { name: 'Virtual time' }).click();
  await expect(plot).toHaveAttribute('data-axis', 'virtual');
  await timeline.getByRole('button', { name: 'Fit whole run' }).click();
  // The run lasts 0.3 s of virtual time: the slow task's 5 s sleep is cancelled at 0.3 s.
  await expect.poll(span).toBeGreaterThan(0.3);
  await expect.poll(span).toBeLessThan(1);
});

test('exports: Perfetto JSON is valid trace events, PNG, SVG and Loopscope JSON parse', async ({
  page,
}) => {
  const { timeline } = await runProgram(page);
  const save = async (name: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      timeline.getByRole('button', { name }).click(),
    ]);
    const path = await download.path();
    return { name: download.suggestedFilename(), data: await readFile(path) };
  };

  const perfetto = await save('Export Perfetto JSON');
  expect(perfetto.name).toMatch(/\.perfetto\.json$/);
  const doc = JSON.parse(perfetto.data.toString('utf8'));
  expect(checkTraceEvents(doc)).toEqual([]);
  const threads = doc.traceEvents
    .filter((e: { ph: string; name: string }) => e.ph === 'M' && e.name === 'thread_name')
    .map((e: { args: { name: string } }) => e.args.name);
  expect(threads[0]).toMatch(/^event loop/);
  expect(threads.some((n: string) => n.startsWith('beta'))).toBe(true);
  expect(doc.traceEvents.some((e: { ph: string }) => e.ph === 'X')).toBe(true);
  expect(doc.traceEvents.some((e: { ph: string }) => e.ph === 's')).toBe(true);

  const png = await save('Export PNG');
  expect(png.name).toMatch(/\.png$/);
  expect(png.data.subarray(1, 4).toString('latin1')).toBe('PNG');
  // IHDR: width and height (big-endian) at bytes 16..23; twice the CSS size for slides.
  expect(png.data.readUInt32BE(16)).toBeGreaterThan(800);
  expect(png.data.readUInt32BE(20)).toBeGreaterThan(100);

  const svg = await save('Export SVG');
  const parsed = await page.evaluate((text) => {
    const d = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: d.querySelector('parsererror')?.textContent ?? null,
      root: d.documentElement.nodeName,
      text: d.documentElement.textContent ?? '',
    };
  }, svg.data.toString('utf8'));
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.text).toContain('event loop');

  const json = await save('Export Loopscope JSON');
  expect(JSON.parse(json.data.toString('utf8')).format).toBe('loopscope-trace');

  await timeline.screenshot({ path: test.info().outputPath('timeline.png') });
});

test('a step repaints only the cursor overlay, at the step, and not the plot', async ({ page }) => {
  const { timeline } = await runProgram(page);
  const bar = page.locator('[aria-label="Debugger"][data-step]');
  const plot = timeline.getByRole('application', { name: /Timeline plot/ });
  const lanes = plot.locator('canvas:not(.ls-tl-cursor)');
  const cursor = plot.locator('canvas.ls-tl-cursor');
  await timeline.getByRole('button', { name: 'Fit whole run' }).click();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Home');
  await expect(bar).toHaveAttribute('data-step', '0');
  await expect(cursor).toHaveAttribute('data-step', '0');
  const draws = await lanes.getAttribute('data-draws');
  expect(Number(draws)).toBeGreaterThan(0);

  /** Where the overlay's cursor line is: the x of its brightest column, in CSS pixels. */
  const cursorX = () =>
    cursor.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const y = Math.floor(c.height * 0.75);
      const row = ctx.getImageData(0, y, c.width, 1).data;
      let best = -1;
      for (let x = 0; x < c.width; x++)
        if (row[x * 4 + 3] > (best < 0 ? 0 : row[best * 4 + 3])) best = x;
      return best / (c.width / c.clientWidth);
    });
  let step = 0;
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(async () => Number(await bar.getAttribute('data-step')))
      .toBeGreaterThan(step);
    step = Number(await bar.getAttribute('data-step'));
    await expect(cursor).toHaveAttribute('data-step', String(step));
    // Steps axis: the cursor sits in the middle of its step's cell.
    const start = Number(await plot.getAttribute('data-view-start'));
    const end = Number(await plot.getAttribute('data-view-end'));
    const width = await cursor.evaluate((c: HTMLCanvasElement) => c.clientWidth);
    const expected = ((step + 0.5 - start) / (end - start)) * width;
    expect(Math.abs((await cursorX()) - expected)).toBeLessThanOrEqual(2);
  }
  // The lanes were prepared and drawn no more times than before the steps.
  await expect(lanes).toHaveAttribute('data-draws', draws!);
});

test('theme=light: the canvas, the cursor and the lane labels turn light', async ({ page }) => {
  const app = new LoopscopePage(page);
  await page.goto('/?theme=light');
  await app.waitReady();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await app.setCode(PROGRAM);
  await app.run();
  await expect(app.output).toContainText('slow cancelled');
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const plot = timeline.getByRole('application', { name: /Timeline plot/ });
  const lanes = plot.locator('canvas:not(.ls-tl-cursor)');
  const cursor = plot.locator('canvas.ls-tl-cursor');
  await expect(lanes).toHaveAttribute('data-draws', /\d+/);
  await expect(cursor).toHaveAttribute('data-step', /\d+/);
  // Mean luminance of the plot: a light ground with spans on it (the dark theme is near 25).
  const meanLuma = await lanes.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4)
      sum += 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
    return sum / (d.length / 4);
  });
  expect(meanLuma).toBeGreaterThan(180);
  // The cursor is drawn dark on the light plot.
  const cursorRgb = await cursor.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, Math.floor(c.height * 0.75), c.width, 1).data;
    for (let x = 0; x < c.width; x++)
      if (d[x * 4 + 3] > 200) return [d[x * 4], d[x * 4 + 1], d[x * 4 + 2]];
    return null;
  });
  expect(cursorRgb).not.toBeNull();
  for (const v of cursorRgb!) expect(v).toBeLessThan(80);
  // The lane labels beside it match: a white list, dark text.
  const labels = timeline.getByRole('list', { name: 'Lanes' });
  await expect(labels).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(timeline.getByRole('button', { name: /^beta/ })).toHaveCSS(
    'color',
    'rgb(28, 34, 48)',
  );
});
