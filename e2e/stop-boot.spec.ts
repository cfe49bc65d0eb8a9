/**
 * A run started while Python is still downloading waits for it; Stop must be able to end that
 * run at once (the Stop button was disabled until Python was ready, and the run then ran).
 */
import { expect, test } from '@playwright/test';
import type { Route } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

test('Stop while the run waits for Python ends it at once', async ({ browser }) => {
  // No service worker: it would answer Python's files from its cache, past the hold below.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const held: Route[] = [];
  let holding = true;
  await context.route('**/pyodide.asm.wasm', (route) =>
    holding ? void held.push(route) : route.continue(),
  );
  const app = new LoopscopePage(await context.newPage());
  await app.page.goto('/');
  await expect(app.playground).toHaveAttribute('data-runtime-state', 'booting');
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await app.setCode('print("RAN AFTER ALL")\n');

  // Ctrl+Enter queues the run (the Run button is disabled while Python boots).
  await app.editorInput.focus();
  await app.page.keyboard.press('ControlOrMeta+Enter');
  await expect(app.playground).toHaveAttribute('data-run-state', 'running');
  await expect(app.stopButton).toBeEnabled();
  await app.stopButton.click();
  await expect(app.playground).toHaveAttribute('data-run-state', 'idle');
  await expect(app.notice).toHaveText('Stopped before Python started the run: nothing ran.');
  await expect(app.stopButton).toBeDisabled();

  // Python arrives; the next Run runs as usual.
  const seq = await app.runSeq();
  holding = false;
  for (const route of held.splice(0)) await route.continue();
  await app.waitReady();
  await expect(app.runButton).toBeEnabled();
  await app.run();
  await expect(app.output).toContainText('RAN AFTER ALL');
  expect(await app.runSeq()).toBe(seq + 1);
  await context.close();
});
