import { describe, expect, it } from 'vitest';
import { changedAmong } from './LoopPanel';

describe('changedAmong', () => {
  const shown = [{ id: 7 }, { id: 3 }, { id: 12 }];

  it('finds the shown handles among many changed ones, in any order', () => {
    const changed = [900, 12, 5, 44, 7, 1000, 2, 8, 9, 10];
    const fresh = changedAmong(changed, shown);
    expect([...fresh].sort((a, b) => a - b)).toEqual([7, 12]);
    expect(fresh.has(3)).toBe(false);
  });

  it('stops reading once every shown handle is found (a jump: all 8,000 timers changed)', () => {
    const ids = Array.from({ length: 8000 }, (_, i) => 5 * i);
    let reads = 0;
    const changed = new Proxy(ids, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const cards = ids.slice(0, 40).map((id) => ({ id }));
    expect(changedAmong(changed, cards).size).toBe(40);
    expect(reads).toBe(40);
  });

  it('with few changed handles, answers for any of them', () => {
    const fresh = changedAmong([3, 99], shown);
    expect(fresh.has(3)).toBe(true);
    expect(fresh.has(7)).toBe(false);
  });
});
