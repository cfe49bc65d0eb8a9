/**
 * The warnings list keeps room for the run's warnings from its first step: stepping past the
 * step that raises one does not move the editor and the panels down the page.
 */
import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

const PROGRAM = [
  'import asyncio, time',
  '',
  'async def work(i):',
  '    time.sleep(0.2)',
  '    await asyncio.sleep(0.1)',
  '',
  'async def main():',
  '    await asyncio.gather(*(work(i) for i in range(3)))',
  '    work(9)',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

test('warnings appearing while stepping move nothing below the debug bar', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  await app.run();
  const bar = page.getByRole('region', { name: 'Debugger' });
  const warnings = page.getByRole('list', { name: 'Warnings' }).getByRole('listitem');
  const tops = () =>
    page.evaluate(() =>
      ['section.ls-editor-panel', 'section[aria-label="Event loop"]'].map(
        (sel) => document.querySelector(sel)!.getBoundingClientRect().top,
      ),
    );

  await bar.getByRole('button', { name: 'Jump to start' }).click();
  await expect(bar).toHaveAttribute('data-step', '0');
  // Before the first warning: the list's room, saying what is to come.
  await expect(warnings).toHaveText(['No warnings yet: this run raises 4 later.']);
  const before = await tops();

  await bar.getByRole('button', { name: 'Jump to end' }).click();
  await expect(warnings).toHaveCount(4);
  await expect(warnings.first()).toContainText('never awaited');
  expect(await tops()).toEqual(before);
});
