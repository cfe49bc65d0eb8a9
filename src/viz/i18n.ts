/**
 * Translation for the debugger panels. Every string names its key and its English text: the key
 * is looked up in src/i18n (English and Chinese), and the English text is the fallback for a key
 * a language does not have yet, so a missing translation never shows a raw key.
 *
 * Panels render on every step, and an i18next lookup costs microseconds that add up over hundreds
 * of labels: results are cached per language, so a step pays a map lookup per label.
 */
import { useSyncExternalStore } from 'react';
import { i18n, initI18n } from '../i18n';
import type { Translate } from './english';

export type { Translate } from './english';

const MAX_CACHED = 20_000;

/** A cached translator for one language. */
function makeTranslate(lang: string): Translate {
  const cache = new Map<string, string>();
  return (key, english, params) => {
    let id = key;
    if (params) for (const k in params) id += `\u0000${k}=${params[k]}`;
    let hit = cache.get(id);
    if (hit === undefined) {
      hit = String(i18n.t(key, { lng: lang, defaultValue: english, ...params }));
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(id, hit);
    }
    return hit;
  };
}

const translators = new Map<string, Translate>();

/**
 * The cached translator of one language, the one the panels get from useVizT while the page is
 * in it: for pure code and tests that word something in a given language.
 */
export function translatorFor(lang: string): Translate {
  let tr = translators.get(lang);
  if (!tr) {
    tr = makeTranslate(lang);
    translators.set(lang, tr);
  }
  return tr;
}

/** Calls back when the page's language changes (what react-i18next's hook listens to). */
function onLanguage(callback: () => void): () => void {
  i18n.on('languageChanged', callback);
  return () => i18n.off('languageChanged', callback);
}

const language = () => i18n.language;

/**
 * The panels' translator. Call it once per panel and pass it down to small parts: it is one
 * object per language, so its identity changes exactly when the language does, which
 * re-renders memoized children that take it as a prop.
 */
export function useVizT(): Translate {
  // The page picks the language (share/LaunchedPlayground); panels rendered on their own (tests,
  // a bare <Playground>) start in English rather than suspend waiting for an instance.
  if (!i18n.isInitialized) initI18n();
  // The panel renders again when the language changes; lookups go through the cache. This
  // subscribes directly rather than through react-i18next's useTranslation, which (called with a
  // new options object each render) rebuilt its options and snapshot check on every render:
  // about 0.1 ms a panel, a dozen panels on every step.
  const lang = useSyncExternalStore(onLanguage, language, language);
  return translatorFor(lang);
}
