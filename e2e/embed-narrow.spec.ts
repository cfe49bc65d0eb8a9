import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * The default embed in a phone-width column of a course page: side by side, the code would get
 * about twelve characters of width. Below 640 px (src/share/embed-layout.ts, STACK_BELOW_PX) it
 * stacks: the code across the whole frame, its output, the loop and the tasks under it.
 */
async function box(page: Page, name: string) {
  const b = await page.getByRole('region', { name, exact: true }).boundingBox();
  expect(b, `${name} is laid out`).not.toBeNull();
  return { left: b!.x, right: b!.x + b!.width, top: b!.y, bottom: b!.y + b!.height, ...b! };
}

const ORDER = ['Editor', 'Console', 'Event loop', 'Tasks'];

test('a 360×520 embed stacks the code above the panels, and widens back side by side', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 520 });
  const app = new LoopscopePage(page);
  await page.goto('/embed.html?v=1&example=gather');
  await expect(app.editor).toContainText('import asyncio');
  const root = page.locator('.ls-course-root');
  await expect(root).toHaveAttribute('data-embed-stacked', 'true');

  const editor = await box(page, 'Editor');
  // The code has the frame's width (less the layout's padding), not a column of it.
  expect(editor.width).toBeGreaterThan(360 * 0.9);
  expect(editor.height).toBeGreaterThanOrEqual(200);
  for (let i = 1; i < ORDER.length; i++) {
    const above = await box(page, ORDER[i - 1]);
    const below = await box(page, ORDER[i]);
    expect(above.bottom, `${ORDER[i - 1]} above ${ORDER[i]}`).toBeLessThanOrEqual(below.top + 0.5);
    expect(below.width, `${ORDER[i]} spans the frame`).toBeGreaterThan(360 * 0.9);
  }
  // The code starts in view; what is under it is reached by scrolling the frame.
  await expect(page.getByRole('region', { name: 'Editor', exact: true })).toBeInViewport();
  const tasks = page.getByRole('region', { name: 'Tasks', exact: true });
  await tasks.scrollIntoViewIfNeeded();
  await expect(tasks).toBeInViewport({ ratio: 0.9 });

  // A wider frame (the course page's column grew) puts the panels beside the code again.
  await page.setViewportSize({ width: 720, height: 520 });
  await expect(root).not.toHaveAttribute('data-embed-stacked');
  await expect
    .poll(async () => (await box(page, 'Event loop')).left)
    .toBeGreaterThanOrEqual((await box(page, 'Editor')).right);
  expect((await box(page, 'Editor')).width).toBeLessThan(720 * 0.6);
});
