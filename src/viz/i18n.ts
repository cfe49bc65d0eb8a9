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

/**
 * Options i18next reads from a call's parameters (context, ...): a call that passes one always
 * goes through i18next. So does a `count` for a key with plural forms (below).
 */
const RESERVED = new Set([
  'context',
  'ordinal',
  'defaultValue',
  'lng',
  'lngs',
  'ns',
  'replace',
  'interpolation',
  'postProcess',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'keyPrefix',
  'skipInterpolation',
]);

/**
 * A text whose placeholders are plain `{{name}}`s, split for filling: [text, name, text, name,
 * ..., text]. Null when i18next must do the work: nesting (`$t(...)`), a format
 * (`{{reason, period}}`) or an unescaped placeholder (`{{- name}}`).
 */
export function splitTemplate(text: string): string[] | null {
  if (text.includes('$t(')) return null;
  const parts: string[] = [];
  const re = /\{\{(.+?)\}\}/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1].trim();
    if (!/^\w+$/.test(name)) return null;
    parts.push(text.slice(at, m.index), name);
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return parts;
}

/** A key no resource has: its template is the caller's English text. */
const ENGLISH: string[] = [];

const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** Whether a key has plural forms (`key_one`, `key_other`, ...) in either language it may use. */
function hasPlurals(lang: string, key: string): boolean {
  return [lang, 'en'].some((lng) =>
    PLURAL_SUFFIXES.some(
      (suffix) =>
        i18n.getResource(lng, 'translation', `${key}_${suffix}`) !== undefined ||
        i18n.getResource(lng, 'translation', `${key}_ordinal_${suffix}`) !== undefined,
    ),
  );
}

/** A cached translator for one language. */
function makeTranslate(lang: string): Translate {
  const cache = new Map<string, string>();
  // Per key, its text split at its placeholders, or null (i18next fills it); and per key whether
  // a count picks among plural forms.
  const templates = new Map<string, string[] | null>();
  const plurals = new Map<string, boolean>();
  const fromEnglish = new Map<string, string[] | null>();
  const viaI18next = (key: string, english: string, params?: Record<string, string | number>) => {
    let id = `${key}\u0000${english}`;
    if (params) for (const k in params) id += `\u0000${k}=${params[k]}`;
    let hit = cache.get(id);
    if (hit === undefined) {
      hit = String(i18n.t(key, { lng: lang, defaultValue: english, ...params }));
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(id, hit);
    }
    return hit;
  };
  return (key, english, params) => {
    if (!params || !i18n.isInitialized) return viaI18next(key, english, params);
    // Labels with numbers in them ("sleep until t=0.15 s", "line 12") change on most steps, so
    // the cache above missed for them and each went through i18next (about 10 us each, a dozen
    // on a step). A text with only plain placeholders is filled here, as i18next would fill it
    // with escaping off (index.ts): each value as String(value).
    let parts = templates.get(key);
    if (parts === undefined) {
      const text =
        i18n.getResource(lang, 'translation', key) ?? i18n.getResource('en', 'translation', key);
      parts = typeof text === 'string' ? splitTemplate(text) : text === undefined ? ENGLISH : null;
      templates.set(key, parts);
    }
    if (parts === ENGLISH) {
      // No resource has the key: the English text is the template, and a caller may build it
      // (`${plural(n, 'task')}, {{live}} live`), so it is looked up by the text.
      parts = fromEnglish.get(english);
      if (parts === undefined) {
        if (fromEnglish.size >= MAX_CACHED) fromEnglish.clear();
        fromEnglish.set(english, (parts = splitTemplate(english)));
      }
    }
    if (parts === null) return viaI18next(key, english, params);
    for (const k in params) if (RESERVED.has(k)) return viaI18next(key, english, params);
    if (params.count !== undefined) {
      let plural = plurals.get(key);
      if (plural === undefined) plurals.set(key, (plural = hasPlurals(lang, key)));
      if (plural) return viaI18next(key, english, params);
    }
    let out = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      const value = params[parts[i]];
      if (value === undefined) return viaI18next(key, english, params);
      out += String(value) + parts[i + 1];
    }
    return out;
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
