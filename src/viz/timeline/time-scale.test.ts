import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { niceTicks, TimeScale } from './time-scale';

const limits = { min: 0, max: 1000, minSpan: 4 };

describe('TimeScale', () => {
  it('maps domain to pixels and back', () => {
    const s = new TimeScale(100, 300, 800, limits);
    expect(s.toPx(100)).toBe(0);
    expect(s.toPx(300)).toBe(800);
    expect(s.toPx(200)).toBe(400);
    expect(s.toDomain(400)).toBe(200);
    expect(s.unitsPerPx).toBe(0.25);
  });

  it('fits the whole extent with a small margin', () => {
    const s = TimeScale.fit(limits, 500);
    expect(s.start).toBeLessThan(0);
    expect(s.end).toBeGreaterThan(1000);
    expect(s.start).toBeGreaterThanOrEqual(-1000 * 0.021);
    expect(s.end).toBeLessThanOrEqual(1000 * 1.021);
  });

  it('zooms around the pointer, keeping the value under it fixed', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 800, noNaN: true }),
        fc.double({ min: 1.01, max: 50, noNaN: true }),
        (px, factor) => {
          const s = new TimeScale(100, 300, 800, limits);
          const z = s.zoomAt(px, factor);
          expect(z.span).toBeCloseTo(200 / factor, 6);
          expect(z.toDomain(px)).toBeCloseTo(s.toDomain(px), 6);
        },
      ),
    );
  });

  it('never zooms in past minSpan nor out past the padded extent', () => {
    const s = new TimeScale(100, 300, 800, limits);
    const deep = s.zoomAt(400, 1e9);
    expect(deep.span).toBeCloseTo(4, 9);
    expect(deep.toDomain(400)).toBeCloseTo(200, 6);
    const wide = s.zoomAt(400, 1e-9);
    expect(wide.start).toBeCloseTo(-20, 9);
    expect(wide.end).toBeCloseTo(1020, 9);
  });

  it('pans by pixels and stops at the ends without changing the zoom', () => {
    const s = new TimeScale(100, 300, 800, limits);
    const p = s.pan(400);
    expect(p.start).toBe(200);
    expect(p.end).toBe(400);
    const far = s.pan(1e7);
    expect(far.end).toBeCloseTo(1020, 9);
    expect(far.span).toBeCloseTo(200, 9);
    const back = s.pan(-1e7);
    expect(back.start).toBeCloseTo(-20, 9);
    expect(back.span).toBeCloseTo(200, 9);
  });

  it('zooms to a selection in either order and keeps it at least minSpan wide', () => {
    const s = new TimeScale(0, 1000, 800, limits);
    const z = s.zoomTo(600, 400);
    expect([z.start, z.end]).toEqual([400, 600]);
    const tiny = s.zoomTo(500, 501);
    expect(tiny.span).toBeCloseTo(4, 9);
    expect((tiny.start + tiny.end) / 2).toBeCloseTo(500.5, 9);
  });

  it('reveals a value outside the view by centring on it, and leaves visible ones alone', () => {
    const s = new TimeScale(100, 200, 800, limits);
    expect(s.reveal(150)).toBe(s);
    const r = s.reveal(700);
    expect((r.start + r.end) / 2).toBeCloseTo(700, 9);
    expect(r.span).toBeCloseTo(100, 9);
  });

  it('keeps its domain when the canvas is resized', () => {
    const s = new TimeScale(100, 200, 800, limits).withWidth(400);
    expect([s.start, s.end, s.width]).toEqual([100, 200, 400]);
    expect(s.toPx(150)).toBe(200);
  });
});

describe('niceTicks', () => {
  it('picks 1-2-5 steps covering the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual({ step: 0.2, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    const { step, ticks } = niceTicks(13, 987, 10);
    expect(step).toBe(100);
    expect(ticks[0]).toBe(100);
    expect(ticks[ticks.length - 1]).toBe(900);
  });
  it('returns nothing for an empty range', () => {
    expect(niceTicks(5, 5, 10).ticks).toEqual([]);
  });
});
