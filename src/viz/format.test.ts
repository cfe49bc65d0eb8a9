import { describe, expect, it } from 'vitest';
import { cancelState } from './fixtures';
import { capped, formatTime, idSet, plural, sortedTimers, taskName } from './format';
import { taskColor, TASK_COLORS } from './palette';
import { resourceValue } from './resources/ResourcesPanel';

describe('format helpers', () => {
  it('formats virtual time with three decimals', () => {
    expect(formatTime(0.3)).toBe('t=0.300 s');
    expect(formatTime(12)).toBe('t=12.000 s');
    expect(formatTime(Number.NaN)).toBe('t=?');
  });

  it('names tasks and the loop', () => {
    expect(taskName(cancelState, 1)).toBe('alpha');
    expect(taskName(cancelState, 99)).toBe('Task-99');
    expect(taskName(cancelState, -1)).toBe('the loop');
  });

  it('caps lists and counts the rest', () => {
    expect(capped([1, 2, 3], 5)).toEqual({ shown: [1, 2, 3], hidden: 0 });
    expect(capped([1, 2, 3, 4, 5, 6], 4)).toEqual({ shown: [1, 2, 3, 4], hidden: 2 });
  });

  it('sorts timers by due time then by scheduling order', () => {
    const t = sortedTimers([
      { id: 5, when: 0.2 },
      { id: 2, when: 0.3 },
      { id: 1, when: 0.2 },
    ]);
    expect(t.map((x) => x.id)).toEqual([1, 5, 2]);
  });

  it('caches id sets and pluralizes', () => {
    const ids = [1, 2];
    expect(idSet(ids)).toBe(idSet(ids));
    expect(idSet(ids).has(2)).toBe(true);
    expect(plural(1, 'task')).toBe('1 task');
    expect(plural(3, 'task')).toBe('3 tasks');
  });
});

describe('palette', () => {
  it('gives hand-picked colours first and distinct hues after', () => {
    expect(taskColor(0)).toBe(TASK_COLORS[0]);
    expect(taskColor(-1)).toMatch(/^#/);
    const later = new Set(Array.from({ length: 50 }, (_, i) => taskColor(i + TASK_COLORS.length)));
    expect(later.size).toBe(50);
  });
});

describe('resourceValue', () => {
  it('says the value in words per kind', () => {
    const [lock, queue] = cancelState.resources;
    expect(resourceValue(lock)).toBe('locked');
    expect(resourceValue(queue)).toBe('2 items of 5');
    expect(resourceValue({ ...lock, kind: 'event', value: 1 })).toBe('set');
    expect(resourceValue({ ...lock, kind: 'semaphore', value: 1, capacity: 3 })).toBe(
      'value 1 of 3',
    );
  });
});
