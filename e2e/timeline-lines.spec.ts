/**
 * After the code is edited under a shown run, the timeline's tooltips name the run's lines as the
 * editor numbers them now, as the panels do (e2e/panel-lines.spec.ts); a line deleted since is
 * struck through.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';
import { findOnLane } from './timeline-hover';

const PROGRAM = [
  'import asyncio', // 1
  '', // 2
  'async def waiter(fut):', // 3
  '    await fut', // 4
  '', // 5
  'async def main():', // 6
  '    loop = asyncio.get_running_loop()', // 7
  '    fut = loop.create_future()', // 8
  '    t = asyncio.create_task(waiter(fut), name="waiter")', // 9
  '    await asyncio.sleep(1)', // 10
  '    fut.set_result(1)', // 11
  '    await t', // 12
  '', // 13
  'asyncio.run(main())', // 14
  '',
].join('\n');

/** The tooltip of the waiter's long wait, which names the future it waits on. */
async function waitTip(page: Page, timeline: Locator): Promise<string> {
  return (await findOnLane(page, timeline, /^waiter/, /created at line/, 4)).text;
}

test("the timeline's tooltips follow the edits made since the run", async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  await app.run();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('button', { name: 'Fit whole run' }).click();
  const tip = timeline.getByRole('tooltip');
  expect(await waitTip(page, timeline)).toContain('suspended on a Future created at line 8');

  // Two comment lines typed at the top: the run's line 8 is the editor's line 10 now.
  await app.editorInput.focus();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.insertText('# one\n# two\n');
  await expect(page.getByRole('status').filter({ hasText: 'The code changed' })).toBeVisible();
  expect(await waitTip(page, timeline)).toContain('suspended on a Future created at line 10');
  await expect(tip.locator('del')).toHaveCount(0);

  // That line deleted (Monaco's "delete line", caret on it): the run's number, struck through.
  await app.editorInput.focus();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < 10; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ControlOrMeta+Shift+K');
  await expect(app.editor).not.toContainText('loop.create_future()');
  expect(await waitTip(page, timeline)).toContain('suspended on a Future created at line 8');
  await expect(tip.locator('del')).toHaveText('8');
  await expect(tip.locator('del')).toHaveAttribute('title', /deleted from the code since/);
});
