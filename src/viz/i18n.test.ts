import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n, LANGUAGES, setLanguage } from '../i18n';
import { RESOURCES } from '../i18n/resources';
import type { Tree } from '../i18n/resources';
import { splitTemplate, translatorFor, useVizT } from './i18n';

function Label() {
  const t = useVizT();
  return createElement('span', null, t('panels.tasks', 'Tasks'));
}

describe('useVizT', () => {
  afterEach(() => setLanguage('en', { persist: false }));

  it('translates in the language of the moment, one translator object per language', () => {
    setLanguage('en', { persist: false });
    const english = renderToStaticMarkup(createElement(Label));
    expect(english).toBe('<span>Tasks</span>');
    setLanguage('zh-CN', { persist: false });
    const chinese = renderToStaticMarkup(createElement(Label));
    expect(chinese).not.toBe(english);
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
    const seen: unknown[] = [];
    function Probe() {
      seen.push(useVizT());
      return null;
    }
    renderToStaticMarkup(createElement(Probe));
    renderToStaticMarkup(createElement(Probe));
    expect(seen[0]).toBe(seen[1]);
  });
});

/** Every leaf of a resource tree, by its dotted key. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
}

describe('translatorFor', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    setLanguage('en', { persist: false });
  });

  it('fills plain placeholders exactly as i18next does, in both languages, without calling it', () => {
    setLanguage('en', { persist: false });
    let checked = 0;
    for (const lang of LANGUAGES) {
      const tr = translatorFor(lang);
      for (const [key, text] of leaves(RESOURCES[lang].translation as Tree)) {
        const parts = splitTemplate(text);
        if (!parts || parts.length < 3) continue;
        for (const sample of [0.15, ` Task-1 <x> & "y" `, -3]) {
          const params: Record<string, string | number> = {};
          for (let i = 1; i < parts.length; i += 2) params[parts[i]] = sample;
          const english = `fallback ${key}`;
          const want = String(i18n.t(key, { lng: lang, defaultValue: english, ...params }));
          const spy = vi.spyOn(i18n, 't');
          expect(tr(key, english, params)).toBe(want);
          // The template was read on an earlier sample; this one is filled without i18next.
          if (sample !== 0.15) expect(spy).not.toHaveBeenCalled();
          spy.mockRestore();
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('leaves plurals, nesting, formats and missing values to i18next', () => {
    setLanguage('en', { persist: false });
    const tr = translatorFor('en');
    expect(splitTemplate('a $t(b) {{c}}')).toBeNull();
    expect(splitTemplate('Deadlock: {{detail, period}}')).toBeNull();
    expect(splitTemplate('{{- raw}}')).toBeNull();
    expect(splitTemplate('t={{t}} s')).toEqual(['t=', 't', ' s']);
    expect(tr('outcome.line.deadlock', 'loopscope: {{detail}}', { detail: 'a wait' })).toBe(
      String(i18n.t('outcome.line.deadlock', { detail: 'a wait' })),
    );
    // A key no resource has: the English text is the template, as defaultValue is for i18next.
    expect(tr('nowhere.atAll', 'at {{x}} and {{y}}', { x: 1, y: 'two' })).toBe('at 1 and two');
    // ... whichever English text the caller builds for it.
    expect(tr('nowhere.atAll', '{{x}} tasks', { x: 3 })).toBe('3 tasks');
    // A missing value stays a placeholder, as i18next leaves it.
    expect(tr('nowhere.atAll', 'at {{x}} and {{y}}', { x: 1 })).toBe(
      String(i18n.t('nowhere.atAll', { defaultValue: 'at {{x}} and {{y}}', x: 1 })),
    );
    // A count picks among plural forms where a key has them.
    expect(tr('share.notice.summary', '{{count}} kept programs', { count: 1 })).toBe(
      '1 kept program',
    );
    expect(tr('share.notice.summary', '{{count}} kept programs', { count: 2 })).toBe(
      '2 kept programs',
    );
  });
});
