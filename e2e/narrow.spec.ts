import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * A phone-width window (390 px): the page must not scroll sideways, and every toolbar control
 * must be on screen and reachable with the keyboard, in both themes and in Chinese.
 */
test.use({ viewport: { width: 390, height: 844 } });

/** The toolbar's controls (buttons, links, selects) that are shown. */
function toolbarControls(page: Page) {
  return page.getByRole('toolbar').first().locator('button:visible, a:visible, select:visible');
}

for (const [name, query] of [
  ['dark', '/'],
  ['light', '/?theme=light'],
  ['zh-CN', '/?lang=zh-CN'],
] as const) {
  test(`at 390 px the toolbar fits the screen (${name})`, async ({ page }) => {
    const app = new LoopscopePage(page);
    await page.goto(query);
    await expect(app.editor).toContainText('asyncio');
    const controls = toolbarControls(page);
    // Run, Stop, Examples, Share, Embed and the language select at least.
    expect(await controls.count()).toBeGreaterThanOrEqual(6);

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    for (const control of await controls.all()) {
      const box = (await control.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: test.info().outputPath(`toolbar-390-${name}.png`) });

    // Every control is reached by Tab, in order, from the page's start.
    const wanted = await controls.evaluateAll(
      (els) => els.filter((e) => !e.matches(':disabled')).length,
    );
    let reached = 0;
    await page.locator('body').focus();
    for (let i = 0; i < 40 && reached < wanted; i++) {
      await page.keyboard.press('Tab');
      const inToolbar = await page.evaluate(
        () => document.activeElement?.closest('[role="toolbar"]') !== null,
      );
      if (inToolbar) reached++;
    }
    expect(reached).toBe(wanted);
  });
}

test("in a narrow window the timeline's toolbar wraps: every button and legend colour is whole on screen", async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await page.setViewportSize({ width: 700, height: 900 });
  await app.open();
  await app.run();
  const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
  const header = timeline.locator('.ls-tl-header');
  for (const width of [700, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await header.scrollIntoViewIfNeeded();
    // Nothing of the toolbar is cut off by the header's clipping...
    await expect
      .poll(() => header.evaluate((el) => el.scrollWidth - el.clientWidth), {
        message: `toolbar overflow at ${width} px`,
      })
      .toBeLessThanOrEqual(1);
    // ...and its last button (JSON export) lies whole inside the panel and the window.
    const last = (await header.getByRole('button').last().boundingBox())!;
    const panel = (await timeline.boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(Math.min(panel.x + panel.width, width) + 1);
    // Every colour of the legend is shown whole, none clipped away.
    const legend = timeline.getByRole('list', { name: 'Legend' });
    const box = (await legend.boundingBox())!;
    const keys = legend.getByRole('listitem');
    expect(await keys.count()).toBeGreaterThanOrEqual(7);
    for (const key of await keys.all()) {
      const k = (await key.boundingBox())!;
      expect(k.x, `legend item at ${width} px`).toBeGreaterThanOrEqual(box.x - 1);
      expect(k.x + k.width, `legend item at ${width} px`).toBeLessThanOrEqual(
        box.x + box.width + 1,
      );
      expect(k.y + k.height, `legend item at ${width} px`).toBeLessThanOrEqual(
        box.y + box.height + 1,
      );
    }
  }
});

test('in a narrow window the program opens at its first line, in both editor stages', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  // Monaco has taken over (the page is ready once it has), with the caret and the view at line 1:
  // the first stage's caret used to sit at the end, and the hand-over kept it in view.
  await expect(app.editor).toHaveAttribute('data-editor-stage', 'monaco');
  const firstLine = app.editor.locator('.line-numbers', { hasText: /^\s*1\s*$/ });
  await expect(firstLine).toBeInViewport({ ratio: 1 });
  const top = await app.editor.evaluate(
    (el) => getComputedStyle(el.querySelector('.lines-content')!).top,
  );
  expect(top).toBe('0px');
});
