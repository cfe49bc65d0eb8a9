import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { BOOT_TIMEOUT, LoopscopePage } from './loopscope-page';

/**
 * A recorded run (`?trace=`) shows without Python; once the reader edits it, Run again (the
 * stale banner's button, or Ctrl+Enter) must start Python and run, not silently do nothing.
 */
/**
 * Pastes a program into the editor (LoopscopePage.setCode also waits for a save, which a replay
 * only makes once Python runs). Repeated until it took: a paste that lands while Monaco replaces
 * the first-stage editor is lost.
 */
async function paste(app: LoopscopePage, code: string) {
  await expect(async () => {
    await app.pasteCode(code);
    await expect(app.editor).toContainText(code.trim(), { timeout: 2_000 });
  }).toPass();
}

test('Run again in a trace replay starts Python and runs the edited program', async ({ page }) => {
  const golden = await readFile(
    new URL('../tests/golden/gather_sleeps.trace.json', import.meta.url),
    'utf8',
  );
  await page.route('**/traces/echo.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: golden }),
  );
  const app = new LoopscopePage(page);
  await page.goto('/?trace=traces/echo.json');
  await expect(app.editor).toContainText('async def worker(name, delay)');
  await expect(page.getByTestId('cursor-step')).not.toHaveText('');
  await paste(app, 'print("edited after the replay")\n');
  // Saved before Python is there, so neither a reload nor another link loses the edit.
  await expect.poll(() => app.savedCode()).toBe('print("edited after the replay")\n');
  const banner = page.getByRole('status').filter({ hasText: 'The code changed since this run' });
  await banner.getByRole('button', { name: /Run again/ }).click();
  await expect(app.playground).toHaveAttribute('data-run-seq', '1', { timeout: BOOT_TIMEOUT });
  await app.waitRunEnd(BOOT_TIMEOUT);
  await expect(app.output).toContainText('edited after the replay');
  // Python is loaded now, so the button that loads it is gone.
  await expect(page.getByRole('button', { name: 'Load Python to run it' })).toHaveCount(0);

  // Ctrl+Enter works the same way on a fresh replay. The edit saved above is the reader's work:
  // the link asks before its recorded program replaces it (and keeps it), as any link does.
  await page.reload();
  await page
    .getByRole('button', { name: 'Open the link (my code stays saved and can be restored)' })
    .click();
  await expect(app.editor).toContainText('async def worker(name, delay)');
  await paste(app, 'print("run by the shortcut")\n');
  await page.keyboard.press('Control+Enter');
  await expect(app.playground).toHaveAttribute('data-run-seq', '1', { timeout: BOOT_TIMEOUT });
  await app.waitRunEnd(BOOT_TIMEOUT);
  await expect(app.output).toContainText('run by the shortcut');
});
