import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGLISH_IN_COMPONENT } from './en';
import { RESOURCES, flatten } from './resources';
import type { Tree } from './resources';

/**
 * Every key a component looks up with an English fallback, `t('key', 'English…')`, must have a
 * Chinese text: otherwise the Chinese UI silently shows English there.
 */
const SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const LOOKUP = /\bt\(\s*(['`])([a-zA-Z0-9_.-]+)\1\s*,\s*['`"]/g;

/**
 * Keys that cannot have a translation because another key is their prefix (i18next keys are
 * paths, so `timeline.axis` cannot be both a text and a folder). They fall back to English until
 * the component renames them.
 */
const SHADOWED = new Set([
  'timeline.axis.steps',
  'timeline.axis.stepsHint',
  'timeline.axis.virtual',
  'timeline.axis.virtualHint',
]);

describe('translation coverage', () => {
  it('has a Chinese text for every key the components look up', () => {
    const zh = flatten(RESOURCES['zh-CN'].translation as Tree);
    const missing: string[] = [];
    let found = 0;
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(LOOKUP)) {
        const key = m[2];
        found++;
        if (!(key in zh) && !SHADOWED.has(key)) missing.push(`${key} (${relative(SRC, file)})`);
      }
    }
    // The scan itself works: the panels look up well over a hundred texts this way.
    expect(found).toBeGreaterThan(100);
    expect(missing).toEqual([]);
    for (const key of ENGLISH_IN_COMPONENT) expect(zh[key], key).toBeTruthy();
  });
});
