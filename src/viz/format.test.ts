import { describe, expect, it } from 'vitest';
import { cancelState } from './fixtures';
import {
  capped,
  compactRepr,
  formatTime,
  idSet,
  liveCount,
  pendingCount,
  pendingFirst,
  plural,
  sortedTimers,
  taskById,
  taskName,
} from './format';
import type { FutureView, TraceState } from '../trace/types';
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

  it('finds tasks by id in id-ordered and in unordered lists', () => {
    const many: TraceState = {
      ...cancelState,
      tasks: Array.from({ length: 500 }, (_, i) => ({
        ...cancelState.tasks[1],
        id: i * 2,
        name: `w${i * 2}`,
      })),
    };
    expect(taskById(many, 0)?.name).toBe('w0');
    expect(taskById(many, 998)?.name).toBe('w998');
    expect(taskById(many, 500)?.name).toBe('w500');
    expect(taskById(many, 501)).toBeUndefined();
    expect(taskById(many, 2000)).toBeUndefined();
    const shuffled = { ...many, tasks: [...many.tasks].reverse() };
    expect(taskById(shuffled, 500)?.name).toBe('w500');
    expect(taskName(shuffled, 4)).toBe('w4');
    expect(taskName(shuffled, 5)).toBe('Task-5');
  });

  it('lists pending futures first, in id order, and counts them', () => {
    const f = (id: number, state: FutureView['state']) =>
      ({ ...cancelState.futures[0], id, state }) as FutureView;
    const futures = [f(1, 'done'), f(2, 'pending'), f(3, 'failed'), f(4, 'pending'), f(5, 'done')];
    const all = pendingFirst(futures, 10);
    expect(all.shown.map((x) => x.id)).toEqual([2, 4, 1, 3, 5]);
    expect(all).toMatchObject({ hidden: 0, pending: 2 });
    const three = pendingFirst(futures, 3);
    expect(three.shown.map((x) => x.id)).toEqual([2, 4, 1]);
    expect(three).toMatchObject({ hidden: 2, pending: 2 });
    expect(pendingFirst(futures, 1).shown.map((x) => x.id)).toEqual([2]);
    expect(pendingCount(futures)).toBe(2);
    expect(pendingCount([])).toBe(0);
  });

  it('counts live tasks', () => {
    const states = cancelState.tasks.map((t) => t.state);
    expect(liveCount(cancelState.tasks)).toBe(
      states.filter((x) => x !== 'done' && x !== 'failed' && x !== 'cancelled').length,
    );
    // A failed task has finished: it is not live (QA saw "8 tasks, 4 live" after a TaskGroup
    // error when every task had ended).
    const ended = cancelState.tasks.map((t, i) => ({
      ...t,
      state: (['done', 'failed', 'cancelled'] as const)[i % 3],
    }));
    expect(liveCount(ended)).toBe(0);
    expect(liveCount([{ ...ended[0], state: 'suspended' }, ...ended])).toBe(1);
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
    // The answer is kept per list (stateAt hands back the same heap while no timer moves).
    const heap = [
      { id: 3, when: 0.5 },
      { id: 4, when: 0.1 },
    ];
    const first = sortedTimers(heap);
    expect(first.map((x) => x.id)).toEqual([4, 3]);
    expect(sortedTimers(heap)).toBe(first);
    const inOrder = [{ id: 1, when: 0 }];
    expect(sortedTimers(inOrder)).toBe(inOrder);
  });

  it('caches id sets and pluralizes', () => {
    const ids = [1, 2];
    expect(idSet(ids).has(2)).toBe(true);
    // An unsorted list's Set is built once.
    const unsorted = [2, 1];
    expect(idSet(unsorted)).toBe(idSet(unsorted));
    // Sorted (as stateAt lists them) or not, membership is the same.
    const sorted = Array.from({ length: 50 }, (_, i) => i * 3);
    const shuffled = [...sorted].reverse();
    for (let id = -2; id < 155; id++) {
      expect(idSet(sorted).has(id)).toBe(id >= 0 && id % 3 === 0 && id < 150);
      expect(idSet(shuffled).has(id)).toBe(idSet(sorted).has(id));
    }
    expect(idSet([]).has(0)).toBe(false);
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

describe('compactRepr', () => {
  it("drops an object repr's module path and keeps its state", () => {
    expect(compactRepr('<asyncio.locks.Semaphore object [locked, waiters:2]>')).toBe(
      '<Semaphore [locked, waiters:2]>',
    );
    expect(compactRepr('<asyncio.locks.Lock object [unlocked]>')).toBe('<Lock [unlocked]>');
    expect(compactRepr('<__main__.Job object>')).toBe('<Job object>');
  });

  it('keeps every other text as it is', () => {
    for (const text of ['42', "'a <b.C object> in a str'", '<Task pending name=Task-2>', '[1, 2]'])
      expect(compactRepr(text)).toBe(text);
  });
});
