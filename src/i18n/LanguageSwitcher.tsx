import { LANGUAGES, setLanguage, useT } from './index';
import type { Language } from './index';

/** A small select for the toolbar. Each language is named in itself, so anyone can find theirs. */
export function LanguageSwitcher({ className }: { className?: string }) {
  const { t, i18n } = useT();
  return (
    <select
      className={className ?? 'ls-lang-select'}
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(e) => setLanguage(e.target.value as Language)}
    >
      {LANGUAGES.map((lang) => (
        <option key={lang} value={lang} lang={lang}>
          {t(`language.${lang}`)}
        </option>
      ))}
    </select>
  );
}
