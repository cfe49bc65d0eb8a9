import { describe, expect, it } from 'vitest';
import { SHRINK_AFTER, cardsInView, nextWindow as nextWindowOf } from './list-window';
import type { ListWindow, Seen } from './list-window';

/** The loop panel's two lists and their overscans. */
const OVERSCAN = { ready: 8, timers: 2 };
type Window = ListWindow<'ready' | 'timers'>;
const nextWindow = (
  prev: Window | null,
  caps: Record<'ready' | 'timers', number>,
  seen: Record<'ready' | 'timers', Seen>,
  surplus: Record<'ready' | 'timers', number> = { ready: 0, timers: 0 },
) => nextWindowOf(OVERSCAN, prev, caps, seen, surplus);

/** Tops of cards in rows of `perRow`, `rowHeight` apart, the first row at 0. */
const rows = (count: number, perRow: number, rowHeight: number) =>
  Array.from({ length: count }, (_, i) => Math.floor(i / perRow) * rowHeight);

describe('cardsInView', () => {
  it('counts the cards that start above the view bottom, row by row', () => {
    // 4 per row, 30 px rows, view ends at 75: rows at 0, 30 and 60 are in view.
    const tops = rows(20, 4, 30);
    expect(
      cardsInView({ drawn: 20, cap: 40, topAt: (i) => tops[i], listTop: 0, viewBottom: 75 }),
    ).toEqual({
      inView: 12,
      short: false,
    });
  });

  it('is short when the last drawn card starts in view and more exist', () => {
    const tops = rows(8, 4, 30);
    // The second row (top 30) ends the drawn cards inside a view that reaches 75.
    expect(
      cardsInView({ drawn: 8, cap: 40, topAt: (i) => tops[i], listTop: 0, viewBottom: 75 }).short,
    ).toBe(true);
    // All of the list drawn: nothing more to draw, however much room is left.
    expect(
      cardsInView({ drawn: 8, cap: 8, topAt: (i) => tops[i], listTop: 0, viewBottom: 75 }).short,
    ).toBe(false);
  });

  it('with no card drawn, is short once the list itself comes into view', () => {
    const none = { drawn: 0, cap: 40, topAt: (): number => Number.NaN };
    expect(cardsInView({ ...none, listTop: 500, viewBottom: 400 })).toEqual({
      inView: 0,
      short: false,
    });
    expect(cardsInView({ ...none, listTop: 300, viewBottom: 400 })).toEqual({
      inView: 0,
      short: true,
    });
  });
});

describe('nextWindow', () => {
  const caps = { ready: 40, timers: 40 };
  const seen = (inView: number, short = false, perCard = 9, measured = 20): Seen => ({
    inView,
    short,
    perCard,
    measured,
  });

  it('after drawing every card, keeps the cards in view plus an overscan', () => {
    const w = nextWindow(null, caps, {
      ready: seen(12, false, 9, 40),
      timers: seen(0, false, 30, 40),
    });
    expect(w).toEqual({
      ready: { draw: 12 + OVERSCAN.ready, perCard: 9, measured: 40 },
      timers: { draw: OVERSCAN.timers, perCard: 30, measured: 40 },
    });
  });

  it('returns the same window while it covers the view without drawing much more', () => {
    const prev: Window = {
      ready: { draw: 20, perCard: 9, measured: 40 },
      timers: { draw: 2, perCard: 30, measured: 40 },
    };
    expect(nextWindow(prev, caps, { ready: seen(14), timers: seen(0, false, 31, 2) })).toBe(prev);
  });

  it('draws fewer only after drawing far more than the view needs, measurement after measurement', () => {
    const all: Window = {
      ready: { draw: 40, perCard: 9, measured: 40 },
      timers: { draw: 2, perCard: 30, measured: 40 },
    };
    const surplus = { ready: 0, timers: 0 };
    // Far fewer cards in view than drawn (the panel got shorter, or cards wider): kept for a
    // while, since the next steps may need them again...
    const few = { ready: seen(2), timers: seen(0, false, 31, 2) };
    for (let i = 1; i < SHRINK_AFTER; i++) expect(nextWindow(all, caps, few, surplus)).toBe(all);
    // ...then shrunk, the other list unchanged, and the count starts again.
    const less = nextWindow(all, caps, few, surplus);
    expect(less.ready.draw).toBe(2 + OVERSCAN.ready);
    expect(less.timers).toEqual(all.timers);
    expect(surplus.ready).toBe(0);
  });

  it('a step that needs the cards again starts the count again: no shrink and regrow', () => {
    const all: Window = {
      ready: { draw: 40, perCard: 9, measured: 40 },
      timers: { draw: 2, perCard: 30, measured: 40 },
    };
    const surplus = { ready: 0, timers: 0 };
    // Stepping to and fro: few ready cards in view, then many (as a step fills the queue).
    for (let i = 0; i < 5 * SHRINK_AFTER; i++) {
      const inView = i % (SHRINK_AFTER - 1) === 0 ? 36 : 4;
      expect(nextWindow(all, caps, { ready: seen(inView), timers: seen(1) }, surplus)).toBe(all);
    }
  });

  it('keeps the card height measured over the most cards', () => {
    const prev: Window = {
      ready: { draw: 40, perCard: 9, measured: 40 },
      timers: { draw: 2, perCard: 30, measured: 40 },
    };
    // Two cards leave out most gaps: their height per card is not taken over 40 cards'.
    const w = nextWindow(
      prev,
      caps,
      { ready: seen(2, false, 7, 12), timers: seen(0, false, 26, 2) },
      { ready: SHRINK_AFTER - 1, timers: 0 },
    );
    expect(w.ready).toEqual({ draw: 2 + OVERSCAN.ready, perCard: 9, measured: 40 });
  });

  it('a short list draws twice as many, up to all; the other list keeps its count', () => {
    const prev: Window = {
      ready: { draw: 20, perCard: 9, measured: 40 },
      timers: { draw: 2, perCard: 30, measured: 40 },
    };
    const grown = nextWindow(prev, caps, { ready: seen(20, true), timers: seen(0, false, 0, 0) });
    expect(grown.ready.draw).toBe(40);
    expect(grown.timers).toEqual(prev.timers);
    // A list with few cards drawn grows by at least two overscans.
    const timers = nextWindow(prev, caps, { ready: seen(14), timers: seen(0, true, 0, 0) });
    expect(timers.timers).toEqual({ draw: 2 + 2 * OVERSCAN.timers, perCard: 30, measured: 40 });
  });

  it('settles: measuring what it asked to draw asks for nothing new', () => {
    let w = nextWindow(null, caps, {
      ready: seen(11, false, 9, 40),
      timers: seen(0, false, 30, 40),
    });
    for (let i = 0; i < 3; i++) {
      const next = nextWindow(w, caps, {
        ready: seen(Math.min(11, w.ready.draw), false, 9, w.ready.draw),
        timers: seen(0, false, 30, w.timers.draw),
      });
      if (i > 0) expect(next).toBe(w);
      w = next;
    }
  });
});
