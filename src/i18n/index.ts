/**
 * Internationalisation: one i18next instance for the page, English and Simplified Chinese.
 *
 * - Components call `useT()` (react-i18next's hook, bound to this instance) and re-render when
 *   the language changes.
 * - Code outside React (explanations, status messages from the controller, the share-link
 *   errors) calls `t(key, params)`.
 * - The language comes from, in order: the link's `lang` parameter (this page view only), the
 *   person's saved choice, the browser's languages, then English.
 */
import i18next from 'i18next';
import type { TOptions } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { RESOURCES } from './resources';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** localStorage key of the person's explicit language choice. */
export const LANG_STORAGE_KEY = 'loopscope:lang';

/** Maps a BCP 47 tag to a supported language: any Chinese goes to zh-CN, any English to en. */
export function matchLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  // Traditional-script tags still read Simplified better than English for most learners; the
  // switcher is one click away for those who prefer English.
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}

function readStored(storage: Pick<Storage, 'getItem'> | null | undefined): Language | null {
  try {
    return matchLanguage(storage?.getItem(LANG_STORAGE_KEY));
  } catch {
    return null; // storage blocked (privacy mode, sandboxed iframe)
  }
}

/** Picks the starting language; every input is optional so tests can pass plain values. */
export function detectLanguage(sources: {
  linkLang?: string | null;
  storage?: Pick<Storage, 'getItem'> | null;
  browserLanguages?: readonly string[];
}): Language {
  const fromLink = matchLanguage(sources.linkLang);
  if (fromLink) return fromLink;
  const stored = readStored(sources.storage);
  if (stored) return stored;
  for (const tag of sources.browserLanguages ?? []) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return 'en';
}

export const i18n = i18next.createInstance();

let initialised = false;

/**
 * Initialises the instance synchronously (resources are bundled, nothing is fetched). Safe to
 * call more than once; later calls only change the language.
 */
export function initI18n(lang: Language = 'en'): typeof i18n {
  if (initialised) {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    return i18n;
  }
  initialised = true;
  void i18n.use(initReactI18next).init({
    resources: RESOURCES,
    lng: lang,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // React escapes text itself; escaping here would show &lt; in code names.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  i18n.services.formatter?.add('period', endSentence);
  syncDocumentLang(lang);
  return i18n;
}

/** Sentence-final punctuation, in either language. */
const SENTENCE_END = /[.!?\u3002\uff01\uff1f]$/;

/**
 * The `period` format (`'This trace file cannot be opened: {{reason, period}}'`): ends a
 * sentence whose last words are a parameter with the language's full stop, unless the parameter
 * already ends one. Such parameters are often English data, and some are whole sentences, which
 * a template's own full stop doubled.
 */
function endSentence(value: unknown, lng: string | undefined): string {
  const text = String(value);
  if (SENTENCE_END.test(text.trimEnd())) return text;
  return text + (matchLanguage(lng) === 'zh-CN' ? '\u3002' : '.');
}

/**
 * The document follows the language: its `lang` (fonts, screen readers) and, on the full page,
 * its title (tabs, bookmarks, history). The embed keeps its own title: a host page names it.
 */
function syncDocumentLang(lang: Language) {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lang;
  const titles = LANGUAGES.map((l) => documentTitle(l));
  if (titles.includes(document.title)) document.title = documentTitle(lang);
}

function documentTitle(lang: Language): string {
  return (RESOURCES[lang].translation as { app: { documentTitle: string } }).app.documentTitle;
}

/** Switches the language everywhere, and remembers it unless `persist` is false. */
export function setLanguage(
  lang: Language,
  options: { persist?: boolean; storage?: Pick<Storage, 'setItem'> | null } = {},
): void {
  initI18n(lang);
  void i18n.changeLanguage(lang);
  syncDocumentLang(lang);
  if (options.persist === false) return;
  const storage = options.storage ?? (typeof localStorage !== 'undefined' ? localStorage : null);
  try {
    storage?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Not being able to remember the choice is not worth an error message.
  }
}

export function currentLanguage(): Language {
  return matchLanguage(i18n.language) ?? 'en';
}

/** Translate outside React. Initialises with English if nobody did yet (tests, workers). */
export function t(key: string, params?: TOptions): string {
  if (!initialised) initI18n();
  return i18n.t(key, params) as string;
}

/** A message key with parameters, as the trace explainer and the link decoder return them. */
export function tMessage(message: {
  key?: string;
  messageKey?: string;
  params?: TOptions;
}): string {
  return t(message.key ?? message.messageKey ?? '', message.params);
}

/** The hook for components: `const { t } = useT();`. */
export function useT() {
  // A playground rendered without an entry point (tests, a bare <Playground>) starts in English
  // rather than waiting for someone to initialise the instance.
  if (!initialised) initI18n();
  return useTranslation(undefined, { i18n });
}
