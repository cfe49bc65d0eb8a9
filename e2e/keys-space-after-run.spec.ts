/**
 * Space after Run: a click on Run leaves the focus on it, and once the run has ended the page is
 * a debugger whose help lists "Space / K: play or pause". Space then plays (and pauses); it must
 * not press Run again, which replaced the trace and the cursor. Enter on a focused button and
 * Ctrl/Cmd+Enter keep their meaning, and focus in the editor stays in the editor.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';
import { TICKING_PROGRAM as PROGRAM } from './programs';

function debuggerOf(page: Page) {
  const bar = page.getByRole('region', { name: 'Debugger' });
  return {
    bar,
    play: bar.getByRole('button', { name: 'Play', exact: true }),
    pause: bar.getByRole('button', { name: 'Pause', exact: true }),
  };
}

/** Clicks Run, waits for the run to end, presses Space: playback starts, the run is the same. */
async function spacePlays(page: Page, app: LoopscopePage): Promise<void> {
  const dbg = debuggerOf(page);
  await app.run();
  const seq = await app.runSeq();
  await expect(dbg.bar).not.toHaveAttribute('data-step', '-1');
  await page.keyboard.press('Space');
  await expect(dbg.pause).toBeVisible();
  await page.keyboard.press('Space');
  await expect(dbg.play).toBeVisible();
  expect(await app.runSeq()).toBe(seq);
  await expect(app.playground).toHaveAttribute('data-run-state', 'idle');
}

test('Space after a click on Run plays and pauses; Enter and Ctrl+Enter still run', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  await spacePlays(page, app);
  const dbg = debuggerOf(page);
  // The keyboard is on Play now, in view of a screen reader: Enter presses it.
  await expect(dbg.play).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dbg.pause).toBeVisible();
  await page.keyboard.press('K');
  await expect(dbg.play).toBeVisible();

  // Enter on a focused Run still runs, and so does Ctrl+Enter from anywhere.
  const seq = await app.runSeq();
  await app.runButton.focus();
  await page.keyboard.press('Enter');
  await expect(app.playground).toHaveAttribute('data-run-seq', String(seq + 1));
  await app.waitRunEnd();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(app.playground).toHaveAttribute('data-run-seq', String(seq + 2));
  await app.waitRunEnd();
});

test('a run started from the editor leaves the focus in the editor', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  const seq = await app.runSeq();
  await app.editorInput.focus();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(app.playground).toHaveAttribute('data-run-seq', String(seq + 1));
  await app.waitRunEnd();
  await expect(debuggerOf(page).bar).not.toHaveAttribute('data-step', '-1');
  await expect(app.editorInput).toBeFocused();
});

test('Space after a click on Run plays in an embed too', async ({ page }) => {
  const app = new LoopscopePage(page);
  // An embed saves no code (setCode waits for the save): its example is long enough to play.
  await page.goto('/embed.html?v=1&example=gather');
  await app.waitReady();
  await spacePlays(page, app);
});

test('Space after a click on Stop plays the trace kept up to there', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(
    [
      'import asyncio, textwrap',
      '',
      'async def main():',
      '    for i in range(20):',
      '        await asyncio.sleep(0.1)',
      '    print("spinning")',
      '    while True:',
      '        textwrap.wrap("spin " * 200)',
      '',
      'asyncio.run(main())',
      '',
    ].join('\n'),
  );
  await app.startRun();
  await expect(app.output).toContainText('spinning');
  const seq = await app.runSeq();
  await app.stopButton.click();
  await app.waitRunEnd(10_000);
  const dbg = debuggerOf(page);
  await expect(dbg.bar).not.toHaveAttribute('data-step', '-1');
  // Stop is disabled now; the keyboard is on Play rather than lost with it.
  await expect(dbg.play).toBeFocused();
  await page.keyboard.press('Space');
  await expect(dbg.pause).toBeVisible();
  expect(await app.runSeq()).toBe(seq);
});
