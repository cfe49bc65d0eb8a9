import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * Programs learners bring from books and first lessons, and what the page says about them: the
 * words in the console header must name the real problem and its line.
 */
test.describe.configure({ mode: 'serial' });

let page: Page;
let app: LoopscopePage;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  app = new LoopscopePage(page);
  await app.open();
});

test.afterAll(async () => {
  await page.close();
});

test('input() reads an empty stdin, as python does with nothing piped in, and the notice says why', async () => {
  await app.setCode('name = input("name? ")\nprint("hi", name)\n');
  await app.run();
  await expect(app.output).toContainText('EOFError: EOF when reading a line');
  await expect(app.output).not.toContainText('I/O error');
  await expect(app.notice).toHaveText(/^input\(\) has nothing to read \(line 1\)/);
});

test('a TaskGroup whose child fails is summed up by the child exception and its line', async () => {
  await app.setCode(
    [
      'import asyncio',
      '',
      'async def bad():',
      '    await asyncio.sleep(0.5)',
      "    raise ValueError('boom')",
      '',
      'async def main():',
      '    async with asyncio.TaskGroup() as tg:',
      '        tg.create_task(bad())',
      '        tg.create_task(asyncio.sleep(1))',
      '',
      'asyncio.run(main())',
      '',
    ].join('\n'),
  );
  await app.run();
  await expect(app.output).toContainText('ExceptionGroup: unhandled errors in a TaskGroup');
  await expect(app.notice).toHaveText('ValueError: boom (line 5)');
});

test('a long coroutine name is cut in a task card, never the task name', async () => {
  const coro = 'download_one_flag_with_retries_and_a_very_long_descriptive_name';
  await app.setCode(
    [
      'import asyncio',
      '',
      `async def ${coro}():`,
      '    await asyncio.sleep(0.1)',
      '',
      'async def main():',
      `    await asyncio.create_task(${coro}(), name="flag-BR")`,
      '',
      'asyncio.run(main())',
      '',
    ].join('\n'),
  );
  await app.run();
  const card = page
    .getByRole('region', { name: 'Tasks' })
    .getByRole('listitem', { name: /^Task flag-BR,/ });
  await expect(card).toBeVisible();
  const sizes = await card.evaluate((el) => {
    const name = el.querySelector('.ls-task-name')!;
    const coroEl = el.querySelector('.ls-coro')!;
    return {
      name: [name.scrollWidth, name.clientWidth],
      coro: [coroEl.scrollWidth, coroEl.clientWidth],
    };
  });
  // The name is whole; the coroutine takes what is left, cut with an ellipsis.
  expect(sizes.name[0]).toBeLessThanOrEqual(sizes.name[1]);
  expect(sizes.coro[0]).toBeGreaterThan(sizes.coro[1]);
});

test('a runtime that cannot download its standard library says which file, and Retry recovers', async ({
  browser,
}) => {
  // No service worker: it would answer from its cache instead of the failing server.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  let failing = true;
  await context.route('**/pyodide/python_stdlib.zip', (route) =>
    failing ? route.fulfill({ status: 404, body: 'gone' }) : route.continue(),
  );
  const fresh = new LoopscopePage(await context.newPage());
  await fresh.page.goto('/');
  await expect(fresh.playground).toHaveAttribute('data-runtime-state', 'failed', {
    timeout: 90_000,
  });
  await expect(fresh.notice).toContainText('The Python runtime failed to start');
  await expect(fresh.notice).toContainText('could not download python_stdlib.zip (HTTP 404)');
  await expect(fresh.notice).not.toContainText('[object Object]');
  failing = false;
  await fresh.page.getByRole('button', { name: 'Retry' }).click();
  await fresh.waitReady();
  await context.close();
});

test('under theme=light an empty region is striped in light shades, its hint readable', async ({
  page: lightPage,
}) => {
  await lightPage.goto('/?theme=light');
  const empty = lightPage.getByRole('region', { name: 'Timeline' });
  await expect(empty).toContainText('Run a program to see every task as a lane');
  const stripes = await empty.evaluate((el) => getComputedStyle(el).backgroundImage);
  const colours = [...stripes.matchAll(/rgba?\((\d+), (\d+), (\d+)/g)].map((m) =>
    m.slice(1, 4).map(Number),
  );
  expect(colours.length).toBeGreaterThanOrEqual(2);
  // Both stripes light (the dark one was #131720, near black behind dark-grey text).
  for (const rgb of colours) expect(Math.min(...rgb)).toBeGreaterThan(200);
});
