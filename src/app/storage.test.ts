import { describe, expect, it } from 'vitest';
import { loadSavedCode, saveCode } from './storage';
import type { DraftStores } from './storage';

/** A Storage over a Map; `full` makes every write throw as a full quota does. */
function memoryStorage(full = false): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      map.set(k, v);
    },
  };
}

const KEY = 'loopscope:code';

describe('drafts per tab', () => {
  it('two tabs keep their own work; a new tab starts from the last edit anywhere', () => {
    const shared = memoryStorage();
    const tabA: DraftStores = { tab: memoryStorage(), shared };
    const tabB: DraftStores = { tab: memoryStorage(), shared };
    saveCode(KEY, 'A', tabA);
    expect(loadSavedCode(KEY, tabB)).toBe('A'); // B opened after A's edit
    saveCode(KEY, 'B', tabB);
    // Reloading either tab restores its own program.
    expect(loadSavedCode(KEY, tabA)).toBe('A');
    expect(loadSavedCode(KEY, tabB)).toBe('B');
    expect(loadSavedCode(KEY, { tab: memoryStorage(), shared })).toBe('B');
  });

  it('works with either store missing or full, and reports when nothing was saved', () => {
    const onlyShared: DraftStores = { tab: undefined, shared: memoryStorage() };
    expect(saveCode(KEY, 'x', onlyShared)).toBe(true);
    expect(loadSavedCode(KEY, onlyShared)).toBe('x');
    const onlyTab: DraftStores = { tab: memoryStorage(), shared: memoryStorage(true) };
    expect(saveCode(KEY, 'y', onlyTab)).toBe(true);
    expect(loadSavedCode(KEY, onlyTab)).toBe('y');
    const none: DraftStores = { tab: memoryStorage(true), shared: undefined };
    expect(saveCode(KEY, 'z', none)).toBe(false);
    expect(loadSavedCode(KEY, none)).toBeNull();
  });

  it('a null key turns persistence off', () => {
    const stores: DraftStores = { tab: memoryStorage(), shared: memoryStorage() };
    expect(saveCode(null, 'x', stores)).toBe(false);
    expect(loadSavedCode(null, stores)).toBeNull();
  });
});
