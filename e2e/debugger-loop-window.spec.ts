/**
 * The event loop panel and the futures list draw only the cards and rows that reach into their
 * view (see src/viz/list-window.ts): on a run with thousands of timers the heap below the fold has
 * almost no cards in the DOM, scrolling to it draws them, and after every step the part of each
 * list that is in view is drawn in full. The run is a recorded synthetic trace, replayed through
 * `?trace=`, so Python is never started.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openSyntheticTrace } from './synthetic-replay';

const TRACE = 'traces/loop-window.json';
/** Cards a list draws at most (LoopPanel's `limit`). */
const LIMIT = 40;

interface ListState {
  /** Handles in the list (the number in its heading). */
  count: number;
  /** Cards in the DOM. */
  drawn: number;
  /** Top of the list, and of its last drawn card, against the bottom of the panel's view. */
  listTop: number;
  lastTop: number | null;
  viewBottom: number;
}

/** Both lists of the loop panel as the last painted frame shows them. */
function lists(page: Page): Promise<{ ready: ListState; timers: ListState }> {
  return page.evaluate(
    () =>
      new Promise<{ ready: ListState; timers: ListState }>((resolve) => {
        const measure = () => {
          const body = document.querySelector<HTMLElement>('.ls-loop .ls-dbg-body')!;
          const viewBottom = body.getBoundingClientRect().top + body.clientHeight;
          const one = (section: string, list: string): ListState => {
            // The count's digits are grouped ("8,847").
            const count = Number(
              (document.querySelector(`${section} .ls-count`)?.textContent ?? '0').replaceAll(
                ',',
                '',
              ),
            );
            const ol = document.querySelector(list);
            const cards = ol ? [...ol.querySelectorAll(':scope > .ls-handle')] : [];
            return {
              count,
              drawn: cards.length,
              listTop: ol ? ol.getBoundingClientRect().top : Infinity,
              lastTop: cards.length ? cards[cards.length - 1].getBoundingClientRect().top : null,
              viewBottom,
            };
          };
          resolve({
            ready: one('.ls-loop-queue', 'ol.ls-queue'),
            timers: one('.ls-loop-timers', 'ol.ls-timers'),
          });
        };
        // After the next frame's paint: what a person sees once the step is on screen.
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = measure;
          ch.port2.postMessage(null);
        });
      }),
  );
}

/** What is in view is drawn: every card a list has, or cards past the bottom of the view. */
function covered(l: ListState): boolean {
  if (l.drawn === Math.min(LIMIT, l.count)) return true;
  if (l.listTop > l.viewBottom) return true;
  return l.lastTop !== null && l.lastTop > l.viewBottom;
}

test('the loop panel draws the cards in view, and the rest when scrolled to', async ({ page }) => {
  test.setTimeout(180_000);
  const { bar, events } = await openSyntheticTrace(page, TRACE, { tasks: 3000, sleeps: 3 });

  // Mid-run: thousands of timers and a long ready queue. The scrubber moves like a drag would.
  await page.locator('input.ls-scrubber').evaluate(
    (input: HTMLInputElement, step) => {
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      set.call(input, String(step));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    Math.round(events / 2),
  );
  await expect(bar).toHaveAttribute('data-step', String(Math.round(events / 2)));

  const loop = page.getByRole('region', { name: 'Event loop' });
  const heap = loop.getByRole('list', { name: 'Timer heap' });
  let at = await lists(page);
  expect(at.timers.count).toBeGreaterThan(LIMIT);
  expect(at.ready.count).toBeGreaterThan(LIMIT);
  // The heap starts below the fold and draws next to nothing; the queue fills the view.
  expect(at.timers.listTop).toBeGreaterThan(at.timers.viewBottom);
  expect(at.timers.drawn).toBeLessThan(10);
  expect(covered(at.ready)).toBe(true);

  // Steps in every direction keep the view covered.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const key of ['F10', 'Shift+F10', 'Shift+ArrowRight', 'Shift+ArrowLeft', ']', '[']) {
    const before = await bar.getAttribute('data-step');
    await page.keyboard.press(key);
    await expect(bar).not.toHaveAttribute('data-step', before!);
    at = await lists(page);
    expect(covered(at.ready), `queue after ${key}`).toBe(true);
    expect(covered(at.timers), `timers after ${key}`).toBe(true);
  }

  // Scrolled to the end of the panel, the first 40 timers are drawn and the rest counted.
  await page
    .locator('.ls-loop .ls-dbg-body')
    .evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(heap.locator(':scope > .ls-handle')).toHaveCount(LIMIT);
  // The spacer stood in for the cards with an estimate of their height; scroll to the real end.
  await page
    .locator('.ls-loop .ls-dbg-body')
    .evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(heap.locator(':scope > .ls-handle').last()).toBeInViewport();
  await expect(heap.getByText(/^\+\d+ more$/)).toBeInViewport();

  // The futures list in the inspector: a row or two fit, so a few of its 40 are drawn; scrolled
  // to its end, all 40 are, followed by the count of the rest.
  const inspector = page.getByRole('region', { name: 'Futures and resources' });
  const rows = inspector.locator('ul.ls-rows > li[data-future]');
  expect(await rows.count()).toBeLessThan(10);
  await inspector.locator('.ls-dbg-body').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(rows).toHaveCount(LIMIT);
  await inspector.locator('.ls-dbg-body').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(inspector.getByText(/^\+\d+ more$/)).toBeInViewport();

  // A step taken down there shows that step's timers in view at once.
  const before = await bar.getAttribute('data-step');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(bar).not.toHaveAttribute('data-step', before!);
  at = await lists(page);
  expect(covered(at.timers)).toBe(true);
  await expect(heap.locator(':scope > .ls-handle').last()).toBeInViewport();
});
