import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { useVizT } from './i18n';

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
