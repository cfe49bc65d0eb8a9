import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import LZString from 'lz-string';
import { LoopscopePage } from './loopscope-page';

/**
 * The kept-programs notice as a person meets it after a while: several programs that all start
 * with `import asyncio`, a short window, a second tab; and the address bar after the program on
 * screen stopped being the link's.
 */

/** Programs as people keep them: every one opens with the same import. */
const FAN_OUT = 'import asyncio\n\n# Fan-out with gather\nasync def main():\n    pass\n';
const PRODUCER = 'import asyncio\n\nasync def producer(q):\n    await q.put(1)\n';
const PRODUCER_LONGER = 'import asyncio\n\nasync def producer(q):\n    await q.put(1)\n\nx = 2\n';

/**
 * Starts the page, once, with exactly these kept programs (newest first), stored as the page
 * stores them (app/storage.ts: one entry per program), all kept a minute ago.
 */
async function seedKept(page: Page, programs: string[]) {
  await page.addInitScript((list) => {
    if (sessionStorage.getItem('kept-seeded')) return;
    sessionStorage.setItem('kept-seeded', '1');
    localStorage.clear();
    const at = Date.now() - 60_000;
    list.forEach((code, i) =>
      localStorage.setItem(`loopscope:code:kept:seed${i}`, JSON.stringify({ code, at: at - i })),
    );
  }, programs);
}

const kept = (page: Page) => page.getByRole('group', { name: 'Your previous code' });
const summary = (page: Page) => kept(page).getByRole('button', { name: /^\d+ kept programs?$/ });
const restoreButtons = (page: Page) =>
  kept(page).getByRole('button', { name: /^Restore my previous code: / });

async function overlap(page: Page, a: string, b: string) {
  const boxA = (await page.locator(a).boundingBox())!;
  const boxB = (await page.locator(b).boundingBox())!;
  return (
    boxA.x < boxB.x + boxB.width &&
    boxB.x < boxA.x + boxA.width &&
    boxA.y < boxB.y + boxB.height &&
    boxB.y < boxA.y + boxA.height
  );
}

test('each kept program is named by what tells it apart, and so are its buttons', async ({
  page,
}) => {
  await seedKept(page, [FAN_OUT, PRODUCER, PRODUCER_LONGER]);
  const app = new LoopscopePage(page);
  await page.goto('/');
  await expect(summary(page)).toHaveAccessibleName('3 kept programs');
  await summary(page).click();
  await expect(kept(page).getByRole('listitem')).toHaveCount(3);
  const rows = kept(page).getByRole('listitem');
  await expect(rows.nth(0).locator('code')).toHaveText('Fan-out with gather');
  await expect(rows.nth(1).locator('code')).toHaveText('async def producer');
  // Same name, same minute: their length tells them apart.
  await expect(rows.nth(1)).toContainText(/kept [^·]*\d:\d\d [AP]M · 4 lines/);
  await expect(rows.nth(2)).toContainText(/kept [^·]*\d:\d\d [AP]M · 6 lines/);

  const names = await restoreButtons(page).evaluateAll((buttons) =>
    buttons.map((b) => b.getAttribute('aria-label')),
  );
  expect(new Set(names).size).toBe(3);
  const discards = await kept(page)
    .getByRole('button', { name: /^Discard the kept program / })
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
  expect(new Set(discards).size).toBe(3);

  await kept(page)
    .getByRole('button', { name: /: Fan-out with gather/ })
    .click();
  await expect(app.editor).toContainText('Fan-out with gather');
  await expect.poll(() => app.savedCode()).toBe(FAN_OUT);
});

test('the notice folds to one line and never covers the code of a short window', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 400 });
  await seedKept(page, [FAN_OUT, PRODUCER, PRODUCER_LONGER]);
  const app = new LoopscopePage(page);
  await page.goto('/');
  await expect(app.editor).toContainText('import asyncio');
  // A list kept from before starts folded: one line.
  await expect(summary(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(restoreButtons(page)).toHaveCount(0);
  expect((await kept(page).boundingBox())!.height).toBeLessThan(60);
  expect(await overlap(page, '.ls-course-kept', '.ls-region-editor')).toBe(false);

  await summary(page).click();
  await expect(restoreButtons(page)).toHaveCount(3);
  await expect(restoreButtons(page).first()).toBeVisible();
  expect(await overlap(page, '.ls-course-kept', '.ls-region-editor')).toBe(false);
  // The list is capped and scrolls rather than growing with every program kept.
  const list = kept(page).getByRole('list');
  expect((await list.boundingBox())!.height).toBeLessThanOrEqual(400 * 0.3 + 1);

  await summary(page).click();
  await expect(restoreButtons(page)).toHaveCount(0);
});

test("another tab's changes to the kept programs show at once", async ({ page, context }) => {
  await seedKept(page, [FAN_OUT]);
  const app = new LoopscopePage(page);
  await page.goto('/');
  await expect(summary(page)).toHaveAccessibleName('1 kept program');
  const other = await context.newPage();
  await other.goto('/');
  await expect(summary(other)).toHaveAccessibleName('1 kept program');

  // Work in the first tab, replaced by an example: kept, and the second tab sees it.
  await app.setCode("print('work in tab one')");
  await app.openExample();
  await expect(summary(page)).toHaveAccessibleName('2 kept programs');
  await expect(summary(other)).toHaveAccessibleName('2 kept programs');

  // Discarded in the second tab: gone from the first.
  await summary(other).click();
  await other
    .getByRole('button', { name: /^Discard the kept program Fan-out with gather/ })
    .click();
  await expect(summary(other)).toHaveAccessibleName('1 kept program');
  await expect(summary(page)).toHaveAccessibleName('1 kept program');
  await expect(kept(page).getByRole('listitem')).toHaveText([/print\('work in tab one'\)/]);
  await other.close();
});

const LINK_CODE = "print('FROM THE LINK')\n";
const link = () => `/#code/${LZString.compressToEncodedURIComponent(LINK_CODE)}`;

/** Opens the gallery's first example; returns its program (what the page saved). */
async function pickExample(page: Page, app: LoopscopePage): Promise<string> {
  await app.openExample();
  await expect(page.getByRole('note', { name: 'What to watch' })).toBeVisible();
  await expect.poll(() => app.savedCode()).not.toBe(LINK_CODE);
  return (await app.savedCode())!;
}

test('after picking an example over a link, a reload shows the example and the link opens again', async ({
  page,
}) => {
  await seedKept(page, []);
  const app = new LoopscopePage(page);
  await page.goto(link());
  await expect(app.editor).toContainText('FROM THE LINK');
  // Edited, so the link's program becomes work the page keeps when the example replaces it.
  await app.setCode("print('FROM THE LINK, edited')\n");

  const first = await pickExample(page, app);
  // A line only this example has (its first line is the import every program starts with).
  const firstLine = first.split('\n').find((l) => l.startsWith('async def '))!;
  // The address no longer names the link's program...
  await expect.poll(() => new URL(page.url()).hash).toBe('');
  // ...in a new history entry: Back opens the link's program again, Forward the example's page
  // as a fresh load of that address would: the saved program, the example.
  await page.goBack();
  await expect(app.editor).toContainText('FROM THE LINK');
  await page.goForward();
  await expect.poll(() => new URL(page.url()).hash).toBe('');
  await expect(app.editor).toContainText(firstLine);
  await expect(app.editor).not.toContainText('FROM THE LINK');
  await expect.poll(() => app.savedCode()).toBe(first);
  await page.reload();
  await expect(app.editor).toContainText(firstLine);
  await expect(app.editor).not.toContainText('FROM THE LINK');
  // ...and the link counts as left: pasted into the address bar again (only the hash changes,
  // so the page is not loaded again), it opens anew.
  await page.evaluate((href) => (location.href = href), link());
  await expect(app.editor).toContainText('FROM THE LINK');

  // A reload after the example opens what is on screen, not the link.
  const example = await pickExample(page, app);
  expect(example).not.toContain('FROM THE LINK');
  await expect.poll(() => new URL(page.url()).hash).toBe('');
  await page.reload();
  await expect(app.editor).toContainText(example.split('\n').find((l) => l.trim() !== '')!);
  await expect(app.editor).not.toContainText('FROM THE LINK');
  await expect.poll(() => app.savedCode()).toBe(example);
});

test('restoring a kept program over a link leaves the link too', async ({ page }) => {
  await seedKept(page, [FAN_OUT]);
  const app = new LoopscopePage(page);
  await page.goto(`/?v=1&lang=en${link().slice(1)}`);
  await expect(app.editor).toContainText('FROM THE LINK');
  await summary(page).click();
  await kept(page)
    .getByRole('button', { name: /: Fan-out with gather/ })
    .click();
  await expect(app.editor).toContainText('Fan-out with gather');
  // The page's own settings stay; the program's part of the link goes.
  await expect.poll(() => page.url()).toMatch(/\/\?v=1&lang=en$/);
  await page.reload();
  await expect(app.editor).toContainText('Fan-out with gather');
});
