/**
 * The loop panel's window over its ready queue and timer heap: which of the (at most `limit`)
 * cards of each list are drawn. Mid-run on a big trace a step replaced up to 80 cards, most of
 * them below the panel's fold (the timer heap usually entirely), and their style, layout and
 * paint were about a tenth of the step's cost. Only the cards that reach into the view, plus a
 * few, are drawn; a spacer of their height stands in for the rest, so the panel scrolls as if they
 * were there, and scrolling or resizing draws them.
 *
 * The arithmetic (`cardsInView`, `nextWindow`) is pure and unit-tested; `measureLists` reads the
 * layout. `updateWindow` runs in an animation frame after each commit (after every other effect
 * has written to the page, so the layout it reads is the one that will be painted, and Monaco's
 * render in the same frame finds it clean rather than laying the page out a second time), and on
 * scroll and resize; a list found short is redrawn synchronously there, before the paint.
 */
import type { RefObject } from 'react';
import { flushSync } from 'react-dom';

/** Cards drawn past the last one in view, so a step that widens or narrows cards rarely redraws. */
export const OVERSCAN = { ready: 8, timers: 2 };
/** How far below the panel's view a card still counts as in view (px). */
const VIEW_MARGIN = 60;

/** Where one drawn list stands relative to the panel's view, measured after a commit. */
export interface ListMeasure {
  /** Cards drawn. */
  drawn: number;
  /** Cards the list would draw with no window (`limit` or fewer). */
  cap: number;
  /** Top edge of drawn card `i` (page pixels); read for a few cards only. */
  topAt(i: number): number;
  /** Top edge of the list (where its first card goes). */
  listTop: number;
  /** Bottom edge of the panel's view, margin included. */
  viewBottom: number;
}

/**
 * How many cards of a list reach into view, and whether the list must draw more before this frame
 * is painted: it must when its last drawn card (or, with none drawn, the list itself) starts
 * inside the view while more cards exist, since the next ones could show beside or below it. The
 * cards are laid out in order (a column, or rows that wrap), so their tops never decrease.
 */
export function cardsInView(m: ListMeasure): { inView: number; short: boolean } {
  let lo = 0;
  let hi = m.drawn;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (m.topAt(mid) <= m.viewBottom) lo = mid + 1;
    else hi = mid;
  }
  const lastTop = m.drawn > 0 ? m.topAt(m.drawn - 1) : m.listTop;
  return { inView: lo, short: m.drawn < m.cap && lastTop <= m.viewBottom };
}

/** The panel's two windowed lists. */
export type ListName = 'ready' | 'timers';
const LISTS: readonly ListName[] = ['ready', 'timers'];

/** Per list: how many cards to draw, and the height a card takes (for the spacer). */
export type Window = Record<ListName, { draw: number; perCard: number }>;

/**
 * The next window from a measurement of what `prev` drew (null: every card). A list cut short
 * inside the view draws twice as many; a list whose drawn cards cover the view with no more than
 * three overscans to spare keeps its count; any other draws the cards in view plus one overscan.
 * Returns `prev` itself when no count changes, so most steps measure and render nothing more.
 */
export function nextWindow(
  prev: Window | null,
  caps: Record<ListName, number>,
  seen: Record<ListName, { inView: number; short: boolean; perCard: number }>,
): Window {
  const next = {} as Window;
  let same = prev !== null;
  for (const n of LISTS) {
    const drawn = prev ? Math.min(caps[n], prev[n].draw) : caps[n];
    const { inView, short } = seen[n];
    let draw: number;
    if (short) draw = drawn + Math.max(drawn, 2 * OVERSCAN[n]);
    else if (prev && drawn >= inView && drawn <= inView + 3 * OVERSCAN[n]) draw = prev[n].draw;
    else draw = inView + OVERSCAN[n];
    // The card height is measured where cards are drawn; a list with none keeps the last one.
    const perCard = seen[n].perCard || prev?.[n].perCard || 0;
    next[n] = { draw, perCard };
    same &&= draw === prev![n].draw;
  }
  return same ? prev! : next;
}

type Seen = Record<ListName, { inView: number; short: boolean; perCard: number }>;

/** Where the drawn cards of both lists stand against the panel body's view (reads layout). */
export function measureLists(
  body: HTMLElement,
  lists: Record<ListName, HTMLOListElement | null>,
  drawn: Record<ListName, number>,
  caps: Record<ListName, number>,
): Seen {
  const viewBottom = body.getBoundingClientRect().top + body.clientHeight + VIEW_MARGIN;
  const seen = {} as Seen;
  for (const name of LISTS) {
    const list = lists[name];
    // No list (an empty queue or heap shows a line of text instead): nothing to draw.
    if (!list) {
      seen[name] = { inView: 0, short: false, perCard: 0 };
      continue;
    }
    // The drawn cards are the list's first children (the spacer and the count come after), and
    // a binary search reads the tops of a handful of them.
    const cards = list.children;
    const count = Math.min(drawn[name], cards.length);
    const listTop = list.getBoundingClientRect().top;
    const topAt = (i: number) => cards[i].getBoundingClientRect().top;
    const got = cardsInView({ drawn: count, cap: caps[name], topAt, listTop, viewBottom });
    const perCard =
      count > 0 ? (cards[count - 1].getBoundingClientRect().bottom - listTop) / count : 0;
    seen[name] = { ...got, perCard };
  }
  return seen;
}

/** Measures the lists and sets the window they need (the same object when it can stay). */
export function updateWindow(
  body: RefObject<HTMLElement | null>,
  ready: RefObject<HTMLOListElement | null>,
  timers: RefObject<HTMLOListElement | null>,
  latest: RefObject<{
    caps: Record<ListName, number>;
    drawn: Record<ListName, number>;
    win: Window | null;
  }>,
  setWin: (win: Window) => void,
): void {
  const el = body.current;
  if (!el) return;
  const { caps, drawn, win } = latest.current;
  const seen = measureLists(el, { ready: ready.current, timers: timers.current }, drawn, caps);
  const next = nextWindow(win, caps, seen);
  // Set only a new window: even an update that returns the same state renders the panel again.
  if (next === win) return;
  latest.current.win = next;
  // A list cut short inside the view is drawn now, before this frame is painted; fewer cards
  // (the rest are out of view) can wait for the next task.
  if (LISTS.some((n) => seen[n].short)) flushSync(() => setWin(next));
  else setWin(next);
}
