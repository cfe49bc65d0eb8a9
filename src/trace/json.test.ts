/* eslint-disable @typescript-eslint/no-explicit-any -- these tests poke at parsed JSON of any shape */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceDecodeError } from './decode';
import { buildIndex, nextStop, stateAt } from './index';
import { DEFAULT_JSON_LIMITS, traceFromJson, traceFromJsonValue, traceToJson } from './json';
import { cancelTrace, gatherTrace, lockTrace } from './samples';
import { syntheticTrace } from './synthetic';

const sample = cancelTrace().trace;
const sampleText = traceToJson(sample);

/** Parses, and when the file is accepted, uses it as the viewer would; returns the outcome. */
function load(text: string): 'ok' | 'rejected' {
  let trace;
  try {
    trace = traceFromJson(text);
  } catch (err) {
    if (err instanceof TraceDecodeError) {
      expect(err.message.length).toBeGreaterThan(0);
      return 'rejected';
    }
    throw err;
  }
  // An accepted file must be safe for everything downstream.
  const index = buildIndex(trace);
  const n = index.eventCount;
  for (const s of [0, n >> 1, n - 1, 7, n - 3]) stateAt(index, s).tasks.forEach((t) => t.chain);
  nextStop(index, 'line', 0);
  return 'ok';
}

function expectError(text: string, fragment: string) {
  expect(() => traceFromJson(text)).toThrow(TraceDecodeError);
  expect(() => traceFromJson(text)).toThrow(fragment);
}

function withChange(change: (v: Record<string, any>) => void): string {
  const v = JSON.parse(sampleText);
  change(v);
  return JSON.stringify(v);
}

describe('Loopscope JSON codec', () => {
  it('round-trips traces exactly', () => {
    for (const t of [
      sample,
      gatherTrace().trace,
      lockTrace().trace,
      syntheticTrace({ tasks: 5 }),
    ]) {
      expect(traceFromJson(traceToJson(t))).toEqual(t);
    }
  });

  it('accepts an already-parsed value', () => {
    expect(traceFromJsonValue(JSON.parse(sampleText))).toEqual(sample);
  });

  it('writes the documented shape', () => {
    const v = JSON.parse(sampleText);
    expect(v.format).toBe('loopscope-trace');
    expect(v.version).toBe(1);
    expect(Object.keys(v.events)).toEqual(['kind', 'time', 'task', 'line', 'a', 'b', 'c']);
    expect(Object.keys(v)).toEqual([
      'format',
      'version',
      'meta',
      'strings',
      'events',
      'handles',
      'futures',
      'tasks',
      'resources',
    ]);
  });

  it('rejects non-JSON, other formats and other versions with a clear message', () => {
    expectError('{"format": "loopscope-trace", ', 'not valid JSON');
    expectError('[1, 2, 3]', 'must contain a JSON object');
    expectError('{"format": "chrome-trace"}', 'not a Loopscope trace');
    expectError(
      withChange((v) => (v.version = 99)),
      'written by a newer Loopscope (version 99)',
    );
    expectError(
      withChange((v) => (v.version = '1')),
      'unsupported trace version "1"',
    );
  });

  it('names the place of a bad value', () => {
    expectError(
      withChange((v) => (v.events.time[3] = 'soon')),
      'events.time[3]: expected a finite number',
    );
    expectError(
      withChange((v) => (v.events.a[2] = 1.5)),
      'events.a[2]: expected an integer',
    );
    expectError(
      withChange((v) => v.events.line.pop()),
      'events.line: length',
    );
    expectError(
      withChange((v) => (v.strings[0] = 42)),
      'strings[0]: expected a string',
    );
    expectError(
      withChange((v) => delete v.tasks),
      'tasks: missing table',
    );
    expectError(
      withChange((v) => (v.events.kind[0] = 300)),
      'events.kind[0]: expected an integer in [0, 255]',
    );
  });

  it("reads a newer engine's event kinds it does not know, and ignores them", () => {
    const plain = traceFromJson(sampleText);
    const line = plain.events.kind.indexOf(50 /* LINE */);
    const text = withChange((v) => {
      v.events.kind[line] = 99;
      v.events.a[line] = -12345;
    });
    const trace = traceFromJson(text);
    expect(trace.events.kind[line]).toBe(99);
    const index = buildIndex(trace);
    expect(stateAt(index, line).explanation).toBe(
      'An event this Loopscope does not know (kind 99), recorded by a newer one: nothing shown here changes.',
    );
    // Everything else reads as before: the step after it shows what the plain trace shows there.
    const next = line + 1;
    const before = stateAt(buildIndex(plain), next);
    const after = stateAt(index, next);
    expect(after.explanation).toBe(before.explanation);
    expect(after.tasks.map((t) => [t.id, t.state])).toEqual(
      before.tasks.map((t) => [t.id, t.state]),
    );
  });

  it('checks ids, string indexes and causality', () => {
    const kindAt = (v: Record<string, any>, kind: number) => v.events.kind.indexOf(kind);
    expectError(
      withChange((v) => (v.events.a[kindAt(v, 10)] = 999)),
      'bad task argument 999',
    );
    expectError(
      withChange((v) => (v.events.a[kindAt(v, 60)] = v.strings.length)),
      'bad str argument',
    );
    expectError(
      withChange((v) => (v.events.c[kindAt(v, 11)] = v.events.kind.length)),
      'bad cause argument',
    );
    expectError(
      withChange((v) => (v.events.time[1] = -1)),
      'time goes backwards',
    );
    expectError(
      withChange((v) => (v.tasks.parent[1] = 50)),
      'tasks.parent[1]: id 50 out of range',
    );
  });

  it('bounds sizes before allocating', () => {
    const limits = { ...DEFAULT_JSON_LIMITS, maxChars: 100 };
    expect(() => traceFromJson(sampleText, limits)).toThrow('too large');
    const few = { ...DEFAULT_JSON_LIMITS, maxEvents: 10 };
    expect(() => traceFromJson(sampleText, few)).toThrow('exceed the limit of 10');
  });

  it('drops prototype-changing keys and bounds free-form options', () => {
    const text = withChange((v) => {
      v.meta.options = JSON.parse('{"__proto__": {"polluted": true}, "seed": 3}');
    });
    const t = traceFromJson(text);
    expect(t.meta.options).toEqual({ seed: 3 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    let deep: unknown = 1;
    for (let i = 0; i < 50; i++) deep = { d: deep };
    expectError(
      withChange((v) => (v.meta.options = deep)),
      'nested too deeply',
    );
  });

  it('survives deeply nested JSON without a crash other than its own error', () => {
    const text = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(() => traceFromJson(text)).toThrow(TraceDecodeError);
  });
});

describe('trace import fuzzing', () => {
  const validValue = JSON.parse(sampleText) as Record<string, any>;
  const tables = ['events', 'handles', 'futures', 'tasks', 'resources'] as const;

  it('never throws anything but TraceDecodeError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        expect(load(JSON.stringify(v))).toBe('rejected');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything else, nor hangs, on a valid trace with one value replaced', () => {
    const anyValue = fc.oneof(
      fc.integer({ min: -3, max: 300 }),
      fc.integer(),
      fc.double(),
      fc.constantFrom(null, true, '', 'x', [], {}, -1, 0, 1, 2, 1e300, -0),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const target = fc.oneof(
      // A cell of a column.
      fc.record({
        table: fc.constantFrom(...tables),
        col: fc.nat(),
        row: fc.nat(),
        value: anyValue,
      }),
      // A whole field.
      fc.record({
        field: fc.constantFrom('meta', 'strings', 'version', 'format', ...tables),
        value: anyValue,
      }),
    );
    fc.assert(
      fc.property(fc.array(target, { minLength: 1, maxLength: 4 }), (changes) => {
        const v = structuredClone(validValue);
        for (const ch of changes) {
          if ('table' in ch) {
            const table = v[ch.table];
            if (!table || typeof table !== 'object') continue;
            const cols = Object.keys(table);
            if (!cols.length || !Array.isArray(table[cols[ch.col % cols.length]])) continue;
            const col = table[cols[ch.col % cols.length]] as unknown[];
            if (col.length) col[ch.row % col.length] = ch.value;
          } else {
            v[ch.field] = ch.value;
          }
        }
        const started = performance.now();
        load(JSON.stringify(v));
        expect(performance.now() - started).toBeLessThan(2000);
      }),
      { numRuns: 400 },
    );
  });

  it('accepts or rejects id changes that stay integers, and accepted ones are safe to view', () => {
    // Ids that are in range but semantically odd must still give a usable viewer.
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('a', 'b', 'c', 'task', 'line'),
        fc.nat(),
        fc.integer({ min: -2, max: 40 }),
        (col, row, value) => {
          const v = structuredClone(validValue);
          const arr = v.events[col] as number[];
          arr[row % arr.length] = value;
          if (load(JSON.stringify(v)) === 'ok') accepted++;
        },
      ),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('rejects truncated and corrupted text', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: sampleText.length - 2 }),
        fc.string({ minLength: 1, maxLength: 1 }),
        (cut, ch) => {
          expect(load(sampleText.slice(0, cut))).toBe('rejected');
          const flipped = sampleText.slice(0, cut) + ch + sampleText.slice(cut + 1);
          load(flipped);
        },
      ),
      { numRuns: 300 },
    );
  });
});
