/**
 * Saving the user's code. Storage can be missing or full (private windows, quotas, sandboxed
 * iframes); losing persistence must never break the page, so every access is guarded.
 *
 * Two tabs of the page must not overwrite each other's work, so every draft is kept twice:
 * - in the tab's own sessionStorage, which survives a reload of that tab (and is copied into a
 *   duplicated tab) but no other tab sees: a reload restores this tab's program;
 * - in localStorage, shared by every tab: the last program edited anywhere, which a new tab
 *   starts from.
 * Reading prefers the tab's draft. With one tab the two always agree, as before.
 */

/** Where drafts are kept: the tab's own store and the one all tabs share. */
export interface DraftStores {
  tab: Storage | undefined;
  shared: Storage | undefined;
}

export function loadSavedCode(
  key: string | null,
  stores: DraftStores = draftStores(),
): string | null {
  if (!key) return null;
  return read(stores.tab, key) ?? read(stores.shared, key);
}

/** Saves a draft for this tab and as the latest for new tabs; false when neither could be. */
export function saveCode(
  key: string | null,
  code: string,
  stores: DraftStores = draftStores(),
): boolean {
  if (!key) return false;
  const tab = write(stores.tab, key, code);
  const shared = write(stores.shared, key, code);
  return tab || shared;
}

function read(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: Storage | undefined, key: string, value: string): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** The page's stores; either is undefined where the browser refuses it (sandboxed frames). */
export function draftStores(): DraftStores {
  return {
    tab: guarded(() => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage)),
    shared: guarded(() => (typeof localStorage === 'undefined' ? undefined : localStorage)),
  };
}

function guarded(get: () => Storage | undefined): Storage | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

/**
 * Where programs put aside for something else (a shared link, a gallery example) are kept until
 * the person restores or discards each one, newest first.
 *
 * Each program is an entry of its own, under `key` + ':' + an id, holding `{ code, at }` (`at`:
 * when it was kept, ms since the epoch). Tabs never read, change and write back one shared list:
 * Chromium gives every tab its own copy of localStorage and passes writes between them a moment
 * later, so two tabs keeping a program at about the same time each wrote a list without the
 * other's program, and one was lost. Keeping one adds one entry; restoring or discarding removes
 * entries; neither touches the others.
 *
 * Older versions wrote `key` itself (a JSON list of programs, newest first) and, before that, the
 * single slot `legacy` (one plain program). Both are still read, after every entry (they are
 * older), with no time; they are rewritten only to drop a program restored, discarded or past the
 * cap.
 *
 * Entries live in the store all tabs share, so that a reload, Back or a new tab still offers the
 * program back, and a program restored or discarded in one tab is gone in all. The tab's store is
 * used only when the shared one refuses the write.
 */
export interface KeptDraftsSlot {
  key: string;
  legacy?: string;
}

/** A kept program. `keptAt` is null for programs older versions kept (they did not record it). */
export interface KeptDraft {
  code: string;
  keptAt: number | null;
}

/**
 * How many programs are kept at most: the newest. A person who put aside more than this without
 * ever restoring one is not coming back for the oldest, and the notice must stay readable.
 */
export const MAX_KEPT_DRAFTS = 20;

/** Whether a changed storage key (a `storage` event's) is one the kept programs live in. */
export function isKeptDraftsKey(slot: KeptDraftsSlot, key: string | null): boolean {
  // null: the whole store was cleared.
  return key === null || key === slot.key || key.startsWith(`${slot.key}:`) || key === slot.legacy;
}

/** The kept programs, newest first, each once, at most MAX_KEPT_DRAFTS; empty when storage is off. */
export function loadKeptDrafts(
  slot: KeptDraftsSlot,
  stores: DraftStores = draftStores(),
): KeptDraft[] {
  return allKept(slot, stores)
    .slice(0, MAX_KEPT_DRAFTS)
    .map(({ code, keptAt }) => ({ code, keptAt }));
}

/**
 * Keeps `code` as the newest kept program, never replacing another: an equal older entry is
 * dropped (kept once, at its newest time), and so are the oldest past MAX_KEPT_DRAFTS. False
 * when no store took it.
 */
export function keepDraft(
  slot: KeptDraftsSlot,
  code: string,
  stores: DraftStores = draftStores(),
  now: number = Date.now(),
): boolean {
  const id = `${slot.key}:${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const entry = JSON.stringify({ code, at: now });
  if (!write(stores.shared, id, entry) && !write(stores.tab, id, entry)) return false;
  // Read again after the write, so what another tab kept meanwhile counts towards the cap.
  const all = allKept(slot, stores);
  const drop = new Set(all.slice(MAX_KEPT_DRAFTS).map((d) => d.code));
  dropKept(slot, stores, (c, key) => (c === code && key !== id) || drop.has(c));
  return true;
}

/** Drops one kept program (restored, or discarded by the person). */
export function forgetKeptDraft(
  slot: KeptDraftsSlot,
  code: string,
  stores: DraftStores = draftStores(),
): void {
  dropKept(slot, stores, (c) => c === code);
}

interface StoredEntry extends KeptDraft {
  /** Where it is: an entry's own key, or the old list or slot (see KeptDraftsSlot). */
  key: string;
}

/** Everything kept in either store, newest first, each program once (its newest), uncapped. */
function allKept(slot: KeptDraftsSlot, stores: DraftStores): StoredEntry[] {
  const entries: StoredEntry[] = [];
  for (const store of [stores.shared, stores.tab]) {
    for (const key of entryKeys(slot, store)) {
      const entry = parseEntry(read(store, key));
      if (entry) entries.push({ ...entry, key });
    }
  }
  entries.sort((a, b) => (b.keptAt ?? 0) - (a.keptAt ?? 0));
  for (const store of [stores.shared, stores.tab])
    for (const code of parseList(read(store, slot.key)))
      entries.push({ code, keptAt: null, key: slot.key });
  if (slot.legacy !== undefined) {
    for (const store of [stores.tab, stores.shared]) {
      const code = read(store, slot.legacy);
      if (code !== null) entries.push({ code, keptAt: null, key: slot.legacy });
    }
  }
  const seen = new Set<string>();
  return entries.filter((e) => {
    if (e.code.trim() === '' || seen.has(e.code)) return false;
    seen.add(e.code);
    return true;
  });
}

/** Removes every kept copy of the programs `drop` picks, from both stores. */
function dropKept(
  slot: KeptDraftsSlot,
  stores: DraftStores,
  drop: (code: string, key: string) => boolean,
): void {
  for (const store of [stores.shared, stores.tab]) {
    if (!store) continue;
    for (const key of entryKeys(slot, store)) {
      const entry = parseEntry(read(store, key));
      if (!entry || drop(entry.code, key)) remove(store, key);
    }
    const raw = read(store, slot.key);
    if (raw !== null) {
      const list = parseList(raw);
      const left = list.filter((c) => !drop(c, slot.key));
      if (left.length === 0) remove(store, slot.key);
      else if (left.length < list.length) write(store, slot.key, JSON.stringify(left));
    }
    if (slot.legacy !== undefined) {
      const code = read(store, slot.legacy);
      if (code !== null && drop(code, slot.legacy)) remove(store, slot.legacy);
    }
  }
}

/** The keys of the entries in one store (collected first: removing shifts the indices). */
function entryKeys(slot: KeptDraftsSlot, storage: Storage | undefined): string[] {
  const keys: string[] = [];
  if (!storage) return keys;
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null && key.startsWith(`${slot.key}:`)) keys.push(key);
    }
  } catch {
    // A store that cannot be listed holds nothing we can offer.
  }
  return keys;
}

function parseEntry(raw: string | null): KeptDraft | null {
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { code, at } = value as { code?: unknown; at?: unknown };
    if (typeof code !== 'string') return null;
    return { code, keptAt: typeof at === 'number' && Number.isFinite(at) ? at : null };
  } catch {
    return null;
  }
}

function parseList(raw: string | null): string[] {
  if (raw === null) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

function remove(storage: Storage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to do: the entry stays, and is at worst offered once more.
  }
}
