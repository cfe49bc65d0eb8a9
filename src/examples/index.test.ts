import { describe, expect, it } from 'vitest';
import { loadPyodide } from 'pyodide';
import {
  DEFAULT_EXAMPLE_ID,
  EXAMPLES,
  GROUP_IDS,
  GROUP_TITLES,
  defaultExample,
  getExample,
  groupedExamples,
  localized,
  searchExamples,
} from './index';

const programFiles = Object.keys(import.meta.glob('./programs/*.py'));
const CJK = /[\u4e00-\u9fff]/;

describe('the gallery catalogue', () => {
  it('has at least 24 examples, one per program file, with unique ids', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(24);
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    expect(programFiles.sort()).toEqual(EXAMPLES.map((e) => `./programs/${e.id}.py`).sort());
  });

  it('fills every group from the issue', () => {
    for (const group of GROUP_IDS) {
      expect(
        EXAMPLES.some((e) => e.group === group),
        group,
      ).toBe(true);
      expect(GROUP_TITLES[group].en).not.toBe('');
      expect(GROUP_TITLES[group]['zh-CN']).toMatch(CJK);
    }
    expect(groupedExamples().map((g) => g.group)).toEqual([...GROUP_IDS]);
  });

  it('gives every example a title, a one-paragraph explanation and a hint in both languages', () => {
    for (const e of EXAMPLES) {
      for (const field of [e.title, e.explanation, e.watch]) {
        expect(field.en.trim(), e.id).not.toBe('');
        expect(field['zh-CN'], e.id).toMatch(CJK);
      }
      expect(e.explanation.en, e.id).not.toContain('\n');
      expect(e.explanation['zh-CN'], e.id).not.toContain('\n');
      expect(e.explanation.en.length, e.id).toBeGreaterThan(80);
    }
  });

  it('keeps programs short and deterministic', () => {
    for (const e of EXAMPLES) {
      expect(e.code.split('\n').length, e.id).toBeLessThanOrEqual(60);
      expect(e.code, e.id).toMatch(/^import asyncio/m);
      // Randomness only through an explicitly seeded generator.
      expect(e.code.replace(/random\.Random\(\d+\)/g, ''), e.id).not.toMatch(/random\./);
      expect(e.code, e.id).not.toMatch(/time\.time\(|datetime\.now/);
    }
  });

  it('has a default example', () => {
    expect(defaultExample().id).toBe(DEFAULT_EXAMPLE_ID);
    expect(getExample('gather')?.code).toContain('asyncio.gather');
    expect(getExample('no-such-example')).toBeUndefined();
  });
});

describe('searchExamples', () => {
  it('returns everything for an empty query', () => {
    expect(searchExamples('  ')).toHaveLength(EXAMPLES.length);
  });

  it('finds by English title, Chinese title, explanation and code', () => {
    expect(searchExamples('semaphore')[0].id).toBe('semaphore');
    expect(searchExamples('信号量').map((e) => e.id)).toContain('semaphore');
    expect(searchExamples('死锁')[0].id).toBe('deadlock');
    expect(searchExamples('ExceptionGroup').map((e) => e.id)).toContain('taskgroup');
    expect(searchExamples('itertools.cycle').map((e) => e.id)).toEqual(['spinner-cancel']);
  });

  it('requires every word and ranks title hits first', () => {
    const hits = searchExamples('lock race');
    expect(hits[0].id).toBe('lock-race');
    expect(searchExamples('semaphore aiohttp').map((e) => e.id)).toEqual(['downloads']);
    expect(searchExamples('xylophone')).toEqual([]);
  });

  it('is case-insensitive', () => {
    expect(searchExamples('TASKGROUP')[0].id).toBe('taskgroup');
  });
});

describe('localized', () => {
  it('picks Chinese for zh variants and English otherwise', () => {
    const t = { en: 'Hello', 'zh-CN': '你好' };
    expect(localized(t, 'zh-CN')).toBe('你好');
    expect(localized(t, 'zh')).toBe('你好');
    expect(localized(t, 'en-US')).toBe('Hello');
    expect(localized(t, 'fr')).toBe('Hello');
  });
});

describe('the programs compile under the Python the page runs', () => {
  it('compiles every program in Pyodide', { timeout: 120_000 }, async () => {
    const pyodide = await loadPyodide();
    const check = pyodide.runPython(`
def check(source, name):
    try:
        compile(source, name, "exec")
        return ""
    except SyntaxError as e:
        return f"{e.msg} at line {e.lineno}"
check
`);
    const failures: string[] = [];
    for (const e of EXAMPLES) {
      // 2015-era code needs Loopscope's rewrite first (asyncio.async is a syntax error today).
      if (e.id === 'legacy-generators') continue;
      const error = check(e.code, `${e.id}.py`) as string;
      if (error) failures.push(`${e.id}: ${error}`);
    }
    const legacyError = check(getExample('legacy-generators')!.code, 'legacy.py') as string;
    check.destroy();
    expect(failures).toEqual([]);
    // The legacy program is the one that does not compile as written: that is its lesson.
    expect(legacyError).toMatch(/line 21/);
  });
});
