import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  arrowsFor,
  chooseLevel,
  convertScale,
  createFrame,
  hitTest,
  limitsFor,
  paintKey,
  prepareFrame,
} from './frame';
import { buildTimelineModel, MarkerKind, SpanState, spanX0, spanX1 } from './model';
import { syntheticTrace } from './synthetic-trace';
import { tinyTrace } from './test-trace';
import { DIM, displayKey, spanStyle } from './render';
import { TimeScale } from './time-scale';

const tiny = buildTimelineModel(tinyTrace());

describe('culling to the visible window', () => {
  it('draws only spans that overlap the window, each clipped to its own pixels', () => {
    // Steps 12..20 on 80 px: 10 px per step.
    const s = new TimeScale(12, 20, 80, limitsFor(tiny, 'logical'));
    const f = prepareFrame(createFrame(), tiny, 'logical', s, 2, 3);
    const rects = Array.from({ length: f.rectCount }, (_, i) => [
      f.rectKey[i] & 15,
      f.rectX0[i],
      f.rectX1[i],
    ]);
    // Worker lane: running [12,15) then suspended [15,21), which starts past the window's end
    // only in part.
    expect(rects).toEqual([
      [SpanState.RUNNING, 0, 30],
      [SpanState.SUSPENDED, 30, 90],
    ]);
  });

  it('skips lanes outside [firstLane, lastLane)', () => {
    const s = TimeScale.fit(limitsFor(tiny, 'logical'), 400);
    const f = prepareFrame(createFrame(), tiny, 'logical', s, 1, 2);
    for (let i = 0; i < f.rectCount; i++) expect(f.rectLane[i]).toBe(1);
    expect(f.rectCount).toBe(6);
  });

  it('binary-searches: a window far right of a lane yields nothing', () => {
    const m = buildTimelineModel(syntheticTrace({ tasks: 10, events: 5000 }));
    const [, end] = m.extent.logical;
    const s = new TimeScale(end + 1, end + 50, 100, { min: 0, max: end + 100, minSpan: 1 });
    const f = prepareFrame(createFrame(), m, 'logical', s, 1, 5);
    // Tasks end before the run does; only their done tails (to the end) could show: none here.
    expect(f.rectCount).toBe(0);
  });
});

describe('merging what falls inside one pixel', () => {
  it('keeps at most a few rectangles per pixel per lane however many spans there are', () => {
    const m = buildTimelineModel(syntheticTrace({ tasks: 2000, events: 200000 }));
    const width = 300;
    const s = TimeScale.fit(limitsFor(m, 'logical'), width);
    const f = prepareFrame(createFrame(), m, 'logical', s, 0, 1);
    const loopSpans = m.spans.offsets[1] - m.spans.offsets[0];
    expect(loopSpans).toBeGreaterThan(10000);
    expect(f.rectCount).toBeLessThanOrEqual(width + 2);
    // Rectangles of a lane are in order and do not overlap by more than a pixel.
    for (let i = 1; i < f.rectCount; i++)
      expect(f.rectX0[i]).toBeGreaterThan(f.rectX0[i - 1] - 1e-6);
  });

  it('gives every zero-width span (virtual time, t=0) at least one pixel', () => {
    const s = TimeScale.fit(limitsFor(tiny, 'virtual'), 600);
    const f = prepareFrame(createFrame(), tiny, 'virtual', s, 0, 3);
    for (let i = 0; i < f.rectCount; i++)
      expect(f.rectX1[i] - f.rectX0[i]).toBeGreaterThanOrEqual(1);
  });

  it('uses a level of detail no coarser than half a pixel', () => {
    const m = buildTimelineModel(syntheticTrace({ tasks: 100, events: 50000 }));
    const levels = m.lod.logical;
    expect(chooseLevel(levels, levels[0].bucket / 4)).toBe(-1);
    expect(chooseLevel(levels, levels[1].bucket * 2)).toBe(1);
    expect(chooseLevel(levels, levels[3].bucket * 100)).toBe(3);
    const fit = TimeScale.fit(limitsFor(m, 'logical'), 1000);
    const f = prepareFrame(createFrame(), m, 'logical', fit, 0, m.laneCount);
    expect(f.level).toBeGreaterThanOrEqual(0);
    expect(levels[f.level].bucket).toBeLessThanOrEqual(fit.unitsPerPx / 2);
  });

  it('shows one marker per 4-pixel cell, the most important one', () => {
    const s = TimeScale.fit(limitsFor(tiny, 'logical'), 20); // ~0.5 px per step
    const f = prepareFrame(createFrame(), tiny, 'logical', s, 0, 1);
    // Loop lane markers: blocked (26), exception (36), run end (37); the last two share a cell.
    const kinds = Array.from(f.markKind.slice(0, f.markCount));
    expect(kinds).toEqual([MarkerKind.BLOCKED, MarkerKind.EXCEPTION]);
  });
});

describe('hit-testing', () => {
  const s = new TimeScale(0, 38, 380, limitsFor(tiny, 'logical')); // 10 px per step
  it('finds the span under the pointer and the step under it', () => {
    const hit = hitTest(tiny, 'logical', s, 2, 135); // step 13.5 on the worker lane
    expect(hit).toMatchObject({ type: 'span', lane: 2, step: 13 });
    expect(tiny.spans.state[hit!.index]).toBe(SpanState.RUNNING);
  });
  it('prefers a marker within tolerance', () => {
    const hit = hitTest(tiny, 'logical', s, 2, 57); // created marker at step 5 (x = 55 px)
    expect(hit).toMatchObject({ type: 'marker', lane: 2, step: 5 });
    expect(tiny.markers.kind[hit!.index]).toBe(MarkerKind.CREATED);
  });
  it('misses empty space and lanes that do not exist', () => {
    expect(hitTest(tiny, 'logical', s, 0, 105)).toBeNull(); // step 10.5: between handles
    expect(hitTest(tiny, 'logical', s, 7, 100)).toBeNull();
  });
  it('hits spans on the virtual axis too', () => {
    const v = new TimeScale(0, 0.6, 600, limitsFor(tiny, 'virtual'));
    const hit = hitTest(tiny, 'virtual', v, 2, 250); // t=0.25: the worker sleeps
    expect(hit).toMatchObject({ type: 'span', lane: 2, step: 15 });
  });
});

describe('axes and arrows', () => {
  it('converts a view between steps and virtual seconds', () => {
    const s = new TimeScale(17, 30, 500, limitsFor(tiny, 'logical'));
    const v = convertScale(tiny, s, 'logical', 'virtual');
    expect(v.start).toBeCloseTo(0.5, 9);
    expect(v.end).toBeCloseTo(0.6, 9);
    const back = convertScale(tiny, v, 'virtual', 'logical');
    expect(back.start).toBe(17);
  });
  it('lists arrows touching a lane inside the window', () => {
    expect(arrowsFor(tiny, 2, 'logical', 0, 38)).toEqual([0, 1, 2, 3]);
    expect(arrowsFor(tiny, 2, 'logical', 22, 23)).toEqual([]);
    expect(arrowsFor(tiny, 1, 'logical', 30, 38)).toEqual([4]);
  });
  it('paints task work in the task colour and plain callbacks neutral', () => {
    expect(paintKey(tiny, 2, SpanState.RUNNING, -1)).toBe(2 * 16 + SpanState.RUNNING);
    expect(paintKey(tiny, 0, SpanState.CALLBACK, 2)).toBe(0 * 16 + SpanState.CALLBACK);
    expect(paintKey(tiny, 0, SpanState.CALLBACK, 3)).toBe(2 * 16 + SpanState.CALLBACK);
  });
});

describe('properties over random views', () => {
  const m = buildTimelineModel(syntheticTrace({ tasks: 300, events: 60000, cancelEvery: 11 }));
  const arb = fc.record({
    axis: fc.constantFrom<'logical' | 'virtual'>('logical', 'virtual'),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    b: fc.double({ min: 0, max: 1, noNaN: true }),
    width: fc.integer({ min: 50, max: 2000 }),
    first: fc.integer({ min: 0, max: 300 }),
  });

  it('keeps rectangles inside the lanes asked for, ordered, and bounded per pixel', () => {
    fc.assert(
      fc.property(arb, ({ axis, a, b, width, first }) => {
        const [lo, hi] = m.extent[axis];
        const s = new TimeScale(lo, hi, width, limitsFor(m, axis)).zoomTo(
          lo + Math.min(a, b) * (hi - lo),
          lo + Math.max(a, b) * (hi - lo),
        );
        const f = prepareFrame(createFrame(), m, axis, s, first, first + 12);
        const perLane = new Map<number, number>();
        for (let i = 0; i < f.rectCount; i++) {
          const lane = f.rectLane[i];
          expect(lane).toBeGreaterThanOrEqual(first);
          expect(lane).toBeLessThan(first + 12);
          expect(f.rectX1[i]).toBeGreaterThan(f.rectX0[i]);
          expect(f.rectX1[i]).toBeGreaterThan(-1);
          expect(f.rectX0[i]).toBeLessThan(width + 1);
          if (i > 0 && f.rectLane[i - 1] === lane)
            expect(f.rectX0[i]).toBeGreaterThanOrEqual(f.rectX0[i - 1]);
          perLane.set(lane, (perLane.get(lane) ?? 0) + 1);
        }
        for (const n of perLane.values()) expect(n).toBeLessThanOrEqual(2 * width + 4);
      }),
      { numRuns: 60 },
    );
  });

  it('hit-tests the middle of every wide visible span back to that span', () => {
    let checked = 0;
    fc.assert(
      fc.property(arb, ({ axis, a, b, width, first }) => {
        const [lo, hi] = m.extent[axis];
        const s = new TimeScale(lo, hi, width, limitsFor(m, axis)).zoomTo(
          lo + Math.min(a, b) * (hi - lo),
          lo + Math.max(a, b) * (hi - lo),
        );
        for (let lane = first; lane < Math.min(m.laneCount, first + 5); lane++) {
          for (let i = m.spans.offsets[lane]; i < m.spans.offsets[lane + 1]; i++) {
            const pa = s.toPx(spanX0(m, axis, i));
            const pb = s.toPx(spanX1(m, axis, i));
            if (pb - pa < 12 || pb < 0 || pa > width) continue;
            const mid = (Math.max(pa, 0) + Math.min(pb, width)) / 2;
            const hit = hitTest(m, axis, s, lane, mid, 0);
            checked++;
            // A marker exactly there may win; otherwise it is this span.
            if (hit?.type === 'span') expect(hit.index).toBe(i);
            else expect(hit?.type).toBe('marker');
          }
        }
      }),
      { numRuns: 40 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});

describe('focus on a selected task', () => {
  it("fades other tasks' callbacks on the loop lane only", () => {
    const mine = paintKey(tiny, 0, SpanState.CALLBACK, 3); // a handle of task 1
    const other = paintKey(tiny, 0, SpanState.CALLBACK, 0); // a handle of task 0
    expect(displayKey(mine, 0, 1)).toBe(mine);
    expect(displayKey(other, 0, 1)).toBe(other + DIM);
    expect(spanStyle(other + DIM).alpha).toBeCloseTo(spanStyle(other).alpha * 0.3, 9);
    expect(displayKey(other, 0, -1)).toBe(other);
    const taskLane = paintKey(tiny, 1, SpanState.RUNNING, -1);
    expect(displayKey(taskLane, 1, 1)).toBe(taskLane);
  });
});
