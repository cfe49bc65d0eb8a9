import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * Laptop, projector and tablet-sized windows: every panel keeps a useful minimum. The Tasks panel
 * shows its first card's header, "awaits" line and first frame; the Resources tab a resource's
 * row with its holders and waiters; the code, the loop and the console several lines each. A
 * window too short for all of them scrolls (src/app/playground.css).
 */

/** Whether every element of `parts` lies inside `box` (to a pixel of rounding). */
async function expectInside(parts: Locator, box: Locator, what: string) {
  const outer = (await box.boundingBox())!;
  const count = await parts.count();
  expect(count, `${what}: something to check`).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const inner = (await parts.nth(i).boundingBox())!;
    expect(inner, `${what} #${i} is laid out`).not.toBeNull();
    expect(inner.y, `${what} #${i} starts inside`).toBeGreaterThanOrEqual(outer.y - 1);
    expect(inner.y + inner.height, `${what} #${i} ends inside`).toBeLessThanOrEqual(
      outer.y + outer.height + 1,
    );
  }
}

async function height(page: Page, selector: string): Promise<number> {
  return (await page.locator(selector).boundingBox())!.height;
}

for (const { width, height: tall, lang } of [
  // A common desktop: the loop keeps the larger share (its queue and the timer heap's head).
  { width: 1440, height: 900, lang: 'en' },
  { width: 1366, height: 768, lang: 'en' },
  { width: 1280, height: 720, lang: 'en' },
  { width: 1024, height: 768, lang: 'zh-CN' },
  // The single-column layout.
  { width: 800, height: 900, lang: 'en' },
]) {
  test(`at ${width}×${tall} (${lang}) the tasks show a whole card and a resource its holders`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: tall });
    const app = new LoopscopePage(page);
    await page.goto(`/?v=1&example=downloads&lang=${lang}`);
    await app.waitReady();
    const before = await app.runSeq();
    await page.getByRole('button', { name: /^(Run|运行)$/ }).click();
    await expect(app.playground).toHaveAttribute('data-run-seq', String(before + 1));
    await app.waitRunEnd();

    // From the start, twelve task steps in: Task-1 awaits as_completed, the semaphore is held
    // by three downloads and five wait for it.
    const bar = page.locator('.ls-debugbar[data-step]');
    await expect(bar).not.toHaveAttribute('data-step', '-1');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Home');
    await expect(bar).toHaveAttribute('data-step', '0');
    for (let i = 0; i < 12; i++) {
      const step = await bar.getAttribute('data-step');
      await page.keyboard.press('Shift+ArrowRight');
      await expect(bar).not.toHaveAttribute('data-step', step!);
    }
    const inspector = page.locator('.ls-region-tasks .ls-inspector');
    await inspector.getByRole('tab').nth(1).click();
    await expect(inspector.getByRole('tab').nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.screenshot({ path: test.info().outputPath(`page-${width}x${tall}.png`) });

    // The first task card: its header, its awaits line and the head of its first frame.
    const tasksBody = page.locator('.ls-region-tasks .ls-tasks .ls-dbg-body');
    const card = tasksBody.locator('.ls-task-card').first();
    await expect(card.locator('.ls-awaits')).toBeVisible();
    await expectInside(card.locator('.ls-task-head'), tasksBody, "the first card's header");
    await expectInside(card.locator('.ls-awaits'), tasksBody, 'its awaits line');
    await expectInside(card.locator('.ls-frame-head').first(), tasksBody, 'its first frame');

    // The first resource: the semaphore with the tasks holding it and those waiting.
    const resBody = inspector.getByRole('tabpanel');
    const row = resBody.locator('.ls-row').first();
    await expect(row.locator('.ls-row-line')).toHaveCount(2);
    await expectInside(row, resBody, "the first resource's row");

    // The other panels keep their floors too.
    expect(await height(page, '.ls-region-editor')).toBeGreaterThanOrEqual(220);
    expect(await height(page, '.ls-region-loop')).toBeGreaterThanOrEqual(
      width > 900 && tall >= 900 ? 220 : 150,
    );
    expect(await height(page, '.ls-region-console')).toBeGreaterThanOrEqual(120);
    expect(await height(page, '.ls-region-timeline')).toBeGreaterThanOrEqual(120);
    if (width > 900 && tall <= 820) {
      // A laptop's short window: the timeline keeps its floor and the panels above get the
      // rest. At 1366 × 768 it used to take 180 px and leave the loop 151 (one queue card).
      expect(await height(page, '.ls-region-timeline')).toBeLessThanOrEqual(121);
      if (width === 1366) {
        expect(await height(page, '.ls-region-loop')).toBeGreaterThanOrEqual(180);
      }
    }
    // Regions never overlap: what does not fit is below, reached by scrolling the page.
    const order =
      width > 900
        ? [
            ['.ls-region-debugbar', '.ls-region-editor'],
            ['.ls-region-editor', '.ls-region-console'],
            ['.ls-region-loop', '.ls-region-tasks'],
            ['.ls-region-console', '.ls-region-timeline'],
            ['.ls-region-tasks', '.ls-region-timeline'],
          ]
        : [
            ['.ls-region-console', '.ls-region-loop'],
            ['.ls-region-loop', '.ls-region-tasks'],
            ['.ls-region-tasks', '.ls-region-timeline'],
          ];
    for (const [above, below] of order) {
      const a = (await page.locator(above).boundingBox())!;
      const b = (await page.locator(below).boundingBox())!;
      expect(a.y + a.height, `${above} ends above ${below}`).toBeLessThanOrEqual(b.y + 0.5);
    }
  });
}
