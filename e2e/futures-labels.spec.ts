/**
 * The Futures list names the future a task parks on inside a call as the task card does, in
 * words: asyncio.wait() with what ends the wait, a queue's join(), as_completed(); never the
 * tracer's raw label ("asyncio.wait FIRST_COMPLETED timeout"). In English and in Chinese.
 */
import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

const PROGRAM = [
  'import asyncio',
  '',
  'async def job(n):',
  '    await asyncio.sleep(n)',
  '    return n',
  '',
  'async def worker(q):',
  '    while True:',
  '        await q.get()',
  '        q.task_done()',
  '',
  'async def main():',
  '    tasks = [asyncio.create_task(job(n), name=f"job{n}") for n in (0.1, 0.2)]',
  '    done, pending = await asyncio.wait(',
  '        tasks, return_when=asyncio.FIRST_COMPLETED, timeout=5',
  '    )',
  '    for t in asyncio.as_completed(pending):',
  '        await t',
  '    q = asyncio.Queue()',
  '    w = asyncio.create_task(worker(q), name="worker")',
  '    q.put_nowait(1)',
  '    await q.join()',
  '    w.cancel()',
  '    print("done", len(done))',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

// Tall enough that the inspector shows every pending future of a step.
test.use({ viewport: { width: 1440, height: 1400 } });

test('the Futures list says what a call waits on in words, in English and in Chinese', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  await app.run();
  await expect(app.output).toContainText('done 1');
  // Its name follows the page's language, switched below.
  const bar = page.getByRole('region', { name: /^(Debugger|调试器)$/ });
  const inspector = page.getByRole('region', { name: 'Futures and resources' });
  await inspector.getByRole('tab', { name: /Futures/ }).click();
  const titles = page.locator('li[data-future] .ls-row-title');

  /**
   * Steps forward from where the cursor is until a row titled `title` is listed, waiting after
   * each step for the debugger to show it (its data-step).
   */
  const stepUntilListed = async (title: string, forward: Locator) => {
    for (let i = 0; i < 300; i++) {
      if ((await titles.allInnerTexts()).includes(title)) return;
      // At the end of the run: the title was never shown.
      if (await forward.isDisabled()) break;
      const before = (await bar.getAttribute('data-step'))!;
      await forward.click();
      await expect(bar).not.toHaveAttribute('data-step', before);
    }
    throw new Error(`never listed: ${title}`);
  };

  // From the start, as a person stepping through: at each wait the card names, its future is
  // listed in the same words, never the tracer's label.
  const forward = bar.getByRole('button', { name: 'Step forward', exact: true });
  await bar.getByRole('button', { name: 'Jump to start', exact: true }).click();
  await expect(bar).toHaveAttribute('data-step', '0');
  const seen: string[] = [];
  for (const title of [
    'asyncio.wait() until the first completes or it times out',
    'as_completed()',
    'queue q.join()',
  ]) {
    await stepUntilListed(title, forward);
    seen.push(...(await titles.allInnerTexts()));
  }
  expect(seen.join('\n')).not.toMatch(/FIRST_COMPLETED|^as_completed$|^join$/m);

  // The same rows in Chinese (the page's language switched in place).
  await bar.getByRole('button', { name: 'Jump to start', exact: true }).click();
  await expect(bar).toHaveAttribute('data-step', '0');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  const zhForward = page.getByRole('button', { name: '前进一步', exact: true });
  await stepUntilListed('asyncio.wait()，直到第一个完成或超时', zhForward);
  await stepUntilListed('队列 q 的 join()', zhForward);
});
