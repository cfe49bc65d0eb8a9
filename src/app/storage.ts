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
