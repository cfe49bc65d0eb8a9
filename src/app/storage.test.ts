import { describe, expect, it } from 'vitest';
import { forgetKeptDraft, keepDraft, loadKeptDrafts, loadSavedCode, saveCode } from './storage';
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

describe('kept programs', () => {
  const SLOT = { key: 'loopscope:code:kept', legacy: 'loopscope:code:previous' };

  it('keeps every program put aside, newest first, until each is restored or discarded', () => {
    const stores: DraftStores = { tab: memoryStorage(), shared: memoryStorage() };
    expect(loadKeptDrafts(SLOT, stores)).toEqual([]);
    expect(keepDraft(SLOT, 'DRAFT', stores)).toBe(true);
    // A second program put aside (another link, an example) never replaces the first.
    expect(keepDraft(SLOT, 'EDITED LINK', stores)).toBe(true);
    expect(loadKeptDrafts(SLOT, stores)).toEqual(['EDITED LINK', 'DRAFT']);
    // Keeping one again moves it to the front instead of keeping it twice.
    keepDraft(SLOT, 'DRAFT', stores);
    expect(loadKeptDrafts(SLOT, stores)).toEqual(['DRAFT', 'EDITED LINK']);
    expect(forgetKeptDraft(SLOT, 'DRAFT', stores)).toBe(true);
    expect(loadKeptDrafts(SLOT, stores)).toEqual(['EDITED LINK']);
  });

  it('is shared by every tab, so a reload or a new tab still offers the program back', () => {
    const shared = memoryStorage();
    keepDraft(SLOT, 'DRAFT', { tab: memoryStorage(), shared });
    const newTab: DraftStores = { tab: memoryStorage(), shared };
    expect(loadKeptDrafts(SLOT, newTab)).toEqual(['DRAFT']);
    forgetKeptDraft(SLOT, 'DRAFT', newTab);
    expect(loadKeptDrafts(SLOT, { tab: memoryStorage(), shared })).toEqual([]);
  });

  it('reads the old single slot as the oldest kept program and folds it into the list', () => {
    const tab = memoryStorage();
    const shared = memoryStorage();
    tab.setItem(SLOT.legacy, 'OLD');
    shared.setItem(SLOT.legacy, 'OLD');
    const stores: DraftStores = { tab, shared };
    expect(loadKeptDrafts(SLOT, stores)).toEqual(['OLD']);
    keepDraft(SLOT, 'NEW', stores);
    expect(loadKeptDrafts(SLOT, stores)).toEqual(['NEW', 'OLD']);
    expect(shared.getItem(SLOT.legacy)).toBeNull();
    expect(tab.getItem(SLOT.legacy)).toBeNull();
    forgetKeptDraft(SLOT, 'OLD', stores);
    expect(loadKeptDrafts(SLOT, stores)).toEqual(['NEW']);
  });

  it("falls back to the tab's store, ignores damaged entries and reports a write nowhere", () => {
    const tabOnly: DraftStores = { tab: memoryStorage(), shared: memoryStorage(true) };
    expect(keepDraft(SLOT, 'X', tabOnly)).toBe(true);
    expect(loadKeptDrafts(SLOT, tabOnly)).toEqual(['X']);
    const damaged = memoryStorage();
    damaged.setItem(SLOT.key, '{not json');
    expect(loadKeptDrafts(SLOT, { tab: undefined, shared: damaged })).toEqual([]);
    const none: DraftStores = { tab: memoryStorage(true), shared: undefined };
    expect(keepDraft(SLOT, 'Y', none)).toBe(false);
    expect(loadKeptDrafts(SLOT, none)).toEqual([]);
  });
});
