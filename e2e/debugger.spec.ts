/**
 * The visual debugger, driven as a person would: run a program with a cancellation, then step
 * forward and back at each granularity, run to events and lines, and check that the loop, the
 * tasks, the editor marks and the console agree with each other at every stop.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { LoopscopePage, editorLinesWith } from './loopscope-page';

const PROGRAM = [
  'import asyncio', // 1
  '', // 2
  'async def worker(name, delay):', // 3
  '    print(f"{name} start")', // 4
  '    await asyncio.sleep(delay)', // 5
  '    print(f"{name} done")', // 6
  '    return name', // 7
  '', // 8
  'async def main():', // 9
  '    alpha = asyncio.create_task(worker("alpha", 0.3), name="alpha")', // 10
  '    beta = asyncio.create_task(worker("beta", 0.1), name="beta")', // 11
  '    await asyncio.sleep(0.2)', // 12
  '    alpha.cancel()', // 13
  '    try:', // 14
  '        await alpha', // 15
  '    except asyncio.CancelledError:', // 16
  '        print("alpha was cancelled")', // 17
  '    print(await beta)', // 18
  '', // 19
  'asyncio.run(main())', // 20
  '',
].join('\n');

// Tall enough that the whole program is visible in the editor: the checks read Monaco's overlay
// rows, which exist only for visible lines, and click line numbers.
test.use({ viewport: { width: 1440, height: 1080 } });

/** The debugger's parts, by role and accessible name. */
class Debugger {
  readonly bar: Locator;
  readonly loop: Locator;
  readonly tasks: Locator;
  readonly explanation: Locator;
  constructor(readonly page: Page) {
    this.bar = page.getByRole('region', { name: 'Debugger' });
    this.loop = page.getByRole('region', { name: 'Event loop' });
    this.tasks = page.getByRole('region', { name: 'Tasks' });
    this.explanation = page.getByTestId('explanation');
  }
  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
  async step(): Promise<number> {
    return Number(await this.bar.getAttribute('data-step'));
  }
  async line(): Promise<number> {
    return Number(await this.bar.getAttribute('data-current-line'));
  }
  async iteration(): Promise<number> {
    const text = await this.page.getByTestId('loop-iteration').innerText();
    return Number(/iteration ([\d,]+)/.exec(text)?.[1]?.replaceAll(',', '') ?? NaN);
  }
  /** Moves and waits for the view to show a different step; returns it. */
  async move(action: () => Promise<void>): Promise<number> {
    const before = await this.step();
    await action();
    await expect.poll(() => this.step()).not.toBe(before);
    return this.step();
  }
  granularity(name: 'Line' | 'Task step' | 'Iteration'): Locator {
    return this.page.getByRole('radio', { name });
  }
  task(name: string): Locator {
    return this.tasks.getByRole('listitem', { name: new RegExp(`^Task ${name},`) });
  }
}

/** Program output up to the cursor (bright) and after it (dimmed). */
async function consoleParts(app: LoopscopePage): Promise<{ shown: string; dimmed: string }> {
  return app.output.evaluate((el) => {
    let shown = '';
    let dimmed = '';
    for (const span of el.querySelectorAll('span[data-stream]')) {
      if (span.getAttribute('data-stream') === 'system') continue;
      if (span.hasAttribute('data-after-cursor')) dimmed += span.textContent;
      else shown += span.textContent;
    }
    return { shown, dimmed };
  });
}

async function runProgram(page: Page): Promise<{ app: LoopscopePage; dbg: Debugger }> {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  await app.run();
  const dbg = new Debugger(page);
  await expect(dbg.bar).not.toHaveAttribute('data-step', '-1');
  return { app, dbg };
}

test('after a run the debugger stands at the end, and the panels agree with the output', async ({
  page,
}) => {
  const { app, dbg } = await runProgram(page);
  await expect(app.output).toContainText('alpha was cancelled');
  await expect(app.output).toContainText('beta\n');
  // At the end nothing is dimmed and every task is finished.
  expect((await consoleParts(app)).dimmed).toBe('');
  await expect(dbg.button('Jump to end')).toBeDisabled();
  await expect(dbg.button('Step forward')).toBeDisabled();
  await expect(dbg.task('alpha')).toHaveAttribute('data-state', 'cancelled');
  await expect(dbg.task('beta')).toHaveAttribute('data-state', 'done');
  await expect(dbg.task('beta')).toContainText("returned 'beta'");
  await expect(dbg.loop.getByTestId('loop-clock')).toHaveText('t=0.200 s');

  // At the start: no output yet, so all of it is dimmed; nothing is running.
  await dbg.button('Jump to start').click();
  await expect.poll(() => dbg.step()).toBe(0);
  const start = await consoleParts(app);
  expect(start.shown).toBe('');
  expect(start.dimmed).toContain('alpha start');
  await expect(dbg.button('Step back')).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath('debugger-start.png') });
});

test('steps forward and back at each granularity', async ({ page }) => {
  const { dbg } = await runProgram(page);
  await dbg.button('Jump to start').click();
  await expect.poll(() => dbg.step()).toBe(0);

  // Line: every stop is a line of user code, and the editor highlights it.
  await expect(dbg.granularity('Line')).toHaveAttribute('aria-checked', 'true');
  const lineStops: number[] = [];
  for (let i = 0; i < 6; i++) {
    lineStops.push(await dbg.move(() => dbg.button('Step forward').click()));
    const line = await dbg.line();
    expect(line).toBeGreaterThan(0);
    await expect.poll(() => editorLinesWith(page, 'ls-current-line')).toEqual([line]);
  }
  expect(lineStops).toEqual([...lineStops].sort((a, b) => a - b));
  // Back retraces the same stops.
  for (let i = lineStops.length - 2; i >= 0; i--) {
    expect(await dbg.move(() => dbg.button('Step back').click())).toBe(lineStops[i]);
  }

  // Task step: each stop starts a callback, shown as running in the loop panel.
  await dbg.granularity('Task step').click();
  await expect(dbg.granularity('Task step')).toHaveAttribute('aria-checked', 'true');
  const taskStops: number[] = [];
  for (let i = 0; i < 4; i++) {
    taskStops.push(await dbg.move(() => dbg.button('Step forward').click()));
    await expect(dbg.loop.getByTestId('loop-running')).not.toContainText('nothing');
  }
  expect(await dbg.move(() => dbg.button('Step back').click())).toBe(taskStops[2]);

  // Iteration: the loop's iteration number moves by one each way.
  await dbg.granularity('Iteration').click();
  const it0 = await dbg.iteration();
  await dbg.move(() => dbg.button('Step forward').click());
  await expect.poll(() => dbg.iteration()).toBe(it0 + 1);
  await dbg.move(() => dbg.button('Step forward').click());
  await expect.poll(() => dbg.iteration()).toBe(it0 + 2);
  await dbg.move(() => dbg.button('Step back').click());
  await expect.poll(() => dbg.iteration()).toBe(it0 + 1);
});

test('runs to the cancellation, and the tasks, editor and console agree', async ({ page }) => {
  const { app, dbg } = await runProgram(page);
  await dbg.button('Jump to start').click();
  await expect.poll(() => dbg.step()).toBe(0);

  await dbg.move(() => dbg.button('Run to next cancellation').click());
  // main cancels alpha at line 13 while alpha sleeps at line 5.
  await expect(dbg.explanation).toContainText('alpha');
  expect(await dbg.line()).toBe(13);
  // asyncio.run's task for main() is Task-1.
  await expect(dbg.task('Task-1')).toHaveAttribute('data-state', 'running');
  await expect(dbg.task('alpha')).toContainText(/cancel/);
  await expect(dbg.task('alpha')).toContainText('line 5');
  await expect(dbg.loop.getByTestId('loop-clock')).toHaveText('t=0.200 s');
  // Editor: main's line is current; alpha is parked at its await (gutter mark in alpha's colour).
  await expect.poll(() => editorLinesWith(page, 'ls-current-line')).toEqual([13]);
  expect(await editorLinesWith(page, 'ls-gut-task')).toContain(5);
  // Resting the pointer on line 5 names the task parked there.
  await app.hoverCodeLine(5);
  await expect(app.editorHover).toContainText('Suspended here: alpha');
  await page.mouse.move(0, 0);
  // Console: beta finished before the cancellation; alpha's handler has not printed yet.
  const parts = await consoleParts(app);
  expect(parts.shown).toContain('beta done');
  expect(parts.shown).not.toContain('alpha was cancelled');
  expect(parts.dimmed).toContain('alpha was cancelled');
  await page.screenshot({ path: test.info().outputPath('debugger-cancel.png') });

  // Selecting alpha marks its lines in the editor.
  await dbg.task('alpha').getByRole('button', { name: 'alpha', exact: true }).click();
  await expect(
    dbg.task('alpha').getByRole('button', { name: 'alpha', exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(() => editorLinesWith(page, 'ls-sel-line'))
    .toEqual(expect.arrayContaining([5, 10]));

  // Run to the next task done: alpha finishes, cancelled.
  await dbg.move(() => dbg.button('Run to next task done').click());
  await expect(dbg.task('alpha')).toHaveAttribute('data-state', 'cancelled');

  // Run to the next output line and then past it: the handler's print appears in the console.
  await dbg.move(() => dbg.button('Run to next output line').click());
  await expect.poll(async () => (await consoleParts(app)).shown).toContain('alpha was cancelled');
});

test('clicking a line number runs to its next execution, Shift-click to the previous', async ({
  page,
}) => {
  const { app, dbg } = await runProgram(page);
  await dbg.button('Jump to start').click();
  await expect.poll(() => dbg.step()).toBe(0);
  const lineNumber = (n: number) =>
    app.editor.locator('.margin-view-overlays .line-numbers').getByText(String(n), { exact: true });

  const first5 = await dbg.move(() => lineNumber(5).click());
  expect(await dbg.line()).toBe(5);
  const second5 = await dbg.move(() => lineNumber(5).click());
  expect(await dbg.line()).toBe(5);
  expect(second5).toBeGreaterThan(first5);

  await dbg.move(() => lineNumber(17).click());
  expect(await dbg.line()).toBe(17);
  // The print on line 17 has not run yet at its line event.
  expect((await consoleParts(app)).shown).not.toContain('alpha was cancelled');

  expect(await dbg.move(() => lineNumber(5).click({ modifiers: ['Shift'] }))).toBe(second5);
  expect(await dbg.line()).toBe(5);
  // The clicks left the focus out of the editor and selected nothing: a letter shortcut drives
  // the debugger (o: run to the next output line) instead of typing over line 5.
  await expect(app.editorInput).not.toBeFocused();
  await dbg.move(() => page.keyboard.press('o'));
  await expect(
    dbg.bar.getByRole('status').filter({ hasText: 'The code changed since this run' }),
  ).toBeHidden();
  await expect(app.editor.locator('.view-lines')).toContainText('alpha was cancelled');

  // A line that never runs again leaves the cursor and says so.
  await dbg.button('Jump to end').click();
  const end = await dbg.step();
  await lineNumber(4).click();
  await expect(
    dbg.bar.getByRole('status').filter({ hasText: 'Line 4 does not run again' }),
  ).toBeVisible();
  expect(await dbg.step()).toBe(end);
});

test('keyboard only: shortcuts, run to the caret line, help overlay', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  // In the editor: run, then F-keys step without leaving it.
  const before = await app.runSeq();
  await app.editorInput.press('ControlOrMeta+Enter');
  await expect(app.playground).toHaveAttribute('data-run-seq', String(before + 1));
  await app.waitRunEnd();
  const dbg = new Debugger(page);
  await expect(dbg.bar).not.toHaveAttribute('data-step', '-1');
  const end = await dbg.step();
  await dbg.move(() => page.keyboard.press('Shift+F10'));
  expect(await dbg.line()).toBeGreaterThan(0);
  // Caret to line 17, then F4: run to it (backwards from the end finds no later run; Shift+F4).
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < 17; i++) await page.keyboard.press('ArrowDown');
  await dbg.move(() => page.keyboard.press('Shift+F4'));
  expect(await dbg.line()).toBe(17);
  await expect(app.editorInput).toBeFocused();

  // Leave the editor; plain keys drive the debugger.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await dbg.move(() => page.keyboard.press('Home'));
  expect(await dbg.step()).toBe(0);
  const l1 = await dbg.move(() => page.keyboard.press('ArrowRight'));
  expect(await dbg.line()).toBeGreaterThan(0);
  expect(await dbg.move(() => page.keyboard.press('ArrowLeft'))).toBeLessThan(l1);
  await dbg.move(() => page.keyboard.press('Shift+ArrowRight'));
  await expect(dbg.loop.getByTestId('loop-running')).not.toContainText('nothing');
  const it = await dbg.iteration();
  await dbg.move(() => page.keyboard.press(']'));
  await expect.poll(() => dbg.iteration()).toBe(it + 1);
  await dbg.move(() => page.keyboard.press('c'));
  expect(await dbg.line()).toBe(13);
  await dbg.move(() => page.keyboard.press('Shift+T'));
  await dbg.move(() => page.keyboard.press('o'));
  await page.keyboard.press('3');
  await expect(dbg.granularity('Iteration')).toHaveAttribute('aria-checked', 'true');

  // Space plays; playback runs to the end and stops by itself.
  await page.keyboard.press('Space');
  await expect(dbg.button('Pause')).toBeVisible();
  await expect(dbg.button('Play')).toBeVisible({ timeout: 30_000 });
  expect(await dbg.step()).toBe(end);

  // The help overlay lists the shortcuts and closes with Escape.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Play or pause');
  await expect(help).toContainText('Run to the next / previous cancellation');
  await page.screenshot({ path: test.info().outputPath('debugger-help.png') });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Tab reaches the controls, and Enter on a focused button presses it.
  await dbg.button('Jump to start').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => dbg.step()).toBe(0);
});

test('editing after a run marks the trace stale; one keystroke runs again', async ({ page }) => {
  const { app, dbg } = await runProgram(page);
  const seq = await app.runSeq();
  const editorTop = async () => (await app.editor.boundingBox())!.y;
  const before = await editorTop();
  await app.editorInput.focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\n# edited\n');
  const banner = dbg.bar.getByRole('status').filter({ hasText: 'The code changed since this run' });
  await expect(banner).toBeVisible();
  // The banner lies over the old run's explanation: nothing on the page moved under the caret.
  expect(await editorTop()).toBe(before);
  await expect(dbg.button('Step forward')).toBeVisible();
  await app.editorInput.press('ControlOrMeta+Enter');
  await expect(app.playground).toHaveAttribute('data-run-seq', String(seq + 1));
  await app.waitRunEnd();
  await expect(banner).toBeHidden();
});

test('the current line mark stays on its line when the editor scrolls and lines are added', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  // Long enough to scroll: the program, then comment lines.
  const filler = Array.from({ length: 80 }, (_, i) => `# note ${i + 1}`).join('\n');
  await app.setCode(`${PROGRAM}${filler}\n`);
  await app.run();
  const dbg = new Debugger(page);
  await expect(dbg.bar).not.toHaveAttribute('data-step', '-1');
  await dbg.move(() => dbg.button('Jump to start').click());
  await dbg.move(() => dbg.button('Run to next cancellation').click());
  expect(await dbg.line()).toBe(13);
  await expect.poll(() => editorLinesWith(page, 'ls-current-line')).toEqual([13]);
  await expect.poll(() => editorLinesWith(page, 'ls-gut-current')).toEqual([13]);

  // Scrolled by a few lines (the wheel over the text): the marks move with the text.
  const rowOf = (n: number) =>
    app.editor.locator('.margin-view-overlays > div').filter({
      has: page.locator('.line-numbers', { hasText: new RegExp(`^\\s*${n}\\s*$`) }),
    });
  const before = (await rowOf(13).boundingBox())!;
  await page.mouse.move(before.x + 300, before.y + before.height / 2);
  await page.mouse.wheel(0, 95);
  await expect
    .poll(async () => (await rowOf(13).boundingBox())?.y ?? before.y)
    .toBeLessThan(before.y);
  await expect.poll(() => editorLinesWith(page, 'ls-current-line')).toEqual([13]);
  await expect.poll(() => editorLinesWith(page, 'ls-gut-current')).toEqual([13]);

  // Two lines typed above it: it moves down with its text, as Monaco's own marks do.
  await page.mouse.wheel(0, -500);
  await app.editorInput.focus();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.insertText('# one\n# two\n');
  await expect.poll(() => editorLinesWith(page, 'ls-current-line')).toEqual([15]);
  await expect.poll(() => editorLinesWith(page, 'ls-gut-current')).toEqual([15]);
  // Stepping keeps drawing it over the text the run executed: the trace's line, moved down by
  // the two lines typed above it.
  await dbg.move(() => dbg.button('Step back').click());
  const line = await dbg.line();
  await expect.poll(() => editorLinesWith(page, 'ls-current-line')).toEqual([line + 2]);
});

const FAILING = [
  'import asyncio', // 1
  '', // 2
  'async def boom():', // 3
  '    await asyncio.sleep(0.1)', // 4
  '    raise ValueError("boom")', // 5
  '', // 6
  'async def main():', // 7
  '    t = asyncio.create_task(boom(), name="boom")', // 8
  '    await asyncio.sleep(0.2)', // 9
  '    print("main done")', // 10
  '', // 11
  'asyncio.run(main())', // 12
  '',
].join('\n');

test('an exception: run to it, see the failed task and the error mark on its line', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(FAILING);
  await app.run();
  const dbg = new Debugger(page);
  await expect(dbg.bar).not.toHaveAttribute('data-step', '-1');
  await dbg.button('Jump to start').click();
  await expect.poll(() => dbg.step()).toBe(0);

  await dbg.move(() => dbg.button('Run to next task done').click());
  await expect(dbg.task('boom')).toHaveAttribute('data-state', 'failed');
  await expect(dbg.task('boom')).toContainText('ValueError');
  // The failed task's line carries the error mark in the editor.
  await expect.poll(() => editorLinesWith(page, 'ls-error-line')).toContain(5);
  // Going back before it clears the mark: the view is a function of the step.
  await dbg.button('Jump to start').click();
  await expect.poll(() => editorLinesWith(page, 'ls-error-line')).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('debugger-exception.png') });
});

test('the console keeps the step boundary in view while stepping through long output', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(
    [
      'import asyncio',
      '',
      'async def main():',
      '    for i in range(120):',
      '        print(f"line {i}")',
      '        await asyncio.sleep(0.01)',
      '',
      'asyncio.run(main())',
      '',
    ].join('\n'),
  );
  await app.run();
  const dbg = new Debugger(page);
  await expect(dbg.bar).not.toHaveAttribute('data-step', '-1');
  await dbg.button('Jump to start').click();
  await expect.poll(() => dbg.step()).toBe(0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 60; i++) await page.keyboard.press('o');
  await expect.poll(async () => (await consoleParts(app)).shown).toContain('line 59\n');
  expect((await consoleParts(app)).shown).not.toContain('line 60');
  // The first dimmed line sits inside the console's visible box.
  const inView = await app.output.evaluate((el) => {
    const mark = el.querySelector('[data-after-cursor]');
    if (!mark) return false;
    const m = mark.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return m.top >= box.top && m.top <= box.bottom;
  });
  expect(inView).toBe(true);
});
