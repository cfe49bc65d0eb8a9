/**
 * A window over the card lists of a scrolling panel body: which of the (at most `limit`) cards of
 * each list are drawn. Mid-run on a big trace a step replaced up to 80 cards in the loop panel and
 * a jump up to 40 rows in the futures list, most of them below the panel's fold (the timer heap
 * usually entirely, the futures list but for a row or two), and their style, layout and paint
 * were a good part of the step's cost. Only the cards that reach into the view, plus a few, are
 * drawn; a spacer of their height stands in for the rest, so the panel scrolls as if they were
 * there, and scrolling or resizing draws them.
 *
 * The arithmetic (`cardsInView`, `nextWindow`) is pure and unit-tested; `measureLists` reads the
 * layout. The hook measures in an animation frame after each commit (after every other effect has
 * written to the page, so the layout it reads is the one that will be painted, and Monaco's render
 * in the same frame finds it clean rather than laying the page out a second time), and on scroll
 * and resize; a list found short is redrawn synchronously there, before the paint.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { flushSync } from 'react-dom';

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
  /** Bottom edge of the panel's view. */
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

/**
 * Per list: how many cards to draw, the height a card takes (for the spacer), and over how many
 * drawn cards that height was measured.
 */
export type ListWindow<K extends string> = Record<
  K,
  { draw: number; perCard: number; measured: number }
>;

/** One list as measured: cards in view, whether it must draw more now, height per card. */
export interface Seen {
  inView: number;
  short: boolean;
  perCard: number;
  /** Cards the height per card was measured over. */
  measured: number;
}

/**
 * Consecutive measurements (after a step, a scroll or a resize) a list must draw far more than
 * its view needs before it draws fewer.
 * Stepping back and forth over one stretch of a run moves the cards in view up and down by a row
 * or two; shrinking at once made the next step find the list short and draw it again before the
 * paint (a second render, style and layout in the frame: 13 of 60 mid-run steps on a 10,000-task
 * trace did). Drawing a few cards too many costs less than that.
 */
export const SHRINK_AFTER = 24;

/**
 * The next window from a measurement of what `prev` drew (null: every card). A list cut short
 * inside the view draws twice as many. A list whose drawn cards cover the view keeps its count
 * until it has drawn more than three overscans past the view for `SHRINK_AFTER` measurements in a
 * row (`surplus` counts them per list, and is updated here); then it draws the cards in view plus
 * one overscan. The first measurement (`prev` null) draws that at once. Returns `prev` itself when
 * no count changes, so most steps measure and render nothing more.
 */
export function nextWindow<K extends string>(
  overscan: Readonly<Record<K, number>>,
  prev: ListWindow<K> | null,
  caps: Readonly<Record<K, number>>,
  seen: Readonly<Record<K, Seen>>,
  surplus: Record<K, number>,
): ListWindow<K> {
  const next = {} as ListWindow<K>;
  let same = prev !== null;
  for (const n of Object.keys(overscan) as K[]) {
    const drawn = prev ? Math.min(caps[n], prev[n].draw) : caps[n];
    const { inView, short } = seen[n];
    const over = drawn > inView + 3 * overscan[n];
    surplus[n] = over && !short ? (surplus[n] ?? 0) + 1 : 0;
    let draw: number;
    if (short) draw = drawn + Math.max(drawn, 2 * overscan[n]);
    else if (prev && drawn >= inView && (!over || surplus[n] < SHRINK_AFTER)) draw = prev[n].draw;
    else draw = inView + overscan[n];
    if (draw !== (prev ? prev[n].draw : -1)) surplus[n] = 0;
    // The height per card from the measurement over the most cards (the first one draws them
    // all): a few cards leave out most of the gaps between them, and the spacer would come out
    // short, so the panel would grow when scrolled to its end.
    const keep = prev !== null && prev[n].measured >= seen[n].measured;
    next[n] = keep
      ? { draw, perCard: prev[n].perCard, measured: prev[n].measured }
      : { draw, perCard: seen[n].perCard, measured: seen[n].measured };
    same &&= draw === prev![n].draw;
  }
  return same ? prev! : next;
}

/**
 * Where the drawn cards of each list stand against `body`'s view (reads layout). The drawn cards
 * must be the list's first children (a spacer or a count may follow).
 */
export function measureLists<K extends string>(
  body: HTMLElement,
  lists: Readonly<Record<K, HTMLElement | null>>,
  drawn: Readonly<Record<K, number>>,
  caps: Readonly<Record<K, number>>,
): Record<K, Seen> {
  // No margin below the view: scrolling measures again before the frame is painted, and the
  // overscan cards cover a step that moves the cards a little.
  const viewBottom = body.getBoundingClientRect().top + body.clientHeight;
  const seen = {} as Record<K, Seen>;
  for (const name of Object.keys(drawn) as K[]) {
    const list = lists[name];
    // No list (an empty queue or heap shows a line of text instead): nothing to draw.
    if (!list) {
      seen[name] = { inView: 0, short: false, perCard: 0, measured: 0 };
      continue;
    }
    // A binary search reads the tops of a handful of cards.
    const cards = list.children;
    const count = Math.min(drawn[name], cards.length);
    const listTop = list.getBoundingClientRect().top;
    const topAt = (i: number) => cards[i].getBoundingClientRect().top;
    const got = cardsInView({ drawn: count, cap: caps[name], topAt, listTop, viewBottom });
    const perCard =
      count > 0 ? (cards[count - 1].getBoundingClientRect().bottom - listTop) / count : 0;
    seen[name] = { ...got, perCard, measured: count };
  }
  return seen;
}

/** What the window hook remembers between a commit and its measurement. */
interface Latest<K extends string> {
  caps: Record<K, number>;
  drawn: Record<K, number>;
  win: ListWindow<K> | null;
  /** Per list, measurements in a row that found it drawing far more than its view needs. */
  surplus: Record<K, number>;
  /** The scrolling body the lists sit in, once found. */
  body: HTMLElement | null;
}

/** Measures the lists and sets the window they need, when it is a new one. */
function updateWindow<K extends string>(
  overscan: Readonly<Record<K, number>>,
  lists: Readonly<Record<K, RefObject<HTMLElement | null>>>,
  latest: RefObject<Latest<K>>,
  setWin: (win: ListWindow<K>) => void,
): void {
  const { caps, drawn, win, body, surplus } = latest.current;
  if (!body) return;
  const elements = {} as Record<K, HTMLElement | null>;
  for (const n of Object.keys(overscan) as K[]) elements[n] = lists[n].current;
  const seen = measureLists(body, elements, drawn, caps);
  const next = nextWindow(overscan, win, caps, seen, surplus);
  // Set only a new window: even an update that returns the same state renders the panel again.
  if (next === win) return;
  latest.current.win = next;
  // A list cut short inside the view is drawn now, before this frame is painted; fewer cards
  // (the rest are out of view) can wait for the next task.
  if ((Object.keys(overscan) as K[]).some((n) => seen[n].short)) flushSync(() => setWin(next));
  else setWin(next);
}

/** The scrolling panel body a list sits in. */
const BODY = '.ls-dbg-body';

/**
 * The window over some lists of cards in one scrolling panel body (`.ls-dbg-body`). `overscan`
 * names the lists (a constant object) and says how many cards each draws past the view; `lists`
 * holds their elements (a constant object of refs), `caps` how many cards each would draw with no
 * window. `content` and `lang`: the lists are measured again after every commit where either
 * changed (the cards, or their text, and so their sizes). Before the first measurement every card
 * is drawn (also in server rendering and tests).
 */
export function useListWindow<K extends string>(
  overscan: Readonly<Record<K, number>>,
  lists: Readonly<Record<K, RefObject<HTMLElement | null>>>,
  caps: Readonly<Record<K, number>>,
  content: unknown,
  lang: unknown,
): { drawn: Record<K, number>; spacer: Record<K, number> } {
  const [win, setWin] = useState<ListWindow<K> | null>(null);
  const [body, setBody] = useState<HTMLElement | null>(null);
  const names = Object.keys(overscan) as K[];
  const drawn = {} as Record<K, number>;
  const spacer = {} as Record<K, number>;
  for (const n of names) {
    drawn[n] = win ? Math.min(caps[n], win[n].draw) : caps[n];
    spacer[n] = win ? (caps[n] - drawn[n]) * win[n].perCard : 0;
  }
  const latest = useRef<Latest<K>>({
    caps: { ...caps },
    drawn,
    win,
    body,
    surplus: {} as Record<K, number>,
  });
  // One string for the counts, so the effect below runs when one of them changes.
  const counts = names.map((n) => `${caps[n]}/${drawn[n]}`).join(' ');

  // After every commit that changed the lists: measured in the animation frame that paints it.
  useLayoutEffect(() => {
    latest.current = { ...latest.current, caps: { ...caps }, drawn: { ...drawn }, win };
    const frame = requestAnimationFrame(() => {
      const first = names.map((n) => lists[n].current).find((el) => el);
      const found = first?.closest<HTMLElement>(BODY) ?? null;
      if (found && found !== latest.current.body) {
        latest.current.body = found;
        setBody(found);
      }
      updateWindow(overscan, lists, latest, setWin);
    });
    return () => cancelAnimationFrame(frame);
    // `counts` stands for caps and drawn; overscan and lists are the caller's constants.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [counts, win, content, lang]);

  // Scrolling and resizing bring other cards into view.
  useLayoutEffect(() => {
    if (!body || typeof ResizeObserver === 'undefined') return;
    const update = () => updateWindow(overscan, lists, latest, setWin);
    body.addEventListener('scroll', update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(body);
    return () => {
      body.removeEventListener('scroll', update);
      ro.disconnect();
    };
  }, [body, overscan, lists]);

  return { drawn, spacer };
}
