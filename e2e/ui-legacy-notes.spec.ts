/**
 * A 2015-era program (`@asyncio.coroutine`, `yield from`) runs fine and gets legacy notes. The
 * warnings list says each note's label once, the editor marks the note's line with a note's mark
 * rather than a crash's red "!", and in Chinese the task cards read as Chinese sentences.
 */
import { expect, test } from '@playwright/test';
import { LoopscopePage, editorLinesWith } from './loopscope-page';

const LEGACY = [
  'import asyncio',
  '@asyncio.coroutine',
  'def slow():',
  '    yield from asyncio.sleep(0.1)',
  '    return 1',
  'async def main():',
  '    print(await slow())',
  'asyncio.run(main())',
  '',
].join('\n');

test('legacy notes: the label once, a note mark in the gutter, Chinese task cards', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(LEGACY);
  await app.run();
  await expect(app.output).toContainText('1');
  const bar = page.getByRole('region', { name: 'Debugger' });
  await expect(bar).not.toHaveAttribute('data-step', '-1');

  const notes = page.getByRole('list', { name: 'Warnings' }).getByRole('listitem');
  await expect(notes.first()).toContainText('@asyncio.coroutine generator coroutine');
  for (const text of await notes.allTextContents()) {
    expect(text.match(/Legacy asyncio/g), text).toHaveLength(1);
  }

  // The program ran fine: its notes get the note mark, and nothing the red one of a crash.
  await expect.poll(() => editorLinesWith(page, 'ls-gut-note')).not.toEqual([]);
  expect(await editorLinesWith(page, 'ls-gut-error')).toEqual([]);
  expect(await editorLinesWith(page, 'ls-error-line')).toEqual([]);

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  const zhNotes = page.getByRole('list', { name: '警告' }).getByRole('listitem');
  await expect(zhNotes.first()).toContainText('@asyncio.coroutine 生成器协程');
  for (const text of await zhNotes.allTextContents()) {
    expect(text.match(/旧式 asyncio 写法/g), text).toHaveLength(1);
  }
  // main() runs as Task-1, created by the program at line 8: one Chinese sentence, no comma.
  const main = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: 'Task-1', exact: true }) });
  await expect(main.locator('.ls-created')).toHaveText('由主程序在第 8 行创建');
});
