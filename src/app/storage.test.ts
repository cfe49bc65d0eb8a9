import { describe, expect, it } from 'vitest';
import {
  MAX_KEPT_DRAFTS,
  forgetKeptDraft,
  isKeptDraftsKey,
  keepDraft,
  loadKeptDrafts,
  loadSavedCode,
  saveCode,
} from './storage';
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
  const codes = (stores: DraftStores) => loadKeptDrafts(SLOT, stores).map((d) => d.code);

  it('keeps every program put aside, newest first, until each is restored or discarded', () => {
    const stores: DraftStores = { tab: memoryStorage(), shared: memoryStorage() };
    expect(loadKeptDrafts(SLOT, stores)).toEqual([]);
    expect(keepDraft(SLOT, 'DRAFT', stores, 1000)).toBe(true);
    // A second program put aside (another link, an example) never replaces the first.
    expect(keepDraft(SLOT, 'EDITED LINK', stores, 2000)).toBe(true);
    expect(loadKeptDrafts(SLOT, stores)).toEqual([
      { code: 'EDITED LINK', keptAt: 2000 },
      { code: 'DRAFT', keptAt: 1000 },
    ]);
    // Keeping one again moves it to the front, with its new time, instead of keeping it twice.
    keepDraft(SLOT, 'DRAFT', stores, 3000);
    expect(loadKeptDrafts(SLOT, stores)).toEqual([
      { code: 'DRAFT', keptAt: 3000 },
      { code: 'EDITED LINK', keptAt: 2000 },
    ]);
    expect(shared(stores).filter((k) => k.startsWith(SLOT.key))).toHaveLength(2);
    forgetKeptDraft(SLOT, 'DRAFT', stores);
    expect(codes(stores)).toEqual(['EDITED LINK']);
  });

  it('keeps the newest 20, each program once', () => {
    const stores: DraftStores = { tab: memoryStorage(), shared: memoryStorage() };
    for (let i = 0; i < 25; i++) keepDraft(SLOT, `P${i}`, stores, 1000 + i);
    keepDraft(SLOT, 'P24', stores, 2000); // the same program kept twice
    const list = codes(stores);
    expect(MAX_KEPT_DRAFTS).toBe(20);
    expect(list).toHaveLength(20);
    expect(list[0]).toBe('P24');
    expect(list[19]).toBe('P5');
    // The dropped ones are gone from storage, not only hidden.
    expect(shared(stores).filter((k) => k.startsWith(SLOT.key))).toHaveLength(20);
  });

  it('loses nothing when two tabs keep programs at once, each from a stale copy of the store', () => {
    // Chromium gives every tab its own copy of localStorage and passes writes on a moment later:
    // tab B has not yet seen what tab A wrote when it writes itself.
    const backing = memoryStorage();
    keepDraft(SLOT, 'OLD', { tab: undefined, shared: backing }, 1000);
    const a = laggingCopy(backing);
    const b = laggingCopy(backing);
    keepDraft(SLOT, 'FROM A', { tab: undefined, shared: a }, 2000);
    keepDraft(SLOT, 'FROM B', { tab: undefined, shared: b }, 2001);
    expect(codes({ tab: undefined, shared: backing })).toEqual(['FROM B', 'FROM A', 'OLD']);
    // Discarding in one tab does not bring back or drop what the other kept meanwhile.
    const c = laggingCopy(backing);
    forgetKeptDraft(SLOT, 'OLD', { tab: undefined, shared: c });
    keepDraft(SLOT, 'FROM A AGAIN', { tab: undefined, shared: laggingCopy(backing) }, 3000);
    expect(codes({ tab: undefined, shared: backing })).toEqual([
      'FROM A AGAIN',
      'FROM B',
      'FROM A',
    ]);
  });

  it('recognises the keys a storage event about kept programs names', () => {
    expect(isKeptDraftsKey(SLOT, 'loopscope:code:kept:abc-1')).toBe(true);
    expect(isKeptDraftsKey(SLOT, 'loopscope:code:kept')).toBe(true);
    expect(isKeptDraftsKey(SLOT, 'loopscope:code:previous')).toBe(true);
    expect(isKeptDraftsKey(SLOT, null)).toBe(true);
    expect(isKeptDraftsKey(SLOT, 'loopscope:code')).toBe(false);
  });

  it('is shared by every tab, so a reload or a new tab still offers the program back', () => {
    const shared = memoryStorage();
    keepDraft(SLOT, 'DRAFT', { tab: memoryStorage(), shared });
    const newTab: DraftStores = { tab: memoryStorage(), shared };
    expect(codes(newTab)).toEqual(['DRAFT']);
    forgetKeptDraft(SLOT, 'DRAFT', newTab);
    expect(codes({ tab: memoryStorage(), shared })).toEqual([]);
  });

  it("reads older versions' list and single slot as the oldest kept programs", () => {
    const tab = memoryStorage();
    const shared = memoryStorage();
    tab.setItem(SLOT.legacy, 'OLDEST');
    shared.setItem(SLOT.legacy, 'OLDEST');
    shared.setItem(SLOT.key, JSON.stringify(['OLD LIST 1', 'OLD LIST 2']));
    const stores: DraftStores = { tab, shared };
    expect(loadKeptDrafts(SLOT, stores)).toEqual([
      { code: 'OLD LIST 1', keptAt: null },
      { code: 'OLD LIST 2', keptAt: null },
      { code: 'OLDEST', keptAt: null },
    ]);
    keepDraft(SLOT, 'NEW', stores, 5000);
    keepDraft(SLOT, 'OLD LIST 2', stores, 6000);
    expect(codes(stores)).toEqual(['OLD LIST 2', 'NEW', 'OLD LIST 1', 'OLDEST']);
    expect(shared.getItem(SLOT.key)).toBe(JSON.stringify(['OLD LIST 1']));
    forgetKeptDraft(SLOT, 'OLDEST', stores);
    forgetKeptDraft(SLOT, 'OLD LIST 1', stores);
    expect(shared.getItem(SLOT.legacy)).toBeNull();
    expect(tab.getItem(SLOT.legacy)).toBeNull();
    expect(shared.getItem(SLOT.key)).toBeNull();
    expect(codes(stores)).toEqual(['OLD LIST 2', 'NEW']);
  });

  it("falls back to the tab's store, ignores damaged entries and reports a write nowhere", () => {
    const tabOnly: DraftStores = { tab: memoryStorage(), shared: memoryStorage(true) };
    expect(keepDraft(SLOT, 'X', tabOnly)).toBe(true);
    expect(codes(tabOnly)).toEqual(['X']);
    forgetKeptDraft(SLOT, 'X', tabOnly);
    expect(codes(tabOnly)).toEqual([]);
    const damaged = memoryStorage();
    damaged.setItem(SLOT.key, '{not json');
    damaged.setItem(`${SLOT.key}:x`, '{not json');
    damaged.setItem(`${SLOT.key}:y`, JSON.stringify({ code: 42 }));
    expect(loadKeptDrafts(SLOT, { tab: undefined, shared: damaged })).toEqual([]);
    const none: DraftStores = { tab: memoryStorage(true), shared: undefined };
    expect(keepDraft(SLOT, 'Y', none)).toBe(false);
    expect(loadKeptDrafts(SLOT, none)).toEqual([]);
  });
});

/** The keys in a DraftStores' shared store. */
function shared(stores: DraftStores): string[] {
  const s = stores.shared!;
  return Array.from({ length: s.length }, (_, i) => s.key(i)!);
}

/**
 * A tab's copy of a shared store, as Chromium keeps one per tab: it reads what the store held
 * when the copy was made plus its own writes, and its writes reach the store.
 */
function laggingCopy(backing: Storage): Storage {
  const copy = memoryStorage();
  for (let i = 0; i < backing.length; i++) {
    const k = backing.key(i)!;
    copy.setItem(k, backing.getItem(k)!);
  }
  return {
    get length() {
      return copy.length;
    },
    clear: () => {
      copy.clear();
      backing.clear();
    },
    getItem: (k) => copy.getItem(k),
    key: (i) => copy.key(i),
    removeItem: (k) => {
      copy.removeItem(k);
      backing.removeItem(k);
    },
    setItem: (k, v) => {
      copy.setItem(k, v);
      backing.setItem(k, v);
    },
  };
}
