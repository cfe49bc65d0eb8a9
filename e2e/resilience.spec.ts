import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

test('a worker killed by its program is replaced and the code is kept', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  // Freeing a list nested this deep recurses in C past the JavaScript stack: Pyodide cannot run
  // anything afterwards (docs/security.md). (os._exit no longer does it: the engine keeps it
  // inside the run.)
  const killer = 'x = []\nfor _ in range(300_000):\n    x = [x]\nprint("about to crash")\ndel x\n';
  await app.setCode(killer);
  await app.run();
  await expect(app.notice).toContainText(/worker failed.*fresh worker is starting/);
  await app.waitReady();
  expect(await app.savedCode()).toBe(killer);

  await app.setCode('print("alive again")\n');
  await app.run();
  await expect(app.output).toContainText('alive again');
});

test('the code survives a reload', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  const code = 'import asyncio\n\n# kept across reloads\nprint("persisted")\n';
  await app.setCode(code);
  await page.reload();
  await expect(app.editor).toContainText('kept across reloads');
  expect(await app.savedCode()).toBe(code);
  await app.waitReady();
  await app.run();
  await expect(app.output).toContainText('persisted');
});

test('a flood of output is truncated with a notice and the page stays responsive', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  // 200,000 lines, about 1.3 MB: past the engine's cap on a run's output (1,000,000
  // characters), which cuts it once with its note; the console keeps all of that.
  await app.setCode('for i in range(200_000):\n    print(i)\nprint("done")\n');
  await app.run(90_000);
  await expect(app.output).toContainText(
    '[loopscope: output past 1000000 characters was dropped; the program kept running]',
  );
  await expect(app.output).toContainText('158728');
  await expect(app.output).not.toContainText('199999');
  await expect(app.output).not.toContainText('the console keeps the first');
  // The main thread is free: a frame comes promptly and the next run works.
  const frameMs = await page.evaluate(async () => {
    const t = performance.now();
    await new Promise(requestAnimationFrame);
    return performance.now() - t;
  });
  expect(frameMs).toBeLessThan(500);
  await app.setCode('print("after the flood")\n');
  await app.run();
  await expect(app.output).toContainText('after the flood');
  await expect(app.output).not.toContainText('158728');
});

test('a debugger chunk that cannot load fails its regions only: editing and running go on', async ({
  page,
}) => {
  // As after a deploy that replaced the chunk, or a dropped connection.
  await page.route(/\/assets\/DebuggerPanels-[^/]*\.js$/, (route) => route.abort());
  const app = new LoopscopePage(page);
  await app.open();
  const failed = page.getByRole('alert').filter({ hasText: 'This panel could not load' });
  await expect(failed.first()).toBeVisible();
  await expect(failed.first().getByRole('button', { name: 'Reload' })).toBeVisible();
  await app.setCode('print("still running")\n');
  await app.run();
  await expect(app.output).toContainText('still running');
});
