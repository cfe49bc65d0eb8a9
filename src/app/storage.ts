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
 * the person restores or discards each one: a JSON list of programs under `key`, newest first.
 * `legacy` is the single slot older versions wrote (one plain program, overwritten by the next);
 * what it still holds is read as the oldest kept program and folded into the list on the next write.
 *
 * Unlike drafts, the list lives in the store all tabs share, so that a reload, Back or a new tab
 * still offers the program back, and a program restored or discarded in one tab is gone in all.
 * The tab's store is used only when the shared one refuses the write.
 */
export interface KeptDraftsSlot {
  key: string;
  legacy?: string;
}

/** The kept programs, newest first; empty when there are none or storage is off. */
export function loadKeptDrafts(
  slot: KeptDraftsSlot,
  stores: DraftStores = draftStores(),
): string[] {
  const list: string[] = [];
  const add = (code: string | null) => {
    if (code !== null && code.trim() !== '' && !list.includes(code)) list.push(code);
  };
  for (const store of [stores.shared, stores.tab]) parseList(read(store, slot.key)).forEach(add);
  if (slot.legacy !== undefined) {
    add(read(stores.tab, slot.legacy));
    add(read(stores.shared, slot.legacy));
  }
  return list;
}

/**
 * Keeps `code` as the newest kept program (once: an equal older entry moves to the front), never
 * replacing another. False when no store took it.
 */
export function keepDraft(
  slot: KeptDraftsSlot,
  code: string,
  stores: DraftStores = draftStores(),
): boolean {
  const list = loadKeptDrafts(slot, stores).filter((c) => c !== code);
  return writeKept(slot, [code, ...list], stores);
}

/** Drops one kept program (restored, or discarded by the person). False when nothing was written. */
export function forgetKeptDraft(
  slot: KeptDraftsSlot,
  code: string,
  stores: DraftStores = draftStores(),
): boolean {
  const list = loadKeptDrafts(slot, stores);
  if (!list.includes(code)) return true;
  return writeKept(
    slot,
    list.filter((c) => c !== code),
    stores,
  );
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

function writeKept(slot: KeptDraftsSlot, list: string[], stores: DraftStores): boolean {
  const text = JSON.stringify(list);
  const inShared = write(stores.shared, slot.key, text);
  if (!inShared && !write(stores.tab, slot.key, text)) return false;
  // The written list holds everything the other places held: clear them, so that a program
  // restored or discarded here does not come back from a stale copy.
  if (inShared) remove(stores.tab, slot.key);
  if (slot.legacy !== undefined) {
    remove(stores.tab, slot.legacy);
    remove(stores.shared, slot.legacy);
  }
  return true;
}

function remove(storage: Storage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to do: the entry stays, and is at worst offered once more.
  }
}
