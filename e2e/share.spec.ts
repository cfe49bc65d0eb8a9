import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import LZString from 'lz-string';
import { encodeLink } from '../src/share/link';
import { LoopscopePage } from './loopscope-page';
import { GATHER_PROGRAM } from './programs';

const PROGRAM = GATHER_PROGRAM;

const MINE = 'print("my precious work")\n';

/** Starts each page with exactly this saved code (or none), once per test. */
async function seedStorage(page: Page, saved: string | null) {
  await page.addInitScript((value) => {
    if (sessionStorage.getItem('share-seeded')) return;
    sessionStorage.setItem('share-seeded', '1');
    localStorage.clear();
    if (value !== null) localStorage.setItem('loopscope:code', value);
  }, saved);
}

function link(options: Parameters<typeof encodeLink>[1]['options'], code = PROGRAM) {
  const url = new URL(encodeLink('http://localhost:5173/', { code, options }));
  return url.pathname + url.search + url.hash;
}

test('a link with autorun lands at its step after the run', async ({ page }) => {
  await seedStorage(page, null);
  const app = new LoopscopePage(page);
  await page.goto(link({ step: 5, autorun: true }));
  await app.waitReady();
  await expect(app.playground).toHaveAttribute('data-run-seq', '1');
  await app.waitRunEnd();
  // The debugger shows steps counted from 1; the link's step is the event index.
  await expect(page.getByTestId('cursor-step')).toHaveText('6');
  expect(await app.savedCode()).toBe(PROGRAM);
});

test('a link without autorun waits for Run, then lands at its step', async ({ page }) => {
  await seedStorage(page, null);
  const app = new LoopscopePage(page);
  await page.goto(link({ step: 3, granularity: 'iteration' }));
  await app.waitReady();
  await expect(page.getByText('Press Run to open this program at step 4.')).toBeVisible();
  expect(await app.runSeq()).toBe(0);
  await app.run();
  await expect(page.getByTestId('cursor-step')).toHaveText('4');
  await expect(page.getByRole('radio', { name: 'Iteration' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
});

test('a step past the end of the run opens at the last step and says so', async ({ page }) => {
  await seedStorage(page, null);
  const app = new LoopscopePage(page);
  await page.goto(link({ step: 999999, autorun: true }));
  await app.waitReady();
  await expect(app.playground).toHaveAttribute('data-run-seq', '1');
  await app.waitRunEnd();
  const notice = page.getByRole('status').filter({ hasText: 'past the end of this run' });
  await expect(notice).toContainText(
    /^This link opens at step 1,000,000, past the end of this run \(step [\d,]+\): the last step is shown\./,
  );
  const last = /\(step ([\d,]+)\)/.exec(await notice.innerText())![1];
  await expect(page.getByTestId('cursor-step')).toHaveText(last);
});

test("a recorded run's step past its end says so too", async ({ page }) => {
  const golden = await readFile(
    new URL('../tests/golden/gather_sleeps.trace.json', import.meta.url),
    'utf8',
  );
  await page.route('**/traces/gather.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: golden }),
  );
  await page.goto('/embed.html?v=1&trace=traces/gather.json&step=5000&lang=zh');
  const notice = page.getByRole('status').filter({ hasText: '这个链接要定位到第 5,001 步' });
  await expect(notice).toContainText(/但这次运行只到第 ([\d,]+) 步：现在显示的是最后一步。/);
  const last = /只到第 ([\d,]+) 步/.exec(await notice.innerText())![1];
  await expect(page.getByTestId('cursor-step')).toHaveText(last);
});

test('Share copies a link that opens the same program at the same step', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await seedStorage(page, PROGRAM);
  const app = new LoopscopePage(page);
  await page.goto('/');
  await app.waitReady();
  await app.run();
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  const shown = await page.getByTestId('cursor-step').innerText();

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this program' });
  await expect(dialog.getByRole('status')).toHaveText('Link copied to the clipboard.');
  const url = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  expect(new URL(url).hash).toBe('#code/' + LZString.compressToEncodedURIComponent(PROGRAM));
  expect(new URL(url).searchParams.get('step')).toBe(String(Number(shown) - 1));

  // Opened elsewhere (here: same browser, same saved program, so nothing to ask), with autorun.
  const other = await context.newPage();
  const otherApp = new LoopscopePage(other);
  await other.goto(url + '');
  await otherApp.waitReady();
  await otherApp.run();
  await expect(other.getByTestId('cursor-step')).toHaveText(shown);
});

test('a damaged link says so, opens the saved work and changes nothing', async ({ page }) => {
  await seedStorage(page, MINE);
  const app = new LoopscopePage(page);
  const good = link({ step: 2 });
  // Cut the program short: the checksum no longer matches.
  await page.goto(good.slice(0, good.length - 12));
  await app.waitReady();
  await expect(page.getByTestId('link-error')).toContainText(/damaged|cut off/);
  // It says what is shown: the saved work, not the default example.
  await expect(page.getByTestId('link-error')).toContainText(
    'Your saved program is shown instead; it is untouched.',
  );
  await expect(page.getByTestId('link-error')).not.toContainText('default example');
  await expect(app.editor).toContainText('my precious work');
  expect(await app.savedCode()).toBe(MINE);
});

test('settings a link gets wrong make one notice, and the program still opens', async ({
  page,
}) => {
  await seedStorage(page, null);
  const app = new LoopscopePage(page);
  // QA: six stacked notices, one per setting, covered half the page.
  const url = new URL(link({ step: 2 }), 'http://localhost/');
  for (const [k, v] of [
    ['granularity', 'foo'],
    ['theme', 'pink'],
    ['autorun', 'maybe'],
  ])
    url.searchParams.set(k, v);
  await page.goto(url.pathname + url.search + url.hash);
  await app.waitReady();
  const warnings = page.locator('.ls-course-toast-warning');
  await expect(warnings).toHaveCount(1);
  await expect(warnings).toHaveText(
    /^Ignored the link settings (granularity=foo|theme=pink|autorun=maybe)(, (granularity=foo|theme=pink|autorun=maybe)){2}: they are not values Loopscope knows\./,
  );
  await expect(app.editor).toContainText('asyncio');
});

test('a link from a newer Loopscope opens the default example with a message', async ({ page }) => {
  await seedStorage(page, null);
  const app = new LoopscopePage(page);
  await page.goto('/?v=7#code/' + LZString.compressToEncodedURIComponent('print(1)'));
  await app.waitReady();
  await expect(page.getByTestId('link-error')).toContainText('newer Loopscope');
  await expect(page.getByTestId('link-error')).toContainText(
    'The default example is shown instead.',
  );
  await expect(app.editor).toContainText('asyncio.gather');
});

test('opening a link never replaces saved work without asking', async ({ page }) => {
  await seedStorage(page, MINE);
  const app = new LoopscopePage(page);
  const url = link({ step: 1 });

  await page.goto(url);
  const question = page.getByRole('dialog', { name: 'Open the shared program?' });
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Keep my code' }).click();
  await app.waitReady();
  await expect(app.editor).toContainText('my precious work');
  expect(await app.savedCode()).toBe(MINE);

  await page.reload();
  // The question opens with the focus on its first answer: Enter opens the link.
  await expect(question.getByRole('button', { name: /Open the link/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await app.waitReady();
  await expect(app.editor).toContainText('tick("a", 0.1)');
  expect(await app.savedCode()).toBe(PROGRAM);
  // The replaced work is one click away.
  await page.getByRole('button', { name: 'Restore my previous code' }).click();
  await expect(app.editor).toContainText('my precious work');
  await expect.poll(() => app.savedCode()).toBe(MINE);
});

test('Share warns above 8 KB and offers a download instead', async ({ page }) => {
  // Pseudo-random constants, so that lz-string cannot squeeze the link under the limit.
  let big = 'import asyncio\n\nTABLE = [\n';
  let seed = 42;
  while (big.length < 24_000) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    big += `    0x${seed.toString(16).padStart(8, '0')}${(seed ^ 0x5bd1e995).toString(16)},\n`;
  }
  big += ']\n';
  await seedStorage(page, big);
  const app = new LoopscopePage(page);
  await page.goto('/');
  await app.waitReady();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this program' });
  await expect(dialog.getByRole('alert')).toContainText('more than about 8 KB');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download main.py' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('main.py');
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(path, 'utf8')).toBe(big);
});

test('Copy embed code gives a lazy iframe snippet that opens this program as an embed', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await seedStorage(page, PROGRAM);
  const app = new LoopscopePage(page);
  await page.goto('/');
  await app.waitReady();
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed in a page' });
  await dialog.getByRole('checkbox', { name: 'Timeline' }).check();
  await dialog.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Embed code copied.');
  const snippet = await dialog.getByRole('textbox', { name: 'Embed code' }).inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
  expect(snippet).toMatch(/^<iframe\n/);
  expect(snippet).toContain('loading="lazy"');
  // Titled for screen readers by what tells the program apart: it has no comment, so its first
  // definition (not "Loopscope: asyncio", what every program's title was).
  expect(snippet).toContain('title="Loopscope: async def tick"');
  // The timeline is a row of its own: the frame is taller (embed-layout.ts, embedHeight).
  expect(snippet).toContain('height="690"');
  const src = /src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&');
  expect(new URL(src).pathname).toBe('/embed.html');
  expect(new URL(src).searchParams.get('panels')).toBe('editor,loop,tasks,console,timeline');
  expect(new URL(src).searchParams.get('readonly')).toBe('1');

  // The snippet's page is the compact embed with this program and a way to the full page.
  const embed = await context.newPage();
  await embed.goto(src);
  await new LoopscopePage(embed).waitReady();
  await expect(embed.getByTestId('code-editor')).toContainText('tick("a", 0.1)');
  await expect(embed.getByRole('link', { name: /Open in Loopscope/ })).toBeVisible();
  await expect(embed.getByRole('button', { name: 'Share', exact: true })).toHaveCount(0);
  // An embed never saves, so the page's saved work is untouched by it.
  expect(await embed.evaluate(() => localStorage.getItem('loopscope:code'))).toBe(PROGRAM);
});

test('a malformed ?code= parameter is explained, and the saved work stays', async ({ page }) => {
  await seedStorage(page, 'print("saved work")\n');
  const app = new LoopscopePage(page);
  await page.goto('/?v=1&code=garbage');
  await expect(page.getByTestId('link-error')).toContainText('damaged');
  await expect(app.editor).toContainText('saved work');
  expect(await app.savedCode()).toBe('print("saved work")\n');

  // A well-formed one opens like #code/ (people and tools write it that way).
  await page.goto(
    '/?v=1&code=' + LZString.compressToEncodedURIComponent('print("from the query")\n'),
  );
  await page
    .getByRole('dialog', { name: 'Open the shared program?' })
    .getByRole('button', { name: /Open the link/ })
    .click();
  await expect(app.editor).toContainText('from the query');
});

test("the embed code of an unedited gallery example is titled with the example's title", async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  // The example's own link (the gallery's programs start with code, not a comment).
  await page.goto('/?v=1&example=downloads');
  await app.waitReady();
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed in a page' });
  const snippet = await dialog.getByRole('textbox', { name: 'Embed code' }).inputValue();
  expect(snippet).toContain('title="Loopscope: Concurrent downloads with a semaphore"');
});
