/**
 * Saving the user's code. Storage can be missing or full (private windows, quotas, sandboxed
 * iframes); losing persistence must never break the page, so every access is guarded.
 */
export function loadSavedCode(key: string | null, storage: Storage | undefined = safeStorage()) {
  if (!key || !storage) return null;
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

export function saveCode(key: string | null, code: string, storage = safeStorage()): boolean {
  if (!key || !storage) return false;
  try {
    storage.setItem(key, code);
    return true;
  } catch {
    return false;
  }
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
