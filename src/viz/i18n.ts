/**
 * Translation for the debugger panels. Every string names its key and its English text: the key
 * is looked up in src/i18n (English and Chinese), and the English text is the fallback for a key
 * a language does not have yet, so a missing translation never shows a raw key.
 */
import { useCallback } from 'react';
import { i18n, initI18n, useT } from '../i18n';

export type Translate = (
  key: string,
  english: string,
  params?: Record<string, string | number>,
) => string;

export function useVizT(): Translate {
  // The page picks the language (share/LaunchedPlayground); panels rendered on their own (tests,
  // a bare <Playground>) start in English rather than suspend waiting for an instance.
  if (!i18n.isInitialized) initI18n();
  const { t } = useT();
  return useCallback(
    (key, english, params) => t(key, { defaultValue: english, ...params }) as string,
    [t],
  );
}
