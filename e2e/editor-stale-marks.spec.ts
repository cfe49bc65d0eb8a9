/**
 * After the code is edited under a shown run (the trace is stale), the editor's marks keep lying
 * over the text the trace's lines name, on every later step, until the next run: the current
 * line, the gutter dots of parked tasks and the error marks. A line deleted since gets no mark.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

const PROGRAM = [
  'import asyncio', // 1
  '', // 2
  'async def boom():', // 3
  '    await asyncio.sleep(0.1)', // 4
  '    raise ValueError("boom")', // 5
  '', // 6
  'async def worker(name):', // 7
  '    await asyncio.sleep(0.3)', // 8
  '    print(name, "done")', // 9
  '', // 10
  'async def main():', // 11
  '    t = asyncio.create_task(boom(), name="boom")', // 12
  '    w = asyncio.create_task(worker("w"), name="w")', // 13
  '    await asyncio.sleep(0.2)', // 14
  '    print("main awake")', // 15
  '    await w', // 16
  '', // 17
  'asyncio.run(main())', // 18
  '',
].join('\n');

// Tall enough that the whole program is visible: the checks read Monaco's rows of visible lines.
test.use({ viewport: { width: 1440, height: 1080 } });

/**
 * The text of the editor lines carrying `cls`, in the gutter or the line overlays, or as one of
 * the current line's own elements (src/editor/current-line.ts), which counts only when it lies
 * exactly over its line's row.
 */
async function textsMarked(page: Page, cls: string): Promise<string[]> {
  return page.getByTestId('code-editor').evaluate((el, c) => {
    const margin = [...el.querySelectorAll<HTMLElement>('.margin-view-overlays > div')];
    const overlays = [...el.querySelectorAll<HTMLElement>('.view-overlays > div')];
    const texts = [...el.querySelectorAll<HTMLElement>('.view-lines > .view-line')];
    // Rows of each layer in document order: by their top, which Monaco sets on every row.
    const byTop = (rows: HTMLElement[]) =>
      [...rows].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    const rows = byTop(margin);
    const lines = byTop(texts).map((r) => r.textContent?.replace(/\u00a0/g, ' ') ?? '');
    const found = new Set<number>();
    rows.forEach((row, i) => {
      if (row.querySelector(`.${c}`)) found.add(i);
    });
    byTop(overlays).forEach((row, i) => {
      if (row.querySelector(`.${c}`)) found.add(i);
    });
    for (const mark of el.querySelectorAll<HTMLElement>(`[data-line].${c}`)) {
      if (getComputedStyle(mark).display === 'none') continue;
      const box = mark.getBoundingClientRect();
      const i = rows.findIndex((r) => Math.abs(r.getBoundingClientRect().top - box.top) < 0.5);
      found.add(i >= 0 ? i : -1);
    }
    return [...found].sort((a, b) => a - b).map((i) => (i < 0 ? '(not over a line)' : lines[i]));
  }, cls);
}

test('the marks stay on the text the trace names after lines are typed above', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  await app.run();
  const bar = page.getByRole('region', { name: 'Debugger' });
  const stale = page.getByRole('status').filter({ hasText: 'The code changed since this run' });
  const stepForward = bar.getByRole('button', { name: 'Step forward', exact: true });
  const step = async () => Number(await bar.getAttribute('data-step'));
  const toStart = async () => {
    await bar.getByRole('button', { name: 'Jump to start', exact: true }).click();
    await expect.poll(step).toBe(0);
  };
  /** From the start to main's print, line 15 of the run (its first output). */
  const toPrint = async () => {
    await toStart();
    await bar.getByRole('button', { name: 'Run to next output line', exact: true }).click();
    await expect(bar).toHaveAttribute('data-current-line', '15');
  };
  await expect(bar).not.toHaveAttribute('data-step', '-1');

  // To main's print at line 15: boom has raised (error mark), w is parked at line 8.
  await toPrint();
  await expect
    .poll(() => textsMarked(page, 'ls-current-line'))
    .toEqual(['    print("main awake")']);
  await expect
    .poll(() => textsMarked(page, 'ls-gut-task'))
    .toEqual(['    await asyncio.sleep(0.3)']);
  await expect
    .poll(() => textsMarked(page, 'ls-error-line'))
    .toEqual(['    raise ValueError("boom")']);

  // Two lines typed at the top: the trace is stale now.
  await app.editorInput.focus();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.insertText('# one\n# two\n');
  await expect(stale).toBeVisible();

  // Back to the start and to the print again: every mark lies over the same text as before.
  await toPrint();
  await expect
    .poll(() => textsMarked(page, 'ls-current-line'))
    .toEqual(['    print("main awake")']);
  await expect.poll(() => textsMarked(page, 'ls-gut-current')).toEqual(['    print("main awake")']);
  await expect
    .poll(() => textsMarked(page, 'ls-gut-task'))
    .toEqual(['    await asyncio.sleep(0.3)']);
  await expect
    .poll(() => textsMarked(page, 'ls-error-line'))
    .toEqual(['    raise ValueError("boom")']);

  // A task card's line link names the run's line where the edit moved it and goes there: w's
  // line 8 of the run, the sleep, is line 10 now (Monaco's own highlight of the caret's line).
  await page
    .getByRole('listitem', { name: /^Task w,/ })
    .getByRole('button', { name: 'line 10', exact: true })
    .first()
    .click();
  await expect
    .poll(() => textsMarked(page, 'current-line'))
    .toEqual(['    await asyncio.sleep(0.3)']);

  // A click on a line number runs to the line the trace names there, and a notice names the line
  // as the editor shows it: the print, run's line 15, is line 17 now.
  const lineNumber = (n: number) =>
    app.editor.locator('.margin-view-overlays .line-numbers').getByText(String(n), { exact: true });
  const atPrint = await step();
  await lineNumber(17).click();
  await expect(
    bar.getByRole('status').filter({ hasText: 'Line 17 does not run again' }),
  ).toBeVisible();
  expect(await step()).toBe(atPrint);
  await toStart();
  await lineNumber(17).click({ modifiers: ['Shift'] });
  await expect(
    bar.getByRole('status').filter({ hasText: 'Line 17 did not run before this step' }),
  ).toBeVisible();
  await bar.getByRole('button', { name: 'Run to next output line', exact: true }).click();
  await expect.poll(step).toBe(atPrint);

  // Steps back and forth by line: the marks stay over the text the trace's lines name.
  const lines = PROGRAM.split('\n');
  /** The program's text at the trace's current line: what the current-line mark must lie over. */
  const currentText = async () => {
    const line = Number(await bar.getAttribute('data-current-line'));
    return line > 0 ? [lines[line - 1]] : [];
  };
  const before = await step();
  await bar.getByRole('button', { name: 'Step back', exact: true }).click();
  await expect.poll(step).toBeLessThan(before);
  expect(await currentText()).not.toEqual([]);
  await expect.poll(() => textsMarked(page, 'ls-current-line')).toEqual(await currentText());
  for (let i = 0; i < 3; i++) {
    const from = await step();
    await stepForward.click();
    await expect.poll(step).toBeGreaterThan(from);
    const text = await currentText();
    await expect.poll(() => textsMarked(page, 'ls-current-line')).toEqual(text);
  }
  // (Later steps may mark more lines: the task created at line 12 failed, unretrieved.)
  await expect
    .poll(() => textsMarked(page, 'ls-error-line'))
    .toContain('    raise ValueError("boom")');

  // The line holding the print deleted (Monaco's "delete line"): a step onto it marks nothing.
  await app.editorInput.focus();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < 16; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ControlOrMeta+Shift+K');
  await expect(app.editor).not.toContainText('main awake');
  await toPrint();
  await expect.poll(() => textsMarked(page, 'ls-current-line')).toEqual([]);
  await expect
    .poll(() => textsMarked(page, 'ls-error-line'))
    .toEqual(['    raise ValueError("boom")']);

  // The next run is of the text as it is: its lines are used as they are.
  await app.run();
  await expect(stale).toBeHidden();
  await toStart();
  await bar.getByRole('button', { name: 'Run to next task done', exact: true }).click();
  await expect
    .poll(() => textsMarked(page, 'ls-error-line'))
    .toEqual(['    raise ValueError("boom")']);
});
