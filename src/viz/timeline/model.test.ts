import { describe, expect, it } from 'vitest';
import {
  adjacentMarker,
  ArrowKind,
  buildTimelineModel,
  LaneKind,
  levelX0,
  levelX1,
  MarkerKind,
  markerX,
  mergeLevel,
  spanT0,
  spanT1,
  SpanState,
} from './model';
import { timelineModelBytes } from './bench';
import { syntheticTrace } from './synthetic-trace';
import { syntheticTrace as sharedSyntheticTrace } from '../../trace/synthetic';
import { tinyTrace } from './test-trace';

function laneSpans(m: ReturnType<typeof buildTimelineModel>, lane: number) {
  const out: [number, number, number, number][] = [];
  for (let i = m.spans.offsets[lane]; i < m.spans.offsets[lane + 1]; i++) {
    out.push([m.spans.state[i], m.spans.s0[i], m.spans.s1[i], m.spans.aux[i]]);
  }
  return out;
}

describe('buildTimelineModel', () => {
  const m = buildTimelineModel(tinyTrace());
  const N = 38;

  it('makes a loop lane and one lane per task', () => {
    expect(m.laneCount).toBe(3);
    expect(Array.from(m.laneKind)).toEqual([LaneKind.LOOP, LaneKind.TASK, LaneKind.TASK]);
    expect(Array.from(m.taskLane)).toEqual([1, 2]);
  });

  it('follows each task through ready, running, suspended (on what) and its end', () => {
    const S = SpanState;
    expect(laneSpans(m, 1).map((s) => s.slice(0, 3))).toEqual([
      [S.READY, 0, 4],
      [S.RUNNING, 4, 9],
      [S.SUSPENDED, 9, 29],
      [S.READY, 29, 33],
      [S.RUNNING, 33, 35],
      [S.FAILED, 35, N],
    ]);
    const worker = laneSpans(m, 2);
    expect(worker.map((s) => s.slice(0, 3))).toEqual([
      [S.READY, 5, 12],
      [S.RUNNING, 12, 15],
      [S.SUSPENDED, 15, 21],
      [S.READY, 21, 25],
      [S.RUNNING, 25, 26],
      [S.BLOCKED, 26, 27],
      [S.RUNNING, 27, 28],
      [S.DONE, 28, N],
    ]);
    // Suspended on the sleep future (id 2).
    expect(worker[2][3]).toBe(2);
  });

  it('shows on the loop lane which handle runs when, and when the loop is blocked', () => {
    const S = SpanState;
    expect(laneSpans(m, 0)).toEqual([
      [S.CALLBACK, 3, 10, 0],
      [S.CALLBACK, 11, 16, 1],
      [S.CALLBACK, 19, 23, 2],
      [S.CALLBACK, 24, 26, 3],
      [S.BLOCKED, 26, 27, 3],
      [S.CALLBACK, 27, 31, 3],
      [S.CALLBACK, 32, 36, 4],
    ]);
  });

  it('gives the blocked span its virtual duration and running spans none', () => {
    const i = m.spans.offsets[2] + 5;
    expect(m.spans.state[i]).toBe(SpanState.BLOCKED);
    expect(spanT0(m, i)).toBe(0.5);
    expect(spanT1(m, i)).toBe(0.6);
    const run = m.spans.offsets[2] + 1;
    expect(spanT1(m, run) - spanT0(m, run)).toBe(0);
    // The suspended span lasts from t=0 to the wake-up at 0.5 s.
    expect([spanT0(m, run + 1), spanT1(m, run + 1)]).toEqual([0, 0.5]);
  });

  it('places markers on the lane where they happened', () => {
    const marks = (lane: number) => {
      const out: [number, number][] = [];
      for (let i = m.markers.offsets[lane]; i < m.markers.offsets[lane + 1]; i++)
        out.push([m.markers.kind[i], m.markers.step[i]]);
      return out;
    };
    const K = MarkerKind;
    expect(marks(1)).toEqual([
      [K.CREATED, 0],
      [K.STDOUT, 7],
      [K.FAILED, 34],
    ]);
    expect(marks(2)).toEqual([
      [K.CREATED, 5],
      [K.BLOCKED, 26],
      [K.RESULT, 27],
    ]);
    expect(marks(0)).toEqual([
      [K.BLOCKED, 26],
      [K.EXCEPTION, 36],
      [K.RUN_END, 37],
    ]);
  });

  it('records who woke whom: set_result -> callback queued -> task resumed', () => {
    const a = m.arrows;
    const rows = Array.from({ length: a.count }, (_, i) => [
      a.kind[i],
      a.fromStep[i],
      a.fromLane[i],
      a.toStep[i],
      a.toLane[i],
    ]);
    expect(rows).toEqual([
      [ArrowKind.SPAWN, 5, 1, 5, 2],
      [ArrowKind.WAKE, 20, 0, 21, 2],
      [ArrowKind.RESUME, 24, 0, 25, 2],
      [ArrowKind.WAKE, 28, 2, 29, 1],
      [ArrowKind.RESUME, 32, 0, 33, 1],
    ]);
  });

  it('finds the next and previous marker for keyboard navigation', () => {
    expect(adjacentMarker(m, 2, 5, 1)).toBe(26);
    expect(adjacentMarker(m, 2, 26, -1)).toBe(5);
    expect(adjacentMarker(m, 2, 27, 1)).toBe(-1);
    expect(adjacentMarker(m, -1, 8, 1)).toBe(26); // any lane: worker's blocked call is next
    expect(adjacentMarker(m, -1, 0, -1)).toBe(-1);
  });

  it('lists loop iterations and the extent of both axes', () => {
    expect(Array.from(m.iterations)).toEqual([2, 10, 16, 23, 31]);
    expect(m.extent.logical).toEqual([0, N]);
    expect(m.extent.virtual).toEqual([0, 0.6]);
  });

  it('records cancellation requests with an arrow from the canceller', () => {
    const t = syntheticTrace({ tasks: 20, events: 3000, cancelEvery: 5 });
    const sm = buildTimelineModel(t);
    let requested = 0;
    let delivered = 0;
    for (let i = 0; i < sm.markers.step.length; i++) {
      if (sm.markers.kind[i] === MarkerKind.CANCEL_REQUESTED) requested++;
      if (sm.markers.kind[i] === MarkerKind.CANCEL_DELIVERED) delivered++;
    }
    expect(requested).toBe(4);
    expect(delivered).toBe(4);
    let cancelArrows = 0;
    for (let i = 0; i < sm.arrows.count; i++) {
      if (sm.arrows.kind[i] === ArrowKind.CANCEL) {
        cancelArrows++;
        expect(sm.arrows.fromLane[i]).toBe(1); // main
      }
    }
    expect(cancelArrows).toBe(4);
    // Worker thread and connection lanes exist.
    expect(Array.from(sm.laneKind.slice(-2))).toEqual([LaneKind.WORKER, LaneKind.CONNECTION]);
  });
});

describe('spans invariants on a synthetic trace', () => {
  const m = buildTimelineModel(syntheticTrace({ tasks: 200, events: 40000, cancelEvery: 7 }));
  it('keeps each lane sorted and non-overlapping on both axes', () => {
    const sp = m.spans;
    for (let l = 0; l < m.laneCount; l++) {
      for (let i = sp.offsets[l]; i < sp.offsets[l + 1]; i++) {
        expect(sp.s1[i]).toBeGreaterThan(sp.s0[i]);
        expect(spanT1(m, i)).toBeGreaterThanOrEqual(spanT0(m, i));
        if (i > sp.offsets[l]) {
          expect(sp.s0[i]).toBeGreaterThanOrEqual(sp.s1[i - 1]);
          expect(spanT0(m, i)).toBeGreaterThanOrEqual(spanT1(m, i - 1));
        }
      }
    }
  });
});

describe('levels of detail', () => {
  it('merges spans shorter than a bucket and keeps long ones', () => {
    // One lane: three 1-unit spans (running, suspended, running) then one 10-unit span.
    const x0 = new Float64Array([0, 1, 2, 3]);
    const src = {
      offsets: new Int32Array([0, 4]),
      x1: new Float64Array([1, 2, 3, 13]),
      state: new Uint8Array([
        SpanState.SUSPENDED,
        SpanState.RUNNING,
        SpanState.SUSPENDED,
        SpanState.READY,
      ]),
      first: null,
    };
    const lvl = mergeLevel(src, 4, x0);
    expect(Array.from(lvl.offsets)).toEqual([0, 2]);
    expect(Array.from(lvl.x1 ?? [])).toEqual([3, 13]);
    // Running weighs more than waiting of the same width.
    expect(lvl.state[0]).toBe(SpanState.RUNNING);
    expect(Array.from(lvl.first ?? [])).toEqual([0, 3]);
  });

  it('moves on where a start divided by the bucket rounds up to a whole number', () => {
    // 4.3 / 0.1 is 42.99999999999999, and (42 + 1) * 0.1 is 4.3 again: a bucket that "ends" where
    // the span starts. Merging used to loop forever on such a span (a 400-task synthetic run hit it).
    expect((Math.floor(4.3 / 0.1) + 1) * 0.1).toBe(4.3);
    const lvl = mergeLevel(
      {
        offsets: new Int32Array([0, 3]),
        x1: new Float64Array([4.31, 4.32, 4.33]),
        state: new Uint8Array([SpanState.RUNNING, SpanState.READY, SpanState.RUNNING]),
        first: null,
      },
      0.1,
      new Float64Array([4.3, 4.31, 4.32]),
    );
    // The first span stands alone (its bucket "ends" at once); the next two merge.
    expect(Array.from(lvl.offsets)).toEqual([0, 2]);
    expect(Array.from(lvl.x1 ?? [])).toEqual([Math.fround(4.31), Math.fround(4.33)]);
    expect(Array.from(lvl.first ?? [])).toEqual([0, 1]);
    // 400 tasks and main, the loop, a worker thread and a connection.
    expect(buildTimelineModel(syntheticTrace({ tasks: 400, events: 60000 })).laneCount).toBe(404);
  });

  it('never merges across bucket boundaries, and coarser levels have no more spans', () => {
    const m = buildTimelineModel(syntheticTrace({ tasks: 50, events: 20000 }));
    for (const axis of ['logical', 'virtual'] as const) {
      let prev = m.spans.s0.length;
      for (const lvl of m.lod[axis]) {
        const n = lvl.offsets[m.laneCount];
        expect(n).toBeLessThanOrEqual(prev);
        prev = n;
        for (let i = 0; i < n; i++) {
          const w = levelX1(m, axis, lvl, i) - levelX0(m, axis, lvl, i);
          // A merged run either is one long span or fits in ~two buckets.
          if (w > 2 * lvl.bucket) expect(lvl.first ? lvl.first[i] : i).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });
});

/** FNV-1a over the IEEE-754 bytes of the values: equal digests mean bit-identical numbers. */
function digest(xs: Iterable<number>): string {
  const f = new Float64Array(1);
  const b = new Uint8Array(f.buffer);
  let h = 0x811c9dc5;
  for (const x of xs) {
    f[0] = x;
    for (let k = 0; k < 8; k++) h = Math.imul(h ^ b[k], 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function* range<T>(n: number, f: (i: number) => T) {
  for (let i = 0; i < n; i++) yield f(i);
}

describe('positions derived from steps and the clock', () => {
  it('equal, bit for bit, the Float64 columns the model used to store', () => {
    // Digests of spans.t0, spans.t1 and markers.vx as the model stored them before it derived
    // them from the trace's clock (computed with that implementation on this very trace).
    const m = buildTimelineModel(syntheticTrace({ tasks: 200, events: 40000, cancelEvery: 7 }));
    const spans = m.spans.s0.length;
    const marks = m.markers.step.length;
    expect([spans, marks]).toEqual([14710, 615]);
    expect(digest(range(spans, (i) => spanT0(m, i)))).toBe('e6b8a4f8');
    expect(digest(range(spans, (i) => spanT1(m, i)))).toBe('418211f0');
    expect(digest(range(marks, (i) => markerX(m, 'virtual', i)))).toBe('15dbcad8');
    for (let i = 0; i < marks; i++) expect(markerX(m, 'logical', i)).toBe(m.markers.step[i] + 0.5);
  });

  it('ends a span at the clock of the event that ended it, or inside its last event', () => {
    // tinyTrace with the clock jumping by 1 s between steps 14 and 15. The worker's running step
    // 12..15 ends inside step 14 (TASK_STEP_END), so before the jump; its suspended span 15..21
    // ends when step 21 schedules the wake-up, on the clock of step 21.
    const trace = tinyTrace();
    const time = trace.events.time;
    for (let k = 15; k < time.length; k++) time[k] += 1;
    const m = buildTimelineModel(trace);
    const i = m.spans.offsets[2] + 1;
    expect([m.spans.state[i], m.spans.s0[i], m.spans.s1[i]]).toEqual([SpanState.RUNNING, 12, 15]);
    expect([spanT0(m, i), spanT1(m, i)]).toEqual([0, 0]);
    expect([m.spans.state[i + 1], m.spans.s1[i + 1]]).toEqual([SpanState.SUSPENDED, 21]);
    expect([spanT0(m, i + 1), spanT1(m, i + 1)]).toEqual([1, 1.5]);
    // The last span of a lane ends at the last event's clock.
    const last = m.spans.offsets[3] - 1;
    expect([m.spans.s1[last], spanT1(m, last)]).toEqual([38, 1.6]);
  });

  it('starts each level-of-detail span where its first raw span starts', () => {
    const m = buildTimelineModel(syntheticTrace({ tasks: 50, events: 20000 }));
    for (const axis of ['logical', 'virtual'] as const) {
      for (const lvl of m.lod[axis]) {
        if (!lvl.first) continue;
        for (let i = 0; i < lvl.first.length; i++) {
          const raw = lvl.first[i];
          const x0 = axis === 'logical' ? m.spans.s0[raw] : spanT0(m, raw);
          expect(levelX0(m, axis, lvl, i)).toBe(x0);
        }
      }
    }
  });
});

describe('memory', () => {
  it('keeps the model of a 10,000-lane-style run near 12 bytes per event', () => {
    // 1,000 tasks of six sleeps each, about 104,000 events: the same shape as the bench trace.
    // The model took 17.4 B/event when it stored Float64 positions.
    const m = buildTimelineModel(sharedSyntheticTrace({ tasks: 1000, sleeps: 6 }));
    expect(m.eventCount).toBeGreaterThan(100_000);
    expect(timelineModelBytes(m) / m.eventCount).toBeLessThan(12.5);
  });

  it('stores lane numbers of arrows in 16 bits below 65,536 lanes', () => {
    const m = buildTimelineModel(tinyTrace());
    expect(m.arrows.fromLane).toBeInstanceOf(Uint16Array);
    expect(m.arrows.toLane).toBeInstanceOf(Uint16Array);
  });
});
