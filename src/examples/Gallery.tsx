/**
 * The examples gallery: a searchable dialog, grouped as in the catalogue, in the UI language.
 * One click on an example opens it.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useT } from '../i18n/index';
import { trapTab, useModalFocus } from '../viz/playback/focus-trap';
import { GROUP_TITLES, groupedExamples, localized, searchExamples } from './index';
import type { Example } from './index';

export function Gallery({ onOpen, onClose }: { onOpen(example: Example): void; onClose(): void }) {
  const { t, i18n } = useT();
  const lang = i18n.language;
  const [query, setQuery] = useState('');
  const titleId = useId();
  const search = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const groups = useMemo(() => groupedExamples(searchExamples(query)), [query]);
  const count = groups.reduce((n, g) => n + g.examples.length, 0);

  // Modal for the keyboard: the focus starts in the search box, Tab stays inside, and closing
  // gives the focus back to the control that opened the gallery.
  useModalFocus(true, dialog, search);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="ls-course-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        className="ls-course-dialog ls-gallery"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => trapTab(e.currentTarget, e)}
      >
        <header className="ls-course-dialog-header">
          <h2 id={titleId}>{t('gallery.title')}</h2>
          <input
            ref={search}
            type="search"
            className="ls-gallery-search"
            aria-label={t('gallery.search')}
            placeholder={t('gallery.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              // Enter opens the first example found, as a search box's first result.
              const first = groups[0]?.examples[0];
              if (e.key === 'Enter' && first) {
                e.preventDefault();
                onOpen(first);
              }
            }}
          />
          <span className="ls-gallery-count" role="status">
            {t('gallery.results', { count })}
          </span>
          <button
            type="button"
            className="ls-button"
            onClick={onClose}
            aria-label={t('gallery.close')}
          >
            ✕
          </button>
        </header>
        <div className="ls-gallery-body">
          {count === 0 && <p className="ls-gallery-empty">{t('gallery.noResults', { query })}</p>}
          {groups.map(({ group, examples }) => (
            <section
              key={group}
              className="ls-gallery-group"
              aria-label={localized(GROUP_TITLES[group], lang)}
            >
              <h3>{localized(GROUP_TITLES[group], lang)}</h3>
              <ul>
                {examples.map((example) => (
                  <li key={example.id} data-example={example.id}>
                    <button
                      type="button"
                      className="ls-gallery-item"
                      aria-label={t('gallery.openExample', {
                        title: localized(example.title, lang),
                      })}
                      onClick={() => onOpen(example)}
                    >
                      <span className="ls-gallery-item-title">
                        {localized(example.title, lang)}
                      </span>
                      <span className="ls-gallery-item-text">
                        {localized(example.explanation, lang)}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
