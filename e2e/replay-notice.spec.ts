import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { LoopscopePage, editorLinesWith } from './loopscope-page';

/**
 * A recorded run (`?trace=`) says how it ended, as the live run did: the console's notice for a
 * deadlock and the engine's closing line naming the waiters, in the page's language, and the
 * editor marks the first waiting task's line as an error.
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
    'Deadlock: the program waits for something that can never happen.',
  );
  // Who waits for what: the engine's closing line, which a replay adds from the trace.
  await expect(app.output).toContainText(
    /loopscope: deadlock: Task-1 \(main\) waits for gather of .* held by Task-2 at line 14/,
  );
  // The deadlock is an error where the first waiting task waits (main, at line 21): its line
  // link in the warnings list brings the line into view, with the red "!" and the error tint.
  await page
    .getByRole('list', { name: 'Warnings' })
    .getByRole('button', { name: 'line 21' })
    .click();
  await expect.poll(() => editorLinesWith(page, 'ls-gut-error')).toEqual([21]);
  expect(await editorLinesWith(page, 'ls-error-line')).toEqual([21]);

  await page.goto('/?lang=zh-CN&trace=traces/deadlock.json');
  await expect(app.editor).toContainText('async def first(a, b)');
  await expect(app.notice).toHaveText('死锁：程序在等待一件永远不会发生的事。');
  const output = page.getByRole('log', { name: '程序输出' });
  await expect(output).toContainText('loopscope：死锁：Task-1 (main) 在第 21 行等待');
  await expect(output).not.toContainText(/waits for|held by/);
});
