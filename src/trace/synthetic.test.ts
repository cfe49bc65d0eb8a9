import { describe, expect, it } from 'vitest';
import { validateTrace } from './decode';
import { buildIndex, indexBytes, stateAt } from './index';
import { measureSeeks, syntheticTrace } from './synthetic';

describe('synthetic traces', () => {
  it('are valid, deterministic, and end as the program does', () => {
    const a = syntheticTrace({ tasks: 40, sleeps: 4, seed: 3 });
    expect(() => validateTrace(a)).not.toThrow();
    expect(syntheticTrace({ tasks: 40, sleeps: 4, seed: 3 })).toEqual(a);
    expect(syntheticTrace({ tasks: 40, sleeps: 4, seed: 4 }).events.time).not.toEqual(
      a.events.time,
    );
    const index = buildIndex(a);
    const end = stateAt(index, index.eventCount - 1);
    expect(end.tasks.length).toBe(41);
    expect(end.tasks.every((t) => t.state === 'done')).toBe(true);
    expect(end.timers).toEqual([]);
    expect(index.output.map((o) => o.text)).toEqual(['done\n']);
    // Each worker sleeps 4 times: 40 * 4 timers fire.
    expect(index.marks.timer.length).toBe(160);
  });

  it('has every worker asleep once they have all started', () => {
    const t = syntheticTrace({ tasks: 25, sleeps: 2 });
    const index = buildIndex(t);
    const firstClock = t.events.kind.indexOf(2);
    const s = stateAt(index, firstClock - 1);
    const workers = s.tasks.filter((x) => x.name !== 'main');
    expect(
      workers.every((w) => w.state === 'suspended' && w.awaiting?.text.startsWith('sleep until')),
    ).toBe(true);
    expect(s.timers.length).toBe(25);
    expect(s.futures.filter((f) => f.kind === 'sleep').every((f) => f.awaiters.length === 1)).toBe(
      true,
    );
  });

  it('sizes itself by event count', () => {
    const t = syntheticTrace({ events: 100_000 });
    const n = t.events.kind.length;
    expect(n).toBeGreaterThan(95_000);
    expect(n).toBeLessThan(105_000);
  });

  it('keeps the index small next to the columns', () => {
    const t = syntheticTrace({ events: 200_000 });
    const index = buildIndex(t);
    const bytes = indexBytes(index);
    const n = index.eventCount;
    // Columns are 29 bytes per event plus the entity tables; the index adds well under half.
    expect(bytes.columns / n).toBeLessThan(36);
    expect(bytes.index / n).toBeLessThan(16);
  });

  it('measures seeks', () => {
    const index = buildIndex(syntheticTrace({ tasks: 20, sleeps: 3 }));
    let clock = 0;
    const stats = measureSeeks(
      (s) => stateAt(index, s),
      index.eventCount,
      50,
      1,
      () => (clock += 1),
    );
    expect(stats).toEqual({ samples: 50, p50: 1, p95: 1, max: 1 });
  });
});
