import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as schema from './schema';

// The Python file is the other half of the schema; read it as text so this test needs no Python.
const PY = readFileSync(
  fileURLToPath(new URL('../python/loopscope/schema.py', import.meta.url)),
  'utf8',
);

/** Section comment (a fragment of it) in schema.py -> the TS object and the prefix to strip. */
const SECTIONS: [string, Record<string, number>, string][] = [
  ['Event kinds', schema.EventKind, ''],
  ['TASK_STEP_START.b', schema.Wake, 'WAKE_'],
  ['TASK_STEP_END.b', schema.Step, 'STEP_'],
  ['FUTURE_DONE.b', schema.Done, 'DONE_'],
  ['AWAIT_EDGE.c', schema.Edge, 'EDGE_'],
  ['HANDLE_DROPPED.b', schema.Dropped, 'DROPPED_'],
  ['handles.kind', schema.HandleKind, 'HANDLE_'],
  ['futures.kind', schema.FutureKind, 'FUTURE_'],
  ['resources.kind', schema.ResourceKind, 'RES_'],
  ['WARNING.a', schema.Warn, 'WARN_'],
  ['RUN_END.a', schema.Outcome, 'OUTCOME_'],
];

/** Parses `NAME = 123` lines, grouped under the last top-level `# ...` comment. */
function parsePython(text: string): {
  version: number;
  sections: Map<string, Map<string, number>>;
} {
  const sections = new Map<string, Map<string, number>>();
  let current: Map<string, number> | null = null;
  let version = NaN;
  for (const raw of text.split('\n')) {
    if (raw.startsWith('#')) {
      current = new Map();
      sections.set(raw, current);
      continue;
    }
    const m = /^([A-Z][A-Z0-9_]*)\s*=\s*(-?\d+)\b/.exec(raw);
    if (!m) continue;
    if (m[1] === 'SCHEMA_VERSION') {
      version = Number(m[2]);
      continue;
    }
    if (!current) throw new Error(`constant ${m[1]} before any section comment`);
    current.set(m[1], Number(m[2]));
  }
  return { version, sections };
}

describe('schema.ts mirrors schema.py', () => {
  const parsed = parsePython(PY);

  it('has the same SCHEMA_VERSION', () => {
    expect(parsed.version).toBe(schema.SCHEMA_VERSION);
  });

  it('maps every Python section to a TypeScript object', () => {
    for (const header of parsed.sections.keys()) {
      const known = SECTIONS.some(([frag]) => header.includes(frag));
      expect(known, `unmapped section in schema.py: ${header}`).toBe(true);
    }
  });

  for (const [fragment, tsObject, prefix] of SECTIONS) {
    it(`section "${fragment}" matches name for name and number for number`, () => {
      const header = [...parsed.sections.keys()].find((h) => h.includes(fragment));
      expect(header, `section ${fragment} missing from schema.py`).toBeDefined();
      const py = parsed.sections.get(header!)!;
      const fromPy: Record<string, number> = {};
      for (const [name, value] of py) {
        expect(name.startsWith(prefix), `${name} lacks prefix ${prefix}`).toBe(true);
        fromPy[name.slice(prefix.length)] = value;
      }
      expect({ ...tsObject }).toEqual(fromPy);
    });
  }

  it('has no duplicate event kind numbers', () => {
    const values = Object.values(schema.EventKind);
    expect(new Set(values).size).toBe(values.length);
  });
});
