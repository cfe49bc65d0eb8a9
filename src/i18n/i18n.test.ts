import { describe, expect, it, vi } from 'vitest';
import { EXPLAIN_EN } from '../trace/explain';
import { ENGLISH_IN_COMPONENT, ENGLISH_ONLY_PARAMS } from './en';
import { EXPLAIN_ZH } from './explain-zh';
import { RESOURCES, flatten, unflatten } from './resources';
import type { Tree } from './resources';
import {
  LANG_STORAGE_KEY,
  currentLanguage,
  detectLanguage,
  initI18n,
  matchLanguage,
  setLanguage,
  t,
  tMessage,
} from './index';

const enKeys = flatten(RESOURCES.en.translation as Tree);
const zhKeys = flatten(RESOURCES['zh-CN'].translation as Tree);
// A placeholder may name a format (`{{detail, period}}`, see index.ts).
const placeholders = (s: string) =>
  [...s.matchAll(/\{\{(\w+)(?:, *\w+)?\}\}/g)].map((m) => m[1]).sort();

describe('resources', () => {
  it('both languages have exactly the same keys', () => {
    expect(Object.keys(zhKeys).sort()).toEqual(
      [...Object.keys(enKeys), ...ENGLISH_IN_COMPONENT].sort(),
    );
    expect(Object.keys(EXPLAIN_ZH).sort()).toEqual(Object.keys(EXPLAIN_EN).sort());
  });

  it('has no empty strings', () => {
    for (const [lang, keys] of [
      ['en', enKeys],
      ['zh-CN', zhKeys],
    ] as const)
      for (const [key, value] of Object.entries(keys))
        expect(value.trim(), `${lang}:${key}`).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(enKeys)) {
      const english = ENGLISH_ONLY_PARAMS[key] ?? [];
      expect(placeholders(zhKeys[key]), key).toEqual(
        placeholders(enKeys[key]).filter((p) => !english.includes(p)),
      );
      for (const p of english) expect(placeholders(enKeys[key]), key).toContain(p);
    }
  });

  it('Chinese texts are Chinese where they contain words', () => {
    const untranslated = Object.entries(zhKeys).filter(
      ([key, value]) =>
        value === enKeys[key] && /[a-z]{4,}\s+[a-z]{3,}/i.test(value.replace(/\{\{\w+\}\}/g, '')),
    );
    expect(untranslated).toEqual([]);
  });

  it('covers the UI areas the playground shows', () => {
    for (const area of [
      'toolbar',
      'boot',
      'status',
      'errors',
      'panels',
      'playback',
      'share',
      'embed',
      'gallery',
      'explain',
      'tasks',
      'language',
    ])
      expect(
        Object.keys(enKeys).some((k) => k.startsWith(area + '.')),
        area,
      ).toBe(true);
  });

  it('unflatten refuses a key nested under a leaf', () => {
    expect(() => unflatten({ a: 'x', 'a.b': 'y' })).toThrow(/leaf/);
  });
});

describe('language detection', () => {
  const storage = (value: string | null) => ({
    getItem: (k: string) => (k === LANG_STORAGE_KEY ? value : null),
  });

  it('maps tags to supported languages', () => {
    expect(matchLanguage('zh')).toBe('zh-CN');
    expect(matchLanguage('zh-TW')).toBe('zh-CN');
    expect(matchLanguage('en-GB')).toBe('en');
    expect(matchLanguage('fr-FR')).toBeNull();
    expect(matchLanguage('')).toBeNull();
  });

  it('follows the browser, then a saved choice, then a link', () => {
    expect(detectLanguage({ browserLanguages: ['fr', 'zh-CN', 'en'] })).toBe('zh-CN');
    expect(detectLanguage({ browserLanguages: ['de'] })).toBe('en');
    expect(detectLanguage({ browserLanguages: ['zh-CN'], storage: storage('en') })).toBe('en');
    expect(
      detectLanguage({ linkLang: 'zh-CN', storage: storage('en'), browserLanguages: ['en'] }),
    ).toBe('zh-CN');
  });

  it('survives blocked storage', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(detectLanguage({ storage: blocked, browserLanguages: ['zh'] })).toBe('zh-CN');
  });
});

describe('t outside React', () => {
  it('translates, interpolates and switches language with persistence', () => {
    initI18n('en');
    expect(t('toolbar.run')).toBe('Run');
    expect(t('explain.resumedTimer', { task: 'beta', sleep: 'sleep(0.1)', time: '0.100' })).toBe(
      'beta resumed because its sleep(0.1) timer fired at t=0.100 s.',
    );
    const saved = new Map<string, string>();
    setLanguage('zh-CN', { storage: { setItem: (k, v) => void saved.set(k, v) } });
    expect(currentLanguage()).toBe('zh-CN');
    expect(saved.get(LANG_STORAGE_KEY)).toBe('zh-CN');
    expect(t('toolbar.run')).toBe('运行');
    expect(
      tMessage({ messageKey: 'share.error.version', params: { version: '9', supported: 1 } }),
    ).toContain('格式 9');
    expect(t('gallery.results', { count: 3 })).toBe('共 3 个示例');
    setLanguage('en', { persist: false });
    expect(t('gallery.results', { count: 1 })).toBe('1 example');
    expect(t('gallery.results', { count: 2 })).toBe('2 examples');
    // QA: the timeline's header said "1 tasks".
    expect(t('timeline.count', { count: 1, tasks: '1', events: '82' })).toBe('1 task · 82 events');
    expect(t('timeline.count', { count: 2, tasks: '2', events: '1' })).toBe('2 tasks · 1 events');
    // QA: the reason of an unreadable trace file ended without a full stop.
    expect(t('errors.traceFile', { reason: 'the file is too large' })).toBe(
      'This trace file cannot be opened: the file is too large.',
    );
  });

  it('does not escape code-like text', () => {
    initI18n('en');
    expect(t('explain.returned', { task: 'main', value: "<Task 'x'>" })).toBe(
      "main finished and returned <Task 'x'>.",
    );
  });
});

describe('the document', () => {
  it("follows the language: lang, and the full page's title but not the embed's", () => {
    const page = {
      documentElement: { lang: '' },
      title: 'Loopscope: an asyncio playground and time-travelling debugger',
    };
    vi.stubGlobal('document', page);
    try {
      setLanguage('zh-CN', { persist: false });
      expect(page.documentElement.lang).toBe('zh-CN');
      expect(page.title).toBe('Loopscope：asyncio 练习场与时间旅行调试器');
      setLanguage('en', { persist: false });
      expect(page.title).toBe('Loopscope: an asyncio playground and time-travelling debugger');
      page.title = 'Loopscope embed';
      setLanguage('zh-CN', { persist: false });
      expect(page.title).toBe('Loopscope embed');
    } finally {
      setLanguage('en', { persist: false });
      vi.unstubAllGlobals();
    }
  });
});
