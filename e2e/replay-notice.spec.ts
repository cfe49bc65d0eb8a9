import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * A recorded run (`?trace=`) says how it ended, as the live run did: the console's notice for a
 * deadlock, in the page's language.
 */
test('a replayed deadlock shows the notice a live run shows, in English and Chinese', async ({
  page,
}) => {
  const golden = await readFile(
    new URL('../tests/golden/deadlock.trace.json', import.meta.url),
    'utf8',
  );
  await page.route('**/traces/deadlock.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: golden }),
  );
  const app = new LoopscopePage(page);
  await page.goto('/?trace=traces/deadlock.json');
  await expect(app.editor).toContainText('async def first(a, b)');
  await expect(app.notice).toHaveText(
    /^Deadlock: Task-1 \(main\) waits for gather of .* held by Task-2 at line 14\.$/,
  );

  await page.goto('/?lang=zh-CN&trace=traces/deadlock.json');
  await expect(app.editor).toContainText('async def first(a, b)');
  await expect(app.notice).toContainText('死锁：Task-1 (main) 在第 21 行等待');
  await expect(app.notice).not.toContainText(/waits for|held by/);
});
