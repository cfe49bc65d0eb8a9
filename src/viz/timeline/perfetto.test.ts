import { describe, expect, it } from 'vitest';
import { buildTimelineModel } from './model';
import { checkTraceEvents, toPerfettoJson } from './perfetto';
import type { TraceEvent } from './perfetto';
import { syntheticTrace } from './synthetic-trace';
import { tinyTrace } from './test-trace';

const tiny = buildTimelineModel(tinyTrace());

function parse(json: string): TraceEvent[] {
  return (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
}

describe('Chrome Trace Event export', () => {
  const evs = parse(toPerfettoJson(tiny));

  it('is valid trace-event JSON', () => {
    expect(checkTraceEvents({ traceEvents: evs })).toEqual([]);
    const phases = new Set(evs.map((e) => e.ph));
    expect([...phases].sort()).toEqual(['M', 'X', 'f', 'i', 's']);
  });

  it('names one thread track per lane, in lane order', () => {
    const names = evs.filter((e) => e.ph === 'M' && e.name === 'thread_name');
    expect(names.map((e) => [e.tid, e.args?.name])).toEqual([
      [1, 'event loop · one by one'],
      [2, 'main · main()'],
      [3, 'worker · worker()'],
    ]);
    const order = evs.filter((e) => e.name === 'thread_sort_index').map((e) => e.args?.sort_index);
    expect(order).toEqual([0, 1, 2]);
  });

  it('writes spans as X events with microsecond timestamps and durations', () => {
    const worker = evs.filter((e) => e.ph === 'X' && e.tid === 3);
    const sleep = worker.find((e) => e.name === 'await sleep(0.5)');
    expect(sleep).toMatchObject({ ts: 0, dur: 500000, cat: 'suspended' });
    const blocked = worker.find((e) => e.cat === 'blocked');
    expect(blocked).toMatchObject({ ts: 500000, dur: 100000 });
    // Done tails are not slices.
    expect(worker.some((e) => e.cat === 'done')).toBe(false);
  });

  it('writes markers as thread-scoped instants and causes as paired flow events', () => {
    const result = evs.find((e) => e.ph === 'i' && e.name === 'result');
    expect(result).toMatchObject({ tid: 3, s: 't', ts: 600000, args: { step: 27, text: '42' } });
    const starts = evs.filter((e) => e.ph === 's');
    const ends = evs.filter((e) => e.ph === 'f');
    expect(starts.length).toBe(tiny.arrows.count);
    expect(ends.map((e) => e.id).sort()).toEqual(starts.map((e) => e.id).sort());
    const wake = starts.find((e) => e.name === 'wake-up');
    expect(wake).toMatchObject({ tid: 1, ts: 500000 });
    for (const e of ends) expect(e.bp).toBe('e');
  });

  it('can use the logical axis: one microsecond per step', () => {
    const l = parse(toPerfettoJson(tiny, { axis: 'logical' }));
    expect(checkTraceEvents(l)).toEqual([]);
    const run = l.find((e) => e.ph === 'X' && e.tid === 3 && e.cat === 'running');
    expect(run).toMatchObject({ ts: 12, dur: 3 });
  });

  it('stays valid on a large synthetic run', () => {
    const m = buildTimelineModel(syntheticTrace({ tasks: 300, events: 30000, cancelEvery: 9 }));
    for (const axis of ['virtual', 'logical'] as const) {
      expect(checkTraceEvents(JSON.parse(toPerfettoJson(m, { axis })))).toEqual([]);
    }
  });
});

describe('checkTraceEvents', () => {
  it('catches the mistakes viewers choke on', () => {
    const base = { name: 'x', pid: 1, tid: 1 };
    expect(checkTraceEvents({})).toHaveLength(1);
    expect(checkTraceEvents([{ ...base, ph: 'Q', ts: 0 }])[0]).toMatch(/bad ph/);
    expect(checkTraceEvents([{ ...base, ph: 'X', ts: 0 }])[0]).toMatch(/dur/);
    expect(checkTraceEvents([{ ...base, ph: 'i', ts: '5' }])[0]).toMatch(/ts/);
    expect(checkTraceEvents([{ ...base, ph: 'B', ts: 5 }])[0]).toMatch(/B without E/);
    expect(
      checkTraceEvents([
        { ...base, ph: 'X', ts: 0, dur: 10 },
        { ...base, ph: 'X', ts: 5, dur: 10 },
      ])[0],
    ).toMatch(/overlaps/);
    expect(checkTraceEvents([{ ...base, ph: 's', ts: 0, id: 3 }])[0]).toMatch(/flow 3/);
  });
});
