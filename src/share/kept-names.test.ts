import { describe, expect, it } from 'vitest';
import { keptLabels, keptProgramName, keptTime } from './kept-names';

describe('keptProgramName', () => {
  it('takes the first comment before the code, past imports, shebangs and coding lines', () => {
    expect(
      keptProgramName('#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# Rate limiter\n'),
    ).toBe('Rate limiter');
    expect(keptProgramName('import asyncio\nimport random\n\n#  Producers and consumers\n')).toBe(
      'Producers and consumers',
    );
  });

  it("takes a docstring's first line with text, on the opening line or the next", () => {
    expect(keptProgramName('"""Two waiters, one lock."""\nimport asyncio\n')).toBe(
      'Two waiters, one lock.',
    );
    expect(keptProgramName("import asyncio\n'''\n\n  Timeouts everywhere\n  more\n'''\n")).toBe(
      'Timeouts everywhere',
    );
  });

  it('falls back to the first definition, then to the first line that is not an import', () => {
    const program =
      'import asyncio\n\nasync  def worker(n):\n    # sleeps\n    pass\n\ndef main(): ...';
    expect(keptProgramName(program)).toBe('async def worker');
    expect(keptProgramName('from x import y\nclass Pool:\n  pass')).toBe('class Pool');
    expect(keptProgramName("import asyncio\nprint('DRAFT')")).toBe("print('DRAFT')");
    expect(keptProgramName('import asyncio\n')).toBe('import asyncio');
  });

  it('ignores a comment that comes after the code starts, and shortens long names', () => {
    expect(keptProgramName('x = 1\n# later\nprint(x)')).toBe('x = 1');
    const name = keptProgramName(`# ${'a'.repeat(100)}`);
    expect(name).toHaveLength(60);
    expect(name.endsWith('…')).toBe(true);
  });
});

describe('keptLabels', () => {
  const words = {
    keptAt: (when: string) => `kept ${when}`,
    lines: (n: number) => `${n} lines`,
    lang: 'en',
  };
  const now = new Date(2026, 10, 22, 15, 0).getTime();
  const at = (h: number, m: number, day = 22) => new Date(2026, 10, day, h, m).getTime();
  const program = (body: string) => `import asyncio\n\nasync def main():\n${body}`;

  it('tells apart programs that all start with import asyncio', () => {
    const labels = keptLabels(
      [
        { code: '# Fan-out\nimport asyncio\n', keptAt: at(14, 5) },
        { code: program('    pass\n'), keptAt: at(14, 5) },
        { code: program('    pass\n    pass\n'), keptAt: at(14, 5) },
        { code: program('    await x\n    pass\n'), keptAt: at(14, 5) },
        { code: program('    pass\n'), keptAt: null },
      ],
      words,
      now,
    );
    expect(labels.map((l) => l.label)).toEqual([
      'Fan-out (kept 2:05 PM)',
      'async def main (kept 2:05 PM · 4 lines)',
      'async def main (kept 2:05 PM · 5 lines · #2)',
      'async def main (kept 2:05 PM · 5 lines)',
      'async def main',
    ]);
    expect(new Set(labels.map((l) => l.label)).size).toBe(labels.length);
    expect(labels[0]).toMatchObject({ name: 'Fan-out', detail: 'kept 2:05 PM' });
  });

  it('keeps the numbers of older rows when a newer one joins', () => {
    const same = { code: 'x = 1\n', keptAt: null };
    expect(keptLabels([same, same], words, now).map((l) => l.label)).toEqual([
      'x = 1 (1 lines · #2)',
      'x = 1 (1 lines)',
    ]);
    expect(keptLabels([same, same, same], words, now).map((l) => l.label)).toEqual([
      'x = 1 (1 lines · #3)',
      'x = 1 (1 lines · #2)',
      'x = 1 (1 lines)',
    ]);
  });

  it('writes the time alone today and the date too on other days', () => {
    expect(keptTime(at(9, 7), now, 'en')).toBe('9:07 AM');
    expect(keptTime(at(9, 7, 3), now, 'en')).toMatch(/^Nov 3, 9:07 AM$/);
    expect(keptTime(at(21, 7), now, 'zh-CN')).toBe('21:07');
  });
});
