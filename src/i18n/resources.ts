/**
 * i18next resources for every supported language: the UI texts plus the explanation sentences,
 * which src/trace/explain.ts keeps as flat "explain.x" keys beside the code that picks them.
 */
import { EXPLAIN_EN } from '../trace/explain';
import { en } from './en';
import { EXPLAIN_ZH } from './explain-zh';
import { zhCN } from './zh-CN';

export type Tree = { [key: string]: string | Tree };

/** Turns {"explain.runEnd.ok": "..."} into {explain: {runEnd: {ok: "..."}}}. */
export function unflatten(flat: Record<string, string>): Tree {
  const root: Tree = {};
  for (const [path, value] of Object.entries(flat)) {
    const parts = path.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (typeof next === 'string') throw new Error(`i18n: "${path}" is under a leaf key`);
      node = (next ?? (node[part] = {})) as Tree;
    }
    node[parts[parts.length - 1]] = value;
  }
  return root;
}

/** Leaf keys of a tree as dotted paths, for tests and tools. */
export function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flatten(value, path));
  }
  return out;
}

export const RESOURCES = {
  en: { translation: { ...(en as unknown as Tree), ...unflatten(EXPLAIN_EN) } },
  'zh-CN': { translation: { ...(zhCN as unknown as Tree), ...unflatten(EXPLAIN_ZH) } },
} satisfies Record<string, { translation: Tree }>;
