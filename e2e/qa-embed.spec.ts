import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * An embed written by hand (or `/?embed=1`) often names no `panels`, and course pages give it a
 * frame narrower than a window. It must still fit that frame: the program's output in view,
 * without scrolling inside the iframe.
 */
test.use({ viewport: { width: 720, height: 520 } });

test('an embed without panels fits a narrow 520 px frame with its output in view', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await page.goto('/embed.html?v=1&example=gather');
  await app.waitReady();
  await app.run();
  await expect(app.output).toContainText('readings, in the order asked: [12.5, 14.0, 13.1]');
  await expect(app.output).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('region', { name: 'Tasks' })).toBeInViewport();
  const overflow = await page.evaluate(
    () => document.scrollingElement!.scrollHeight - window.innerHeight,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a replay link to a trace file that is not there says it was not found', async ({ page }) => {
  await page.goto('/embed.html?v=1&trace=traces/no-such-run.json');
  const alert = page.getByRole('alert').filter({ hasText: 'This trace file cannot be opened' });
  await expect(alert).toContainText(
    'traces/no-such-run.json was not found (the server sent a web page, not a JSON file)',
  );
  await expect(alert).not.toContainText('Unexpected token');
});

/** Where a region is on the page (the frame may scroll, so all boxes are read at one scroll). */
async function box(page: Page, name: string) {
  const b = await page.getByRole('region', { name, exact: true }).boundingBox();
  expect(b, `${name} is laid out`).not.toBeNull();
  return { top: b!.y, bottom: b!.y + b!.height, height: b!.height };
}

/** The code keeps about six lines whatever the frame's size (src/share/embed-layout.ts). */
const MIN_EDITOR_PX = 150;

/** Every debugger panel, the timeline and the explanation: the tallest an embed gets. */
const ALL_PANELS = 'editor,loop,tasks,futures,resources,console,timeline,explanation';

async function expectStacked(page: Page, regions: string[]) {
  for (let i = 1; i < regions.length; i++) {
    const above = await box(page, regions[i - 1]);
    const below = await box(page, regions[i]);
    expect(above.bottom, `${regions[i - 1]} ends above ${regions[i]}`).toBeLessThanOrEqual(
      below.top + 0.5,
    );
  }
}

for (const { width, panels } of [
  { width: 360, panels: ALL_PANELS },
  { width: 880, panels: 'editor,loop,tasks,console,timeline' },
]) {
  test(`a ${width}×520 embed with ${panels} keeps the code and nothing overlaps`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 520 });
    const app = new LoopscopePage(page);
    await page.goto(`/embed.html?v=1&example=gather&panels=${panels}&autorun=1`);
    await app.waitReady();
    await app.waitRunEnd();
    await expect(app.editor).toContainText('import asyncio');
    expect((await box(page, 'Editor')).height).toBeGreaterThanOrEqual(MIN_EDITOR_PX);
    // The debug bar's height counts: it ends above the panels, which end above the timeline.
    await expectStacked(page, ['Debugger', 'Editor', 'Console', 'Timeline']);
    await expectStacked(page, ['Debugger', 'Event loop', 'Tasks', 'Timeline']);
    // What does not fit is reached by scrolling the frame (up to a pixel lost to rounding: the
    // debug bar's height has a fraction, scroll offsets do not).
    const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
    await timeline.scrollIntoViewIfNeeded();
    await expect(timeline).toBeInViewport({ ratio: 0.98 });
  });
}

test('the Embed dialog sizes the frame for the timeline, and every panel fits it', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed in a page' });
  await dialog.getByRole('checkbox', { name: 'Timeline' }).check();
  const snippet = await dialog.getByRole('textbox', { name: 'Embed code' }).inputValue();
  const height = Number(/height="(\d+)"/.exec(snippet)![1]);
  const src = /src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&');

  // The frame the snippet makes, in an 880 px course column.
  await page.setViewportSize({ width: 880, height });
  const app = new LoopscopePage(page);
  await page.goto(src);
  await app.waitReady();
  await app.run();
  // The first row (code and loop) and the second (output, tasks) as tall as in the 520 px frame
  // without the timeline.
  for (const [panel, min] of [
    ['Editor', 190],
    ['Event loop', 190],
    ['Console', 120],
    ['Tasks', 60],
  ] as const)
    expect((await box(page, panel)).height, panel).toBeGreaterThanOrEqual(min);
  await expectStacked(page, ['Debugger', 'Editor', 'Console', 'Timeline']);
  // All of it in the frame, without scrolling.
  for (const region of ['Debugger', 'Editor', 'Console', 'Event loop', 'Tasks', 'Timeline'])
    await expect(page.getByRole('region', { name: region, exact: true })).toBeInViewport({
      ratio: 1,
    });
});
