import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * A page opened with simulated-world settings (seed, latency) runs every program with them. The
 * links it makes must keep them: a shared step points into a run made with them, and a seeded
 * program only prints the same numbers when the reopened run uses the same seed.
 */
const PROGRAM = 'import random\nprint("roll", random.randint(1, 10**9))\n';

test('Share keeps the seed and latency of the link that opened the page', async ({
  page,
  context,
}) => {
  const app = new LoopscopePage(page);
  await page.goto(`/?v=1&seed=7&latency=200#src=${encodeURIComponent(PROGRAM)}`);
  await app.waitReady();
  await app.run();
  const roll = (await app.output.innerText()).trim();
  expect(roll).toMatch(/^roll \d+$/);

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const field = page.getByRole('dialog').getByRole('textbox', { name: 'Share link' });
  const link = new URL(await field.inputValue());
  expect(link.searchParams.get('seed')).toBe('7');
  expect(link.searchParams.get('latency')).toBe('200');

  // The reader's run of the shared link prints what the author saw.
  const reader = new LoopscopePage(await context.newPage());
  await reader.page.goto(link.href);
  await reader.waitReady();
  await reader.run();
  await expect(reader.output).toHaveText(roll);
});

test("an embed's Open in Loopscope keeps its seed, latency and language", async ({ page }) => {
  const app = new LoopscopePage(page);
  await page.goto(
    `/embed.html?v=1&seed=7&latency=200&lang=zh&autorun=1#src=${encodeURIComponent(PROGRAM)}`,
  );
  await app.waitReady();
  await app.waitRunEnd();
  const open = page.getByRole('link', { name: /在 Loopscope 中打开/ });
  await expect(open).toHaveAttribute('href', /[?&]seed=7(&|#)/);
  const href = new URL((await open.getAttribute('href'))!);
  expect(href.searchParams.get('latency')).toBe('200');
  expect(href.searchParams.get('lang')).toBe('zh-CN');
  expect(href.searchParams.get('step')).not.toBeNull();
});
