import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { BOOT_TIMEOUT, LoopscopePage } from './loopscope-page';

/**
 * A replay link (`trace=`) brings a program, the recorded run's, and opens like any link that
 * brings one (docs/embedding.md): it asks before replacing the student's saved work, keeps that
 * work with a Restore button, and only then shows (and saves) the recorded program. Also the
 * replay's step after an autorun, the embed's Open in Loopscope link after an edit, and the step
 * readout in a 320 px frame.
 */

/** The student's saved work (MY). */
const MY =
  'import asyncio\n\n# My homework\nasync def main():\n    print("mine")\n\nasyncio.run(main())\n';

const question = (page: Page) => page.getByRole('dialog', { name: 'Open the shared program?' });
const openLink = (page: Page) =>
  question(page).getByRole('button', {
    name: 'Open the link (my code stays saved and can be restored)',
  });
const kept = (page: Page) => page.getByRole('group', { name: 'Your previous code' });

/** Serves the golden gather_sleeps recording at traces/x.json. */
async function serveRecording(page: Page): Promise<string> {
  const golden = await readFile(
    new URL('../tests/golden/gather_sleeps.trace.json', import.meta.url),
    'utf8',
  );
  await page.route('**/traces/x.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: golden }),
  );
  return (JSON.parse(golden) as { meta: { source: string } }).meta.source;
}

/** Starts the tab, once, with MY saved as the page saves it, and nothing else. */
async function saveMyWork(page: Page) {
  await page.addInitScript((mine) => {
    if (sessionStorage.getItem('e2e-seeded')) return;
    sessionStorage.setItem('e2e-seeded', '1');
    localStorage.clear();
    localStorage.setItem('loopscope:code', mine);
  }, MY);
}

/** The draft the page saved (this tab's, and the one new tabs start from) and the kept programs. */
function storage(page: Page) {
  return page.evaluate(() => ({
    local: localStorage.getItem('loopscope:code'),
    session: sessionStorage.getItem('loopscope:code'),
    kept: Object.keys(localStorage)
      .filter((k) => k.startsWith('loopscope:code:kept:'))
      .map((k) => (JSON.parse(localStorage.getItem(k)!) as { code: string }).code),
  }));
}

/** Pastes a program, again until it took (a paste can land while Monaco takes over). */
async function paste(app: LoopscopePage, code: string) {
  await expect(async () => {
    await app.pasteCode(code);
    await expect(app.editor).toContainText(code.trim(), { timeout: 2_000 });
  }).toPass();
}

test('a replay link with autorun asks before replacing saved work, and keeps it', async ({
  page,
}) => {
  const recorded = await serveRecording(page);
  await saveMyWork(page);
  const app = new LoopscopePage(page);
  await page.goto('/?v=1&trace=traces/x.json&autorun=1');
  await expect(question(page)).toBeVisible();
  // Nothing is written, and nothing runs, while the question is open.
  expect(await storage(page)).toMatchObject({ local: MY, kept: [] });
  expect((await storage(page)).session).not.toBe(recorded);

  await openLink(page).click();
  await expect(app.playground).toHaveAttribute('data-run-seq', '1', { timeout: BOOT_TIMEOUT });
  await app.waitRunEnd(BOOT_TIMEOUT);
  await expect(app.output).toContainText("['A', 'B', 'C']");
  // MY is kept, with a Restore button; the recorded program is the link's, so it is not.
  expect((await storage(page)).kept).toEqual([MY]);
  const restore = kept(page).getByRole('button', { name: /^Restore my previous code: / });
  await expect(restore).toHaveAccessibleName(/My homework/);
  await restore.click();
  await expect(app.editor).toContainText('print("mine")');
  await expect.poll(() => app.savedCode()).toBe(MY);
});

test('an edit to the replayed program is saved only after the saved work was kept', async ({
  page,
}) => {
  const recorded = await serveRecording(page);
  await saveMyWork(page);
  const app = new LoopscopePage(page);

  // "Keep my code": the page opens MY, untouched, and no replay.
  await page.goto('/?v=1&trace=traces/x.json');
  await question(page).getByRole('button', { name: 'Keep my code' }).click();
  await expect(app.editor).toContainText('print("mine")');
  await expect(page.getByRole('button', { name: 'Load Python to run it' })).toHaveCount(0);
  expect(await storage(page)).toMatchObject({ local: MY, kept: [] });

  // The same link again, opened this time: the recorded run shows, MY is kept.
  await page.reload();
  await openLink(page).click();
  await expect(app.editor).toContainText('async def worker(name, delay)');
  await expect(page.getByTestId('cursor-step')).not.toHaveText('');
  expect(await storage(page)).toMatchObject({ local: recorded, kept: [MY] });
  // The student's edit is new work, and saved from the first keystroke, Python or not.
  await paste(app, 'print("my edit of the recording")\n');
  await expect.poll(() => app.savedCode()).toBe('print("my edit of the recording")\n');
  expect((await storage(page)).kept).toEqual([MY]);
});

test('an example picked over a replayed program keeps the saved work, not the recording', async ({
  page,
}) => {
  const recorded = await serveRecording(page);
  await saveMyWork(page);
  const app = new LoopscopePage(page);
  await page.goto('/?v=1&trace=traces/x.json');
  await openLink(page).click();
  await expect(app.editor).toContainText('async def worker(name, delay)');
  await app.openExample(1);
  await expect(app.editor).not.toContainText('async def worker(name, delay)');
  await expect(kept(page).getByRole('listitem')).toHaveCount(1);
  await expect(kept(page).getByRole('listitem').locator('code')).toHaveText('My homework');
  const after = await storage(page);
  expect(after.kept).toEqual([MY]);
  expect(after.kept).not.toContain(recorded);
});

test("a replay embed with autorun keeps the link's step after the live run", async ({ page }) => {
  await serveRecording(page);
  const app = new LoopscopePage(page);
  await page.goto('/embed.html?v=1&trace=traces/x.json&autorun=1&step=20');
  const bar = page.getByRole('region', { name: 'Debugger' });
  await expect(page.getByTestId('cursor-step')).toHaveText('21');
  await expect(app.playground).toHaveAttribute('data-run-seq', '1', { timeout: BOOT_TIMEOUT });
  await app.waitRunEnd(BOOT_TIMEOUT);
  await expect(app.output).toContainText('a finished after 0.3 s');
  // The run's trace and the cursor at its end come in one update; the link's step follows.
  await expect(bar).toHaveAttribute('data-step', '20');
  await expect(page.getByTestId('cursor-step')).toHaveText('21');
});

test("an embed's Open in Loopscope drops the step once the code changed", async ({ page }) => {
  await serveRecording(page);
  const app = new LoopscopePage(page);
  await page.goto('/embed.html?v=1&trace=traces/x.json&step=3');
  await expect(page.getByTestId('cursor-step')).toHaveText('4');
  const open = page.getByRole('link', { name: /Open in Loopscope/ });
  const step = async () => new URL((await open.getAttribute('href'))!).searchParams.get('step');
  await expect.poll(step).toBe('3');
  await paste(app, 'print("a reader\'s own program")\n');
  await expect.poll(step).toBeNull();
});

for (const lang of ['en', 'zh-CN']) {
  test(`a 320 px replay embed shows its whole step readout (${lang})`, async ({ page }) => {
    await serveRecording(page);
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto(`/embed.html?v=1&trace=traces/x.json&lang=${lang}`);
    await expect(page.getByTestId('cursor-step')).toHaveText('163');
    const parts = page.locator('.ls-position > span');
    await expect(parts).toHaveCount(3);
    await expect(parts.nth(2)).toHaveText(lang === 'en' ? /^iter \d+$/ : /\d/);
    // Every part of the readout lies inside the frame and the step controls, none cut at the
    // right edge.
    const outside = await parts.evaluateAll((spans) =>
      spans
        .map((s) => {
          const bar = s.closest('.ls-playback')!.getBoundingClientRect();
          const right = Math.min(bar.right, document.documentElement.clientWidth);
          return { text: s.textContent, box: s.getBoundingClientRect(), left: bar.left, right };
        })
        .filter(({ box, left, right }) => box.left < left - 0.5 || box.right > right + 0.5)
        .map(({ text }) => text),
    );
    expect(outside).toEqual([]);
  });
}

test('a recording whose seed a link cannot carry says so', async ({ page }) => {
  const golden = JSON.parse(
    await readFile(new URL('../tests/golden/gather_sleeps.trace.json', import.meta.url), 'utf8'),
  ) as { meta: { options: Record<string, unknown> } };
  // `loopscope run --seed 1e21` records a seed past what a JavaScript number holds exactly.
  const body = JSON.stringify(golden).replace('"seed":0', '"seed":1e21');
  expect(body).toContain('"seed":1e21');
  await page.route('**/traces/big-seed.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body }),
  );
  await page.goto('/?v=1&trace=traces/big-seed.json');
  await expect(page.getByTestId('cursor-step')).not.toHaveText('');
  await expect(
    page.getByRole('status').filter({ hasText: 'This run was recorded with seed 1e+21' }),
  ).toBeVisible();
});
