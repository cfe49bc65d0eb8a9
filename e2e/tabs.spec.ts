import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * Two tabs of the page in one browser: each keeps its own program across a reload, and a new tab
 * starts from the last one edited.
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

test('two tabs keep their own work: reloading a tab restores its own code', async ({ context }) => {
  const pageA = await context.newPage();
  const pageB = await context.newPage();
  await seedSaved(pageA, null);
  const a = new LoopscopePage(pageA);
  const b = new LoopscopePage(pageB);
  await pageA.goto('/');
  await expect(a.editor).toContainText('asyncio');
  await a.setCode('print("tab A work")\n');
  await pageB.goto('/');
  await expect(b.editor).toContainText('tab A work');
  await b.setCode('print("tab B work")\n');

  await pageA.reload();
  await expect(a.editor).toContainText('tab A work');
  await pageB.reload();
  await expect(b.editor).toContainText('tab B work');
  // A new tab starts from the last draft edited anywhere.
  const pageC = await context.newPage();
  await pageC.goto('/');
  await expect(new LoopscopePage(pageC).editor).toContainText('tab B work');
});
