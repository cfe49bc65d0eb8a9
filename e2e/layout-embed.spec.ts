import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * Embeds at the sizes the Embed button and course pages give them: the Tasks panel shows at least
 * its first card, the futures and resources tabs their first line, and the timeline's toolbar all
 * its buttons. What does not fit the frame is reached by scrolling it.
 */

/** Whether `inner` lies inside `outer` (up to a pixel of rounding). */
async function expectInside(inner: Locator, outer: Locator, what: string) {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  expect(a, `${what} is laid out`).not.toBeNull();
  expect(a.y, `${what} starts inside`).toBeGreaterThanOrEqual(b.y - 1);
  expect(a.y + a.height, `${what} ends inside`).toBeLessThanOrEqual(b.y + b.height + 1);
  expect(a.x + a.width, `${what} is not cut off on the right`).toBeLessThanOrEqual(
    b.x + b.width + 1,
  );
}

async function openEmbed(page: Page, width: number, height: number, panels: string | null) {
  await page.setViewportSize({ width, height });
  const app = new LoopscopePage(page);
  const query = panels ? `&panels=${panels}` : '';
  await page.goto(`/embed.html?v=1&example=spinner-cancel${query}&autorun=1`);
  await app.waitReady();
  await app.waitRunEnd();
  return app;
}

/** How far the embed's layout (which scrolls inside the frame) runs past the frame. */
function overflow(page: Page) {
  return page
    .locator('.ls-layout')
    .evaluate((el) => Math.max(0, el.scrollHeight - el.clientHeight));
}

for (const { width, height, panels, fits } of [
  // The Embed button's frame for its default panels (embedHeight), and narrower ones.
  { width: 880, height: 520, panels: null, fits: true },
  { width: 640, height: 520, panels: null, fits: true },
  { width: 880, height: 620, panels: 'editor,loop,tasks,futures,console', fits: true },
  { width: 880, height: 520, panels: 'editor,loop,tasks,resources,console', fits: false },
  { width: 700, height: 520, panels: 'editor,loop,tasks,console,timeline', fits: false },
  { width: 700, height: 690, panels: 'editor,loop,tasks,console,timeline', fits: true },
]) {
  test(`a ${width}×${height} embed (${panels ?? 'default panels'}) shows a whole task card`, async ({
    page,
  }) => {
    await openEmbed(page, width, height, panels);
    await page.screenshot({ path: test.info().outputPath(`embed-${width}x${height}.png`) });
    const tasks = page.getByRole('region', { name: 'Tasks', exact: true });
    const card = tasks.getByRole('listitem').first();
    await expect(card).toContainText('Task-1');
    await card.scrollIntoViewIfNeeded();
    await expectInside(card, tasks, 'the first task card');

    const inspector = page.getByRole('region', { name: 'Futures and resources', exact: true });
    if (panels?.includes('futures') || panels?.includes('resources')) {
      // Its first row, or the line saying there is none yet.
      const firstLine = inspector.getByRole('tabpanel').locator('.ls-rows > li, .ls-empty').first();
      await firstLine.scrollIntoViewIfNeeded();
      await expect(firstLine).toBeVisible();
      await expectInside(firstLine, inspector, "the futures tab's first line");
    } else {
      // Not asked for: the tasks have their row to themselves.
      await expect(inspector).toBeHidden();
    }

    if (panels?.includes('timeline')) {
      const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
      await timeline.scrollIntoViewIfNeeded();
      // The last of the timeline toolbar's buttons, whole inside the panel.
      const last = timeline.locator('.ls-tl-header').getByRole('button').last();
      await expect(last).toBeVisible();
      await expectInside(last, timeline, "the timeline toolbar's last button");
    }
    // Where docs/embedding.md says the frame holds everything, it does; elsewhere it scrolls.
    if (fits) expect(await overflow(page)).toBeLessThanOrEqual(1);
    else expect(await overflow(page)).toBeGreaterThan(0);
  });
}

test('the Embed dialog offers the futures and resources tabs, and a frame with room for them', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed in a page' });
  const textbox = dialog.getByRole('textbox', { name: 'Embed code' });
  await expect(textbox).toHaveValue(/height="520"/);
  await dialog.getByRole('checkbox', { name: 'Futures and resources' }).check();
  await expect(textbox).toHaveValue(/height="620"/);
  const snippet = await textbox.inputValue();
  const src = /src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&');
  expect(new URL(src).searchParams.get('panels')).toBe('editor,loop,tasks,futures,console');
});
