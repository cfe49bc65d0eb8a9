/**
 * The task list draws only the rows of cards in view (src/viz/tasks/TasksPanel.tsx), and a step
 * that changes a card's height must not leave a gap or a missing row in the frame that paints it:
 * the rows in view stack in the page's flow, and a row that a shorter one brings into view is
 * drawn before that frame is painted. Checked in the animation frame of each step's commit, after
 * the panel's own. The run is a recorded synthetic trace, replayed through `?trace=`, so Python is
 * never started.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openSyntheticTrace } from './synthetic-replay';

const TRACE = 'traces/task-window.json';

interface Frame {
  /** Rows drawn, and their offsets against the row before (px; the gap is 8). */
  rows: number;
  gaps: number[];
  /** Where the drawn rows end, the bottom of the panel's view, and of the whole list. */
  rowsBottom: number;
  viewBottom: number;
  listBottom: number;
  /** Whether the last row of the list is among those drawn. */
  lastDrawn: boolean;
}

/**
 * Runs `act` (a key press or a scrub) and reads the task list in the animation frame that paints
 * the step: registered once the debug bar shows the new step, so after the commit's own.
 */
function stepAndMeasure(page: Page, act: { key?: string; scrub?: number }): Promise<Frame> {
  return page.evaluate(
    ({ key, scrub }) =>
      new Promise<Frame>((resolve) => {
        const bar = document.querySelector<HTMLElement>('[aria-label="Debugger"]')!;
        const before = bar.dataset.step;
        const observer = new MutationObserver(() => {
          if (bar.dataset.step === before) return;
          observer.disconnect();
          requestAnimationFrame(() => {
            const body = document.querySelector<HTMLElement>('.ls-tasks .ls-dbg-body')!;
            const list = body.querySelector<HTMLElement>('.ls-task-list')!;
            const rows = [...body.querySelectorAll<HTMLElement>('.ls-task-rows.is-view > *')];
            const boxes = rows.map((r) => r.getBoundingClientRect());
            const cards = Number(body.querySelector('.ls-task-card')?.getAttribute('aria-setsize'));
            const cols = Number(list.style.getPropertyValue('--ls-cols')) || 1;
            resolve({
              rows: rows.length,
              gaps: boxes.slice(1).map((b, i) => Math.round(b.top - boxes[i].bottom)),
              rowsBottom: boxes.length ? boxes[boxes.length - 1].bottom : 0,
              viewBottom: body.getBoundingClientRect().top + body.clientHeight,
              listBottom: list.getBoundingClientRect().bottom,
              lastDrawn: rows.some((r) => Number(r.dataset.index) === Math.ceil(cards / cols) - 1),
            });
          });
        });
        observer.observe(bar, { attributes: true, attributeFilter: ['data-step'] });
        if (scrub !== undefined) {
          const input = document.querySelector<HTMLInputElement>('input.ls-scrubber')!;
          const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
          set.call(input, String(scrub));
          input.dispatchEvent(new Event('input', { bubbles: true }));
        } else {
          window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        }
      }),
    act,
  );
}

test('the task list shows every row in view, in place, in the frame of each step', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { events } = await openSyntheticTrace(page, TRACE, { tasks: 3000, sleeps: 3 });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  // Jumps across the run (cards of every height) and steps in every direction.
  const moves: { key?: string; scrub?: number }[] = [];
  for (const at of [0.02, 0.5, 0.3, 0.7, 0.01, 0.6]) {
    moves.push({ scrub: Math.round(at * (events - 1)) });
    for (const key of ['F10', 'ArrowRight', ']', '[', 't', 'End', 'Home', 't']) moves.push({ key });
  }
  let windowed = 0;
  for (const move of moves) {
    const frame = await stepAndMeasure(page, move);
    const what = JSON.stringify(move);
    if (frame.rows === 0) continue;
    expect(
      frame.gaps.every((g) => g === 8),
      `rows stacked after ${what}`,
    ).toBe(true);
    const covered =
      frame.lastDrawn || frame.rowsBottom + 8 >= Math.min(frame.viewBottom, frame.listBottom);
    expect(covered, `view covered after ${what}: ${JSON.stringify(frame)}`).toBe(true);
    if (!frame.lastDrawn) windowed++;
  }
  // Most of these steps have thousands of tasks: the list is windowed, not drawn in full.
  expect(windowed).toBeGreaterThan(moves.length / 2);
});
