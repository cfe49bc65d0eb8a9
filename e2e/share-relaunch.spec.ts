import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import LZString from 'lz-string';
import { LoopscopePage } from './loopscope-page';

/**
 * A share link opened in a tab that already shows one (same document, only the hash changes)
 * opens the way a first load would: same rules, same question before replacing edits.
 */
/** Starts each page of a test with exactly this saved code (or none), once per tab. */
async function seedSaved(page: Page, saved: string | null) {
  await page.addInitScript((value) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.clear();
    if (value !== null) localStorage.setItem('loopscope:code', value);
  }, saved);
}

const codeLink = (code: string) => `/?v=1#code/${LZString.compressToEncodedURIComponent(code)}`;
const FIRST = 'print("first link")\n';
const SECOND = 'print("second link")\n';

test('a second share link opened in the same tab (hash change) opens like a fresh load', async ({
  page,
}) => {
  await seedSaved(page, null);
  const app = new LoopscopePage(page);
  await page.goto(codeLink(FIRST));
  await expect(app.editor).toContainText('first link');
  // Same document, new hash: the page must load link B, not keep showing A.
  await page.goto(codeLink(SECOND));
  await expect(app.editor).toContainText('second link');
  await expect.poll(() => app.savedCode()).toBe(SECOND);
  // Back goes to the first link again, with nothing to ask (B was not edited).
  await page.goBack();
  await expect(app.editor).toContainText('first link');
});

test('a second link never drops edits to the first one: it asks, and Restore brings them back', async ({
  page,
}) => {
  await seedSaved(page, null);
  const app = new LoopscopePage(page);
  await page.goto(codeLink(FIRST));
  await expect(app.editor).toContainText('first link');
  const edited = 'print("first link, edited by me")\n';
  await app.setCode(edited);

  await page.goto(codeLink(SECOND));
  const question = page.getByRole('dialog', { name: 'Open the shared program?' });
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: /Open the link/ }).click();
  await expect(app.editor).toContainText('second link');
  await page.getByRole('button', { name: 'Restore my previous code' }).click();
  await expect(app.editor).toContainText('edited by me');
  await expect.poll(() => app.savedCode()).toBe(edited);
});
