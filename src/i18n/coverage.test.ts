import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGLISH_IN_COMPONENT } from './en';
import { RESOURCES, flatten } from './resources';
import type { Tree } from './resources';

/**
 * Every key the code looks up must have a text in both languages: a key missing from Chinese
 * silently shows English (the fallback), and a key missing from both shows the fallback or the
 * raw key. The scan covers all of src/ (app, viz, share, store…), not only the panels.
 */
const SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * Calls of the translators and of the helpers that carry a key to one: `t` and `tr`
 * (react-i18next, useVizT, the timeline exports), `translate`, and the cursor slice's
 * `notice(key, english)`. The key is a literal with at least one dot; anything may follow it
 * (an English text, a variable, params, nothing).
 */
const LOOKUP =
  /\b(?:t|tr|translate|notice)\(\s*(['"])([a-zA-Z][a-zA-Z0-9_-]*(?:\.[a-zA-Z0-9_-]+)+)\1/g;
/** Keys built at run time, `t(`tasks.state.${state}`…)`: their fixed prefix must be a folder. */
const DYNAMIC = /\b(?:t|tr|translate|notice)\(\s*`([a-zA-Z][a-zA-Z0-9_.-]*)\.\$\{/g;

const en = flatten(RESOURCES.en.translation as Tree);
const zh = flatten(RESOURCES['zh-CN'].translation as Tree);
const ENGLISH_ONLY_IN_CODE = new Set<string>(ENGLISH_IN_COMPONENT);
/** A key is present when it is a leaf, or has i18next plural forms. */
const has = (keys: Record<string, string>, key: string) => key in keys || `${key}_other` in keys;

export function missingKeys(files: { name: string; text: string }[]): {
  found: number;
  missing: string[];
} {
  const missing: string[] = [];
  let found = 0;
  for (const { name, text } of files) {
    for (const m of text.matchAll(LOOKUP)) {
      const key = m[2];
      found++;
      if (!has(zh, key)) missing.push(`zh-CN: ${key} (${name})`);
      if (!has(en, key) && !ENGLISH_ONLY_IN_CODE.has(key)) missing.push(`en: ${key} (${name})`);
    }
    for (const m of text.matchAll(DYNAMIC)) {
      const prefix = `${m[1]}.`;
      found++;
      for (const [lang, keys] of [
        ['en', en],
        ['zh-CN', zh],
      ] as const)
        if (!Object.keys(keys).some((k) => k.startsWith(prefix)))
          missing.push(`${lang}: ${prefix}* (${name})`);
    }
  }
  return { found, missing };
}

describe('translation coverage', () => {
  it('has an English and a Chinese text for every key the code looks up', () => {
    const files = sources(SRC).map((path) => ({
      name: relative(SRC, path),
      text: readFileSync(path, 'utf8'),
    }));
    const { found, missing } = missingKeys(files);
    // The scan itself works: the page looks up well over two hundred texts this way.
    expect(found).toBeGreaterThan(200);
    expect(missing).toEqual([]);
    for (const key of ENGLISH_IN_COMPONENT) expect(zh[key], key).toBeTruthy();
  });

  it('catches a key that only has an English fallback, in any of the call forms', () => {
    const { missing } = missingKeys([
      { name: 'a.tsx', text: "t('loop.clock', 'Clock'); t('loop.noSuchLabel', 'Nope')" },
      { name: 'b.tsx', text: "t(\n  'common.noSuchWord',\n  english,\n)" },
      { name: 'c.ts', text: "notice('playback.noSuchNotice', 'Already there')" },
      { name: 'd.tsx', text: 't(`noSuchArea.state.${s}`, s)' },
      { name: 'e.tsx', text: "t('gallery.results', { count })" },
    ]);
    expect(missing).toEqual([
      'zh-CN: loop.noSuchLabel (a.tsx)',
      'en: loop.noSuchLabel (a.tsx)',
      'zh-CN: common.noSuchWord (b.tsx)',
      'en: common.noSuchWord (b.tsx)',
      'zh-CN: playback.noSuchNotice (c.ts)',
      'en: playback.noSuchNotice (c.ts)',
      'en: noSuchArea.state.* (d.tsx)',
      'zh-CN: noSuchArea.state.* (d.tsx)',
    ]);
  });
});
