import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';
import { findOnLane } from './timeline-hover';

/** A producer that waits in Queue.join() while a consumer works through the items. */
const JOIN_PROGRAM = [
  'import asyncio',
  '',
  'async def consumer(q):',
  '    while True:',
  '        await q.get()',
  '        await asyncio.sleep(0.1)',
  '        q.task_done()',
  '',
  'async def producer(q):',
  '    for i in range(3):',
  '        await q.put(i)',
  '    await q.join()',
  '    print("all done")',
  '',
  'async def main():',
  '    q = asyncio.Queue()',
  '    c = asyncio.create_task(consumer(q), name="consumer")',
  '    await asyncio.create_task(producer(q), name="producer")',
  '    c.cancel()',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

async function runJoin(page: Page, timelineName: RegExp): Promise<Locator> {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(JOIN_PROGRAM);
  const before = await app.runSeq();
  // The Run button's name follows the page's language.
  await page.getByRole('button', { name: /^(Run|运行)$/ }).click();
  await expect(app.playground).toHaveAttribute('data-run-seq', String(before + 1));
  await app.waitRunEnd();
  await expect(page.getByRole('log', { name: /^(Program output|程序输出)$/ })).toContainText(
    'all done',
  );
  const timeline = page.getByRole('region', { name: timelineName });
  await expect(timeline.getByRole('application')).toBeVisible();
  return timeline;
}

/**
 * The RGB of a screenshot of `el` at `points`, in CSS pixels from its top left corner (a negative
 * coordinate counts from the right or bottom edge).
 */
async function pixels(page: Page, el: Locator, points: [number, number][]): Promise<number[][]> {
  const width = (await el.boundingBox())!.width;
  const png = (await el.screenshot()).toString('base64');
  return page.evaluate(
    async ({ png, points, width }) => {
      const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(image.width, image.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const scale = image.width / width;
      return points.map(([x, y]) => {
        const px = Math.floor(x < 0 ? image.width + x * scale : x * scale);
        const py = Math.floor(y < 0 ? image.height + y * scale : y * scale);
        return Array.from(ctx.getImageData(px, py, 1, 1).data.slice(0, 3));
      });
    },
    { png, points, width },
  );
}

/** Distance of an RGB colour from the accent (#5eb3f6) the ring is drawn in. */
const fromAccent = (rgb: number[]) =>
  Math.abs(rgb[0] - 94) + Math.abs(rgb[1] - 179) + Math.abs(rgb[2] - 246);

test('the timeline plot shows its focus ring over the canvases when reached with Tab', async ({
  page,
}) => {
  const timeline = await runJoin(page, /^Timeline$/);
  const plot = timeline.getByRole('application', { name: /Timeline plot/ });
  // The lane labels come just before the plot in the tab order.
  await timeline.getByRole('list', { name: 'Lanes' }).getByRole('button').last().focus();
  await page.keyboard.press('Tab');
  await expect(plot).toBeFocused();
  expect(await plot.evaluate((el) => el.matches(':focus-visible'))).toBe(true);

  // The ring is drawn by an overlay above both canvases.
  const ring = await plot.evaluate((el) => {
    const s = getComputedStyle(el, '::after');
    return { content: s.content, position: s.position, zIndex: s.zIndex, shadow: s.boxShadow };
  });
  expect(ring.content).not.toBe('none');
  expect(ring.position).toBe('absolute');
  expect(Number(ring.zIndex)).toBeGreaterThan(0);
  expect(ring.shadow).toMatch(/rgb\(94, 179, 246\) 0px 0px 0px 2px inset/);

  // And the page shows it: the plot's edges are the accent colour, not the canvas under them.
  const box = (await plot.boundingBox())!;
  const edges: [number, number][] = [
    [box.width / 3, 0.5],
    [box.width / 3, -1.5],
    [0.5, box.height / 2],
    [-1.5, box.height / 2],
  ];
  for (const rgb of await pixels(page, plot, edges)) expect(fromAccent(rgb)).toBeLessThan(30);
  // Without the focus, the same edges are the canvas again.
  await plot.blur();
  expect(await plot.evaluate((el) => getComputedStyle(el, '::after').content)).toBe('none');
  for (const rgb of await pixels(page, plot, edges)) expect(fromAccent(rgb)).toBeGreaterThan(30);
});

test.describe('a browser set to Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test("the timeline's tooltip names the queue a join waits on, in Chinese", async ({ page }) => {
    const timeline = await runJoin(page, /^时间线$/);
    await timeline.getByRole('button', { name: '显示整个运行过程' }).click();
    // Along the producer's lane, as a person looking for its long wait would.
    const { text: join, seen } = await findOnLane(page, timeline, /^producer/, /join\(\)/, 4);
    const tip = timeline.getByRole('tooltip');
    // The queue's name is shown as code, not between raw backticks.
    expect(join).toMatch(/挂起，等待队列 q 的 join\(\)/);
    expect(join).not.toContain('`');
    await expect(tip.locator('code', { hasText: /^q$/ })).toBeVisible();
    expect(seen.join('\n')).not.toMatch(/suspended on|await |等待 队列|on join/);
  });
});
