import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { Playground } from './Playground';

afterEach(() => setLanguage('en', { persist: false }));

describe('Playground labels', () => {
  const render = () =>
    renderToStaticMarkup(
      createElement(Playground, {
        config: { startRuntime: false, storageKey: null, initialCode: 'print(1)\n' },
      }),
    );

  it('names the page and the editor region in the page language', () => {
    setLanguage('en', { persist: false });
    const en = render();
    expect(en).toContain('aria-label="Loopscope playground"');
    expect(en).toContain('aria-label="Editor"');
    setLanguage('zh-CN', { persist: false });
    const zh = render();
    expect(zh).toContain('aria-label="Loopscope 练习场"');
    expect(zh).toMatch(/class="ls-panel ls-editor-panel" aria-label="编辑器"/);
    expect(zh).not.toContain('aria-label="Editor"');
  });
});
