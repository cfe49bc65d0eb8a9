/**
 * Loopscope JSON: the export/import format of a trace (the CLI's `--trace out.json`, the viewer's
 * "open trace", the golden files under tests/golden/). It is the columns of TraceColumns as JSON
 * arrays, one column per line so golden diffs stay readable:
 *
 *   { "format": "loopscope-trace", "version": 1, "meta": {...}, "strings": [...],
 *     "events": { "kind": [...], "time": [...], "task": [...], "line": [...], "a": [...], ... },
 *     "handles": {...}, "futures": {...}, "tasks": {...}, "resources": {...} }
 *
 * Import treats the file as hostile: sizes are bounded before anything is allocated, every
 * value's type is checked, and the result goes through validateTrace, so a file either loads into
 * a trace every index function can trust or fails with one TraceDecodeError saying where.
 */
import { DEFAULT_LIMITS, SUPPORTED_VERSIONS, TraceDecodeError, validateTrace } from './decode';
import type { TraceLimits } from './decode';
import type { TraceColumns, TraceMeta } from './schema';

export const JSON_FORMAT = 'loopscope-trace';

export interface JsonLimits extends TraceLimits {
  /** Longest accepted JSON text, in UTF-16 code units. */
  maxChars: number;
  /** Bounds on meta.options, which is free-form JSON. */
  maxOptionNodes: number;
  maxOptionDepth: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = {
  ...DEFAULT_LIMITS,
  maxChars: 400_000_000,
  maxOptionNodes: 10_000,
  maxOptionDepth: 8,
};

type Kind = 'u8' | 'i32' | 'f64';
const TABLES: Record<string, Record<string, Kind>> = {
  events: { kind: 'u8', time: 'f64', task: 'i32', line: 'i32', a: 'i32', b: 'i32', c: 'i32' },
  handles: { kind: 'u8', when: 'f64', descr: 'i32', task: 'i32', line: 'i32' },
  futures: { kind: 'u8', label: 'i32', owner: 'i32', line: 'i32', task: 'i32' },
  tasks: { future: 'i32', name: 'i32', coro: 'i32', parent: 'i32', line: 'i32' },
  resources: { kind: 'u8', name: 'i32', line: 'i32', capacity: 'i32' },
};

function columnText(col: ArrayLike<number> & { join(sep: string): string }): string {
  return `[${col.join(',')}]`;
}

/**
 * Serializes a trace to Loopscope JSON. Typed arrays are joined directly rather than going
 * through arrays of numbers, so a million-event trace exports without a million-element copy.
 */
export function traceToJson(trace: TraceColumns): string {
  const parts: string[] = [];
  parts.push('{\n');
  parts.push(`  "format": ${JSON.stringify(JSON_FORMAT)},\n`);
  parts.push(`  "version": ${trace.version},\n`);
  parts.push(`  "meta": ${JSON.stringify(trace.meta)},\n`);
  parts.push(`  "strings": ${JSON.stringify(trace.strings)}`);
  for (const [table, cols] of Object.entries(TABLES)) {
    parts.push(`,\n  ${JSON.stringify(table)}: {\n`);
    const src = (trace as unknown as Record<string, Record<string, Int32Array>>)[table];
    const names = Object.keys(cols);
    names.forEach((name, k) => {
      const sep = k === names.length - 1 ? '\n' : ',\n';
      parts.push(`    ${JSON.stringify(name)}: ${columnText(src[name])}${sep}`);
    });
    parts.push('  }');
  }
  parts.push('\n}\n');
  return parts.join('');
}

function fail(message: string, path = ''): never {
  throw new TraceDecodeError(message, path);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toColumn(value: unknown, kind: Kind, path: string, max: number) {
  if (!Array.isArray(value)) fail('expected an array of numbers', path);
  if (value.length > max) fail(`${value.length} entries exceed the limit of ${max}`, path);
  const n = value.length;
  if (kind === 'f64') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = value[i];
      if (typeof v !== 'number' || !Number.isFinite(v))
        fail('expected a finite number', `${path}[${i}]`);
      out[i] = v;
    }
    return out;
  }
  const out = kind === 'u8' ? new Uint8Array(n) : new Int32Array(n);
  const lo = kind === 'u8' ? 0 : -0x80000000;
  const hi = kind === 'u8' ? 255 : 0x7fffffff;
  for (let i = 0; i < n; i++) {
    const v = value[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
      fail(`expected an integer in [${lo}, ${hi}]`, `${path}[${i}]`);
    }
    out[i] = v;
  }
  return out;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Copies free-form JSON with bounded size and depth, dropping keys that could alter prototypes. */
function copyOptions(value: unknown, limits: JsonLimits): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isObject(value)) fail('expected an object', 'meta.options');
  let nodes = 0;
  const copy = (v: unknown, depth: number, path: string): unknown => {
    if (++nodes > limits.maxOptionNodes) fail('too large', 'meta.options');
    if (depth > limits.maxOptionDepth) fail('nested too deeply', path);
    if (Array.isArray(v)) return v.map((x, i) => copy(x, depth + 1, `${path}[${i}]`));
    if (isObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (FORBIDDEN_KEYS.has(k)) continue;
        out[k] = copy(x, depth + 1, `${path}.${k}`);
      }
      return out;
    }
    return v;
  };
  return copy(value, 0, 'meta.options') as Record<string, unknown>;
}

function metaFrom(value: unknown, limits: JsonLimits): TraceMeta {
  if (!isObject(value)) fail('expected an object', 'meta');
  const text = (k: string, dflt: string): string => {
    const v = value[k];
    if (v === undefined) return dflt;
    if (typeof v !== 'string') fail('expected a string', `meta.${k}`);
    return v;
  };
  const num = (k: string, dflt: number): number => {
    const v = value[k];
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isFinite(v)) fail('expected a finite number', `meta.${k}`);
    return v;
  };
  return {
    filename: text('filename', 'main.py'),
    source: text('source', ''),
    pythonVersion: text('pythonVersion', ''),
    outcome: num('outcome', 0),
    outcomeDetail: text('outcomeDetail', ''),
    wallMs: num('wallMs', 0),
    options: copyOptions(value.options, limits),
  };
}

/** Converts parsed Loopscope JSON into validated TraceColumns. Throws TraceDecodeError. */
export function traceFromJsonValue(
  value: unknown,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): TraceColumns {
  if (!isObject(value)) fail('a trace file must contain a JSON object');
  if (value.format !== JSON_FORMAT) {
    fail(
      `not a Loopscope trace (format is ${JSON.stringify(value.format) ?? 'missing'})`,
      'format',
    );
  }
  const version = value.version;
  if (typeof version !== 'number' || !SUPPORTED_VERSIONS.includes(version)) {
    const newer = typeof version === 'number' && version > Math.max(...SUPPORTED_VERSIONS);
    fail(
      newer
        ? `this trace was written by a newer Loopscope (version ${version}); this viewer reads version ${SUPPORTED_VERSIONS.join(', ')}`
        : `unsupported trace version ${JSON.stringify(version) ?? 'missing'}`,
      'version',
    );
  }
  const strings = value.strings;
  if (!Array.isArray(strings)) fail('expected an array of strings', 'strings');
  if (strings.length > limits.maxStrings) fail('too many strings', 'strings');
  for (let i = 0; i < strings.length; i++) {
    if (typeof strings[i] !== 'string') fail('expected a string', `strings[${i}]`);
  }
  const out: Record<string, unknown> = {
    version,
    meta: metaFrom(value.meta, limits),
    strings: strings as string[],
  };
  for (const [table, cols] of Object.entries(TABLES)) {
    const src = value[table];
    if (!isObject(src)) fail('missing table', table);
    const max = table === 'events' ? limits.maxEvents : limits.maxEntities;
    const t: Record<string, unknown> = {};
    for (const [name, kind] of Object.entries(cols)) {
      t[name] = toColumn(src[name], kind, `${table}.${name}`, max);
    }
    out[table] = t;
  }
  const trace = out as unknown as TraceColumns;
  validateTrace(trace, limits);
  return trace;
}

/** Parses Loopscope JSON text into validated TraceColumns. Throws TraceDecodeError only. */
export function traceFromJson(
  text: string,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): TraceColumns {
  if (typeof text !== 'string') fail('expected JSON text');
  if (text.length > limits.maxChars) {
    fail(`the file is too large (${text.length} characters, limit ${limits.maxChars})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    fail(`not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return traceFromJsonValue(value, limits);
}
