import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

const CJK = /[\u4e00-\u9fff]/;

/** Two tasks sharing a Lock: the second waits for it while the first sleeps holding it. */
const LOCK_PROGRAM = [
  'import asyncio',
  '',
  'async def worker(lock):',
  '    async with lock:',
  '        await asyncio.sleep(0.3)',
  '',
  'async def main():',
  '    db = asyncio.Lock()',
  '    await asyncio.gather(worker(db), worker(db))',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

test.describe('a browser set to Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('shows the Chinese UI, explanations and gallery, and remembers a switch to English', async ({
    page,
  }) => {
    const app = new LoopscopePage(page);
    await app.open();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const toolbar = page.getByRole('toolbar', { name: '程序' });
    await expect(toolbar.getByRole('button', { name: '运行', exact: true })).toBeVisible();
    await expect(toolbar.getByRole('button', { name: '停止', exact: true })).toBeVisible();
    await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');

    // A run, then the debugger and its explanation in Chinese.
    await toolbar.getByRole('button', { name: '运行', exact: true }).click();
    await app.waitRunEnd();
    await expect(page.getByRole('button', { name: '跳到开头' })).toBeEnabled();
    await page.getByRole('button', { name: '跳到开头' }).click();
    await page.getByRole('button', { name: '前进一步' }).click();
    await expect(page.getByTestId('explanation')).toHaveText(CJK);
    await expect(page.getByRole('heading', { name: '控制台' })).toBeVisible();

    // The gallery, searched and opened in Chinese.
    await toolbar.getByRole('button', { name: '示例' }).click();
    const gallery = page.getByRole('dialog', { name: '示例' });
    await gallery.getByRole('searchbox', { name: '搜索示例' }).fill('死锁');
    // The deadlock example, and its neighbour from the group "旧式写法与死锁".
    await expect(gallery.getByRole('status')).toHaveText('共 2 个示例');
    await gallery.getByRole('button', { name: '打开示例：死锁' }).click();
    await expect(page.getByRole('note', { name: '观察要点' })).toContainText('交叉');
    await expect.poll(() => app.savedCode()).toContain('async def transfer');

    // Switching is remembered across a reload, over the browser's language.
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect(toolbar).toBeHidden();
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
    await page.reload();
    await app.waitReady();
    await expect(page.getByRole('button', { name: 'Examples' })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('loopscope:lang'))).toBe('en');
  });

  test('what tasks await is said in Chinese, in the explanation and on the task cards', async ({
    page,
  }) => {
    const app = new LoopscopePage(page);
    await app.open();
    await app.setCode(LOCK_PROGRAM);
    const toolbar = page.getByRole('toolbar', { name: '程序' });
    const before = await app.runSeq();
    await toolbar.getByRole('button', { name: '运行', exact: true }).click();
    await expect(app.playground).toHaveAttribute('data-run-seq', String(before + 1));
    await app.waitRunEnd();

    const explanation = page.getByTestId('explanation');
    const tasks = page.getByRole('region', { name: '任务', exact: true });
    const scrubber = page.getByRole('slider', { name: '进度条' });
    // The debugger's bar carries the step it shows, under its Chinese name.
    const bar = page.getByRole('region', { name: '调试器' });
    await expect(bar).not.toHaveAttribute('data-step', '-1');
    await scrubber.focus();
    await page.keyboard.press('Home');
    await expect(bar).toHaveAttribute('data-step', '0');

    // Event by event, up to each sentence about a wait: on a sleep, then on the Lock. A suspended
    // task's card says what it awaits in the same words.
    const wanted: [RegExp, RegExp | null][] = [
      [/挂起，等待 sleep 结束（t=0\.30 秒）/, /等待\s*sleep 结束（t=0\.30 秒）/],
      [/必须等待锁 \S/, null],
      [/挂起，等待锁 \S/, /等待\s*锁 \S/],
    ];
    const last = Number(await scrubber.getAttribute('max'));
    for (let step = 0; wanted.length > 0 && step < last; step++) {
      const text = await explanation.innerText();
      expect(text).not.toMatch(/sleep until|the next loop iteration|Lock |The program|task /);
      if (wanted[0][0].test(text)) {
        const card = wanted.shift()![1];
        if (card) await expect(tasks).toContainText(card);
        await expect(tasks).not.toContainText('sleep until');
      }
      await page.keyboard.press('ArrowRight');
      await expect(bar).toHaveAttribute('data-step', String(step + 1));
    }
    expect(wanted).toEqual([]);

    // The editor's hover on a line tasks are parked on names them in Chinese too: the worker
    // holding the Lock sleeps on line 5.
    await app.hoverCodeLine(5);
    await expect(app.editorHover).toContainText(/在此挂起：Task-\d/);
  });

  test("a run's end is said in Chinese: notice, console, warnings and explanation", async ({
    page,
  }) => {
    const app = new LoopscopePage(page);
    await app.open();
    // A thread-blocking wait in a coroutine: the engine ends the run as a deadlock, naming the
    // call and its line in English (the trace's and the CLI's text).
    await app.setCode(
      [
        'import asyncio, queue',
        '',
        'async def main():',
        '    queue.Queue().get()',
        '',
        'asyncio.run(main())',
        '',
      ].join('\n'),
    );
    const toolbar = page.getByRole('toolbar', { name: '程序' });
    const before = await app.runSeq();
    await toolbar.getByRole('button', { name: '运行', exact: true }).click();
    await expect(app.playground).toHaveAttribute('data-run-seq', String(before + 1));
    await app.waitRunEnd();

    const said = '第 4 行的 queue.Queue.get() 在等待另一个线程';
    // The console's header says what happened; its closing line, who waits for what.
    await expect(app.notice).toHaveText('死锁：程序在等待一件永远不会发生的事。');
    const console = page.getByRole('log', { name: '程序输出' });
    await expect(console).toContainText(`loopscope：死锁：${said}`);
    // The debugger sits at the run's end: its sentence quotes the detail in Chinese too, so the
    // warning's row is its kind and its line, the detail its tooltip.
    await expect(page.getByTestId('explanation')).toContainText(`死锁：${said}`);
    const warnings = page.getByRole('list', { name: '警告' });
    await expect(warnings.getByRole('listitem')).toHaveText('死锁第 4 行');
    await expect(warnings.getByRole('listitem')).toHaveAttribute(
      'title',
      new RegExp(`^${said.replace(/[.()]/g, '\\$&')}`),
    );
    for (const region of [app.notice, console, warnings, page.getByTestId('explanation')])
      await expect(region).not.toContainText(/waits for|another thread|Loopscope runs/);

    // Switching to English shows the engine's own words again in the notice.
    // Switching to English: the header and the sentence follow.
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect(app.notice).toHaveText(
      'Deadlock: the program waits for something that can never happen.',
    );
    await expect(page.getByTestId('explanation')).toContainText(
      'queue.Queue.get() at line 4 waits for another thread, and there is none',
    );
  });

  test("warning kinds keep code words' case in Chinese, and are capitals in English", async ({
    page,
  }) => {
    const app = new LoopscopePage(page);
    await app.open();
    await app.setCode(
      [
        'import asyncio',
        '',
        'async def tick():',
        '    pass',
        '',
        'async def main():',
        '    tick()',
        '',
        'asyncio.run(main())',
        '',
      ].join('\n'),
    );
    const before = await app.runSeq();
    await page.getByRole('button', { name: '运行', exact: true }).click();
    await expect(app.playground).toHaveAttribute('data-run-seq', String(before + 1));
    await app.waitRunEnd();
    const kind = page.getByRole('list', { name: '警告' }).locator('.ls-warning-kind').first();
    // innerText is the text as rendered, after CSS text-transform.
    await expect
      .poll(() => kind.evaluate((el: HTMLElement) => el.innerText))
      .toBe('协程从未被 await');
    // The same for the other capitalised labels: a tab named after a code word keeps its case.
    const futureTab = page.getByRole('tab', { name: /^Future \d+ 个未完成$/ });
    await expect
      .poll(() => futureTab.evaluate((el: HTMLElement) => el.innerText))
      .toMatch(/^Future\s*\d+ 个未完成$/);
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    const english = page
      .getByRole('list', { name: 'Warnings' })
      .locator('.ls-warning-kind')
      .first();
    await expect
      .poll(() => english.evaluate((el: HTMLElement) => el.innerText))
      .toBe('COROUTINE NEVER AWAITED');
  });

  test('link errors are explained in Chinese', async ({ page }) => {
    const app = new LoopscopePage(page);
    await page.goto('/?v=9#code/abc');
    await app.waitReady();
    await expect(page.getByTestId('link-error')).toContainText('更新版本的 Loopscope');
  });
});

test('a replay link to a missing trace says so in Chinese', async ({ page }) => {
  await page.goto('/embed.html?v=1&lang=zh-CN&trace=traces/no-such-run.json');
  const alert = page.getByRole('alert').filter({ hasText: '无法打开这个跟踪文件' });
  await expect(alert).toContainText(
    '找不到 traces/no-such-run.json（服务器返回的是一个网页，而不是 JSON 文件）',
  );
  await expect(alert).not.toContainText(/was not found|web page/);
});

test('a link can ask for Chinese for one page view without changing the saved choice', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await page.goto('/?lang=zh-CN');
  await app.waitReady();
  await expect(page.getByRole('button', { name: '运行', exact: true })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('loopscope:lang'))).toBeNull();
  await page.goto('/');
  await app.waitReady();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
});
