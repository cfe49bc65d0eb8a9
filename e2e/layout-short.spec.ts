import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * A short, wide window (a laptop with the browser's bars, a window beside another): two columns,
 * with the toolbar, the kept-programs notice and the debug bar above the code. The code must keep
 * several lines; the page scrolls to what does not fit.
 */

/** About eight lines of code under the editor's header. */
const MIN_EDITOR_PX = 180;

/** Starts the page, once, with two kept programs, so the notice shows above the panels. */
async function seedKept(page: Page) {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('kept-seeded')) return;
    sessionStorage.setItem('kept-seeded', '1');
    localStorage.clear();
    const at = Date.now() - 60_000;
    localStorage.setItem(
      'loopscope:code:kept:a',
      JSON.stringify({ code: 'import asyncio\n# mine\n', at }),
    );
    localStorage.setItem(
      'loopscope:code:kept:b',
      JSON.stringify({ code: 'import asyncio\n# other\n', at: at - 1 }),
    );
  });
}

for (const height of [400, 500]) {
  for (const withNotice of [false, true]) {
    test(`at 1024×${height} the code keeps several lines (${withNotice ? 'kept programs' : 'no notice'})`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: 1024, height });
      if (withNotice) await seedKept(page);
      const app = new LoopscopePage(page);
      await page.goto('/');
      await expect(app.editor).toContainText('import asyncio');
      const notice = page.getByRole('group', { name: 'Your previous code' });
      if (withNotice) await expect(notice).toBeVisible();
      else await expect(notice).toHaveCount(0);
      // The debug bar is above the code from the start (it is what took the height).
      await expect(page.getByRole('region', { name: 'Debugger', exact: true })).toBeVisible();

      await page.screenshot({ path: test.info().outputPath(`page-1024x${height}.png`) });
      const editor = page.locator('.ls-region-editor');
      expect((await editor.boundingBox())!.height).toBeGreaterThanOrEqual(MIN_EDITOR_PX);
      // Nothing is drawn over the next: the toolbar (with the notice) above the debug bar, above
      // the code.
      const stack = withNotice
        ? ['.ls-course-kept', '.ls-region-debugbar', '.ls-region-editor', '.ls-region-console']
        : ['.ls-region-toolbar', '.ls-region-debugbar', '.ls-region-editor', '.ls-region-console'];
      for (let i = 1; i < stack.length; i++) {
        const above = (await page.locator(stack[i - 1]).boundingBox())!;
        const below = (await page.locator(stack[i]).boundingBox())!;
        expect(
          above.y + above.height,
          `${stack[i - 1]} ends above ${stack[i]}`,
        ).toBeLessThanOrEqual(below.y + 0.5);
      }
      // Two columns still: the loop beside the code.
      const loop = (await page.locator('.ls-region-loop').boundingBox())!;
      expect(loop.x).toBeGreaterThan((await editor.boundingBox())!.x);
      // Monaco lays out as many lines as its box holds: several of the program's lines show.
      await expect.poll(() => app.editor.locator('.view-line').count()).toBeGreaterThanOrEqual(8);
      // What does not fit is below, reached by scrolling the page.
      const timeline = page.locator('.ls-region-timeline');
      await timeline.scrollIntoViewIfNeeded();
      await expect(timeline).toBeInViewport({ ratio: 0.9 });
    });
  }
}
