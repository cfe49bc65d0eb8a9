/**
 * After the code is edited under a shown run, the panels name the run's lines as the editor
 * numbers them now (the explanation, the loop panel, task cards, resources), until the next run;
 * a line deleted since is shown struck through, and a line link still goes to its text.
 */
import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

const PROGRAM = [
  'import asyncio', // 1
  '', // 2
  '', // 3
  'async def producer(queue):', // 4
  '    for i in range(3):', // 5
  '        await queue.put(i)', // 6
  '        await asyncio.sleep(0.1)', // 7
  '    await queue.put(None)', // 8
  '', // 9
  '', // 10
  'async def consumer(queue):', // 11
  '    total = 0', // 12
  '    while True:', // 13
  '        item = await queue.get()', // 14
  '        if item is None:', // 15
  '            break', // 16
  '        total += item', // 17
  '        print("got", item)', // 18
  '    return total', // 19
  '', // 20
  '', // 21
  'async def main():', // 22
  '    queue = asyncio.Queue()', // 23
  '    c = asyncio.create_task(consumer(queue))', // 24
  '    await producer(queue)', // 25
  '    print("total", await c)', // 26
  '', // 27
  '', // 28
  'asyncio.run(main())', // 29
  '',
].join('\n');

// Tall enough that every line of the program has its number in the gutter.
test.use({ viewport: { width: 1440, height: 1080 } });

test('panel line numbers follow the edits made since the run', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  await app.run();
  const bar = page.getByRole('region', { name: 'Debugger' });
  const explanation = page.getByTestId('explanation');
  const running = page.getByTestId('loop-running');
  const consumer = page.getByRole('listitem', { name: /^Task Task-2,/ });
  const lineNumber = (n: number) =>
    app.editor.locator('.margin-view-overlays .line-numbers').getByText(String(n), { exact: true });

  // Two comment lines typed at the top: the run's line 18 (the consumer's print) is line 20 now.
  await app.editorInput.focus();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.insertText('# one\n# two\n');
  await expect(page.getByRole('status').filter({ hasText: 'The code changed' })).toBeVisible();
  await bar.getByRole('button', { name: 'Jump to start', exact: true }).click();
  await expect(bar).toHaveAttribute('data-step', '0');
  await lineNumber(20).click();
  await expect(bar).toHaveAttribute('data-current-line', '18');

  // Every panel says 20 for it, and the other lines where they are now.
  await expect(explanation).toHaveText('Task-2 runs line 20.');
  await expect(running).toContainText('line 20');
  await expect(consumer).toContainText('now at line 20');
  await expect(consumer).toContainText('created by Task-1, line 26');
  await expect(consumer).not.toContainText('line 18');
  const inspector = page.getByRole('region', { name: 'Futures and resources' });
  await inspector.getByRole('tab', { name: /Resources/ }).click();
  await expect(inspector.getByRole('tabpanel')).toContainText('line 25');

  // The card's link goes to the editor's line 20 (Monaco numbers the caret's line as active).
  await consumer.getByRole('button', { name: 'line 20', exact: true }).click();
  await expect(app.editor.locator('.line-numbers.active-line-number')).toHaveText('20');

  // The print deleted (Monaco's "delete line", caret on it): its number is the run's, struck.
  await app.editorInput.focus();
  await page.keyboard.press('ControlOrMeta+Shift+K');
  await expect(app.editor).not.toContainText('print("got"');
  await expect(explanation).toHaveText('Task-2 runs line 18.');
  await expect(explanation.locator('del')).toHaveText('18');
  await expect(explanation.locator('del')).toHaveAttribute('title', /deleted from the code since/);
  await expect(consumer.locator('del')).toHaveText('line 18');
  await expect(consumer.getByRole('button', { name: 'line 18' })).toHaveCount(0);
  await expect(running.locator('del')).toHaveText('line 18');
  // Lines above the deleted one keep their new numbers.
  await expect(consumer).toContainText('created by Task-1, line 25');

  // The next run is of the text as it is: its numbers are the editor's again, none struck.
  await app.run();
  await bar.getByRole('button', { name: 'Jump to start', exact: true }).click();
  await expect(bar).toHaveAttribute('data-step', '0');
  await lineNumber(18).click();
  await expect(explanation).toHaveText('Task-2 runs line 18.');
  await expect(explanation.locator('del')).toHaveCount(0);
});
