/**
 * The translator's type, and its English-only form. Kept apart from ./i18n.ts (which loads
 * i18next) so pure code such as the timeline model and its exporters can take a translator
 * without pulling the i18n instance into workers, the CLI or benches.
 */
export type Translate = (
  key: string,
  english: string,
  params?: Record<string, string | number>,
) => string;

/** Returns the English text with its `{{placeholders}}` filled: the default of pure helpers. */
export const english: Translate = (_key, text, params) =>
  params ? text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => String(params[k] ?? m)) : text;
