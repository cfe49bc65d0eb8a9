/**
 * How the kept-programs notice names each program (CourseLayer). Nearly every program starts with
 * `import asyncio`, so the first line says nothing: a program is named by what its author wrote
 * to tell it apart, and rows that still read the same get when they were kept and their length.
 * Pure, so every case is unit-tested; the words come from the caller (i18n).
 */

/** A name of at most this many characters: a row, not the program. */
const MAX_NAME = 60;

function shorten(text: string): string {
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}

const IMPORT = /^(?:import\s|from\s+\S+\s+import\b)/;
/** `#!…`, `# -*- coding: … -*-` and tool pragmas name nothing. */
const NOT_A_TITLE = /^#!|^#.*\bcoding[:=]|^#\s*(?:type:|noqa|pylint:|fmt:|mypy:)/;
const DEFINITION = /^(async\s+def|def|class)\s+([A-Za-z_]\w*)/;

/**
 * What identifies a program: its first comment or docstring line before any code, else its
 * first `def`, `async def` or `class` (`async def worker`), else its first line that is not an
 * import. Empty for a program of imports and blanks only.
 */
export function keptProgramName(code: string): string {
  const lines = code.split(/\r\n|\r|\n/);
  let firstCode: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || NOT_A_TITLE.test(line)) continue;
    if (line.startsWith('#')) {
      const text = line.replace(/^#+\s*/, '').trim();
      if (text !== '') return shorten(text);
      continue;
    }
    const doc = /^[rRuU]?("""|''')(.*)$/.exec(line);
    if (doc) {
      // The docstring's first line that has text, on the opening line or after it.
      const quote = doc[1];
      let text = doc[2];
      for (;;) {
        const end = text.indexOf(quote);
        const part = (end >= 0 ? text.slice(0, end) : text).trim();
        if (part !== '') return shorten(part);
        if (end >= 0 || i + 1 >= lines.length) break;
        text = lines[++i].trim();
      }
      continue;
    }
    if (IMPORT.test(line)) continue;
    // The header ends at the first line of code: a comment further down describes a step.
    firstCode = line;
    break;
  }
  for (const raw of lines) {
    const m = DEFINITION.exec(raw.trim());
    if (m) return `${m[1].replace(/\s+/, ' ')} ${m[2]}`;
  }
  if (firstCode !== null) return shorten(firstCode);
  return shorten(lines.find((l) => l.trim() !== '')?.trim() ?? '');
}

export interface KeptLabelWords {
  /** "kept 14:32" from the formatted time. */
  keptAt(when: string): string;
  /** "12 lines". */
  lines(count: number): string;
  /** The language times are formatted in. */
  lang: string;
}

/** When a program was kept, short: the time today, else the date and time. */
export function keptTime(keptAt: number, now: number, lang: string): string {
  const at = new Date(keptAt);
  const sameDay = at.toDateString() === new Date(now).toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: 'numeric', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };
  // ICU puts a narrow no-break space before AM/PM: a plain one reads and matches the same.
  return new Intl.DateTimeFormat(lang, options).format(at).replace(/\s/g, ' ');
}

export interface KeptLabel {
  /** What identifies the program (keptProgramName). */
  name: string;
  /** What else tells this row from the others: when it was kept, its length; may be empty. */
  detail: string;
  /** The row's whole name, unique in the list: for its buttons' accessible names. */
  label: string;
}

/**
 * The labels of a list of kept programs, newest first. Every row shows when it was kept (when
 * known); the line count joins where name and time still match another row's, and a last
 * resort number (#2, #3, from the oldest) where even that does not tell them apart, so no two
 * rows' buttons ever share a name.
 */
export function keptLabels(
  drafts: readonly { code: string; keptAt: number | null }[],
  words: KeptLabelWords,
  now: number = Date.now(),
): KeptLabel[] {
  const rows = drafts.map((d) => {
    const name = keptProgramName(d.code);
    const parts = d.keptAt === null ? [] : [words.keptAt(keptTime(d.keptAt, now, words.lang))];
    return { name, parts, lines: d.code.replace(/\s+$/, '').split('\n').length };
  });
  const key = (r: (typeof rows)[number]) => [r.name, ...r.parts].join('\u0000');
  const count = (keyOf: (r: (typeof rows)[number]) => string) => {
    const n = new Map<string, number>();
    for (const r of rows) n.set(keyOf(r), (n.get(keyOf(r)) ?? 0) + 1);
    return n;
  };
  const sameTime = count(key);
  for (const r of rows) if (sameTime.get(key(r))! > 1) r.parts.push(words.lines(r.lines));
  const same = count(key);
  const seen = new Map<string, number>();
  // Numbered from the oldest, so that a newly kept program does not renumber the others.
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i];
    const k = key(r);
    if (same.get(k)! <= 1) continue;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n > 1) r.parts.push(`#${n}`);
  }
  return rows.map((r) => {
    const detail = r.parts.join(' · ');
    return { name: r.name, detail, label: detail === '' ? r.name : `${r.name} (${detail})` };
  });
}
