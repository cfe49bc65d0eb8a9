import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

test('a worker killed by its program is replaced and the code is kept', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  // os._exit() ends the interpreter itself: Pyodide cannot run anything afterwards.
  const killer = 'import os\nprint("about to exit")\nos._exit(3)\n';
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
