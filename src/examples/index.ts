/**
 * The examples gallery: programs (./programs/*.py, imported as text) joined with their texts
 * (./catalog.ts), grouped, with a search over both languages and the code.
 */
import { CATALOG, GROUP_IDS, GROUP_TITLES } from './catalog';
import type { ExampleLang, ExampleText, GroupId, Localized } from './catalog';

export type { ExampleLang, GroupId, Localized } from './catalog';
export { GROUP_IDS, GROUP_TITLES } from './catalog';

export interface Example extends ExampleText {
  /** The program's source. */
  code: string;
}

// Vite inlines every program as a string at build time; no fetch at run time.
const SOURCES = import.meta.glob<string>('./programs/*.py', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function sourceOf(id: string): string {
  const code = SOURCES[`./programs/${id}.py`];
  if (code === undefined) throw new Error(`examples: no program file for "${id}"`);
  return code;
}

export const EXAMPLES: readonly Example[] = CATALOG.map((text) => ({
  ...text,
  code: sourceOf(text.id),
}));

const BY_ID = new Map(EXAMPLES.map((e) => [e.id, e]));

/** The example a fresh page (or a link that cannot be opened) shows. */
export const DEFAULT_EXAMPLE_ID = 'spinner-cancel';

export function getExample(id: string): Example | undefined {
  return BY_ID.get(id);
}

export function defaultExample(): Example {
  return BY_ID.get(DEFAULT_EXAMPLE_ID)!;
}

/** Examples of each group, in gallery order; groups without examples are left out. */
export function groupedExamples(
  list: readonly Example[] = EXAMPLES,
): { group: GroupId; examples: Example[] }[] {
  return GROUP_IDS.map((group) => ({
    group,
    examples: list.filter((e) => e.group === group),
  })).filter((g) => g.examples.length > 0);
}

function both(text: Localized): string {
  return `${text.en}\n${text['zh-CN']}`.toLowerCase();
}

interface Haystack {
  example: Example;
  title: string;
  group: string;
  prose: string;
  code: string;
}

const HAYSTACKS: Haystack[] = EXAMPLES.map((example) => ({
  example,
  title: `${example.id}\n${both(example.title)}`,
  group: both(GROUP_TITLES[example.group]),
  prose: `${both(example.explanation)}\n${both(example.watch)}`,
  code: example.code.toLowerCase(),
}));

/**
 * Examples matching every word of `query` in their title, group, explanation, hint (in either
 * language) or code, best first: title, then group, then prose, then code-only hits, then gallery
 * order. An empty query returns everything. Chinese needs no spaces: a query without spaces is
 * matched as one substring.
 */
export function searchExamples(query: string): Example[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...EXAMPLES];
  const scored: { example: Example; score: number; order: number }[] = [];
  HAYSTACKS.forEach((h, order) => {
    let score = 0;
    for (const word of words) {
      if (h.title.includes(word)) score += 100;
      else if (h.group.includes(word)) score += 50;
      else if (h.prose.includes(word)) score += 10;
      else if (h.code.includes(word)) score += 1;
      else return;
    }
    scored.push({ example: h.example, score, order });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.map((s) => s.example);
}

/** A localized text of an example, falling back to English. */
export function localized(text: Localized, lang: string): string {
  return lang.toLowerCase().startsWith('zh') ? text['zh-CN'] : text.en;
}

export function isExampleLang(lang: string): lang is ExampleLang {
  return lang === 'en' || lang === 'zh-CN';
}
