import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import LZString from 'lz-string';
import { LoopscopePage } from './loopscope-page';

/**
 * Work a shared link (or a gallery example) replaced stays one click away until the person
 * restores or discards it: after a reload, Back or in a new tab, and however many links and
 * examples are opened over it. It is never silently replaced by the next program put aside.
 */
const DRAFT = "print('DRAFT')";
const LINK_A = "/?v=1#src=print('LINK%20A')%0A";
const linkB = () => `/?v=1#code/${LZString.compressToEncodedURIComponent("print('LINK B')\n")}`;

/** Starts the page with exactly this saved draft, once (a reload keeps what the test did). */
async function seedDraft(page: Page) {
  await page.addInitScript((draft) => {
    if (sessionStorage.getItem('kept-seeded')) return;
    sessionStorage.setItem('kept-seeded', '1');
    localStorage.clear();
    localStorage.setItem('loopscope:code', draft);
  }, DRAFT);
}

async function openLinkOverDraft(page: Page, url: string) {
  await page.goto(url);
  await page
    .getByRole('dialog', { name: 'Open the shared program?' })
    .getByRole('button', { name: /Open the link/ })
    .click();
}

const kept = (page: Page) => page.getByRole('group', { name: 'Your previous code' });
const restoreButton = (page: Page, preview: string) =>
  kept(page).getByRole('button', { name: `Restore my previous code: ${preview}` });
/** The notice's one line, which opens the list. */
const summary = (page: Page) => kept(page).getByRole('button', { name: /^\d+ kept programs?$/ });

/** A list kept from an earlier page view starts as its one line: open it. */
async function openKept(page: Page, count: number) {
  const line = summary(page);
  await expect(line).toHaveText(`▸ ${count} kept program${count === 1 ? '' : 's'}`);
  await expect(line).toHaveAttribute('aria-expanded', 'false');
  await line.click();
  await expect(line).toHaveAttribute('aria-expanded', 'true');
}

test('the replaced draft can still be restored after a reload, Back and in a new tab', async ({
  page,
  context,
}) => {
  await seedDraft(page);
  const app = new LoopscopePage(page);
  await openLinkOverDraft(page, LINK_A);
  await expect(app.editor).toContainText('LINK A');
  await expect(restoreButton(page, DRAFT)).toBeVisible();

  // The link is the tab's program now: a reload asks nothing, and the way back is still there.
  await page.reload();
  await expect(app.editor).toContainText('LINK A');
  await openKept(page, 1);
  await expect(kept(page)).toContainText('Your previous code is kept in this browser');
  await expect(restoreButton(page, DRAFT)).toBeVisible();

  // And after leaving the link and coming Back to it.
  await page.goto('/');
  await openKept(page, 1);
  await expect(restoreButton(page, DRAFT)).toBeVisible();
  await page.goBack();
  await expect(app.editor).toContainText('LINK A');
  await openKept(page, 1);
  await expect(restoreButton(page, DRAFT)).toBeVisible();

  // So is it in another tab of the same browser.
  const other = await context.newPage();
  await other.goto('/');
  await openKept(other, 1);
  await expect(restoreButton(other, DRAFT)).toBeVisible();
  await other.close();

  await restoreButton(page, DRAFT).click();
  await expect(app.editor).toContainText('DRAFT');
  await expect.poll(() => app.savedCode()).toBe(DRAFT);
  // Used: the link's own program is not work to keep (the link opens it again), so nothing is left.
  await expect(kept(page)).toHaveCount(0);
  await page.goto('/');
  await expect(app.editor).toContainText('DRAFT');
  await expect(kept(page)).toHaveCount(0);
});

test('an example picked over the link keeps the draft restorable', async ({ page }) => {
  await seedDraft(page);
  const app = new LoopscopePage(page);
  await openLinkOverDraft(page, LINK_A);
  await expect(app.editor).toContainText('LINK A');
  await app.openExample();
  await expect(app.editor).toContainText('asyncio');
  // The unedited link program did not take the draft's place.
  await expect(kept(page).getByRole('listitem')).toHaveCount(1);
  await restoreButton(page, DRAFT).click();
  await expect(app.editor).toContainText('DRAFT');
  await expect.poll(() => app.savedCode()).toBe(DRAFT);
});

test('a second link over edited work keeps both programs, each restorable or discarded', async ({
  page,
}) => {
  await seedDraft(page);
  const app = new LoopscopePage(page);
  await openLinkOverDraft(page, LINK_A);
  await expect(app.editor).toContainText('LINK A');
  const edited = "print('LINK A, edited')";
  await app.setCode(edited);

  await openLinkOverDraft(page, linkB());
  await expect(app.editor).toContainText('LINK B');
  await expect(kept(page)).toContainText('2 earlier programs are kept in this browser');
  await expect(restoreButton(page, edited)).toBeVisible();
  await expect(restoreButton(page, DRAFT)).toBeVisible();

  // Discarding is the person's choice, and it lasts.
  await kept(page)
    .getByRole('button', { name: `Discard the kept program ${edited}` })
    .click();
  await expect(restoreButton(page, edited)).toHaveCount(0);
  await page.reload();
  await expect(app.editor).toContainText('LINK B');
  await openKept(page, 1);
  await expect(kept(page).getByRole('listitem')).toHaveCount(1);
  await restoreButton(page, DRAFT).click();
  await expect(app.editor).toContainText('DRAFT');
  await expect.poll(() => app.savedCode()).toBe(DRAFT);
});

test('a program that is not work of your own is not kept', async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('kept-seeded')) return;
    sessionStorage.setItem('kept-seeded', '1');
    localStorage.clear();
  });
  const app = new LoopscopePage(page);
  await page.goto('/');
  await expect(app.editor).toContainText('import asyncio');
  // The page's default program, then a gallery program, replaced by examples.
  for (let i = 0; i < 2; i++) {
    await app.openExample(i);
    await expect(page.getByRole('note', { name: 'What to watch' })).toBeVisible();
  }
  await expect(kept(page)).toHaveCount(0);
  // Nothing under the list's key, nor under any entry of it (app/storage.ts).
  expect(
    await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('loopscope:code:kept')),
    ),
  ).toEqual([]);
});
