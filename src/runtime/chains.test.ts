import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventKind as K } from '../trace/schema';
import { chainText, fillChains, type ChainTables } from './chains';

const NONE_MARK = 2 ** 53;

const TABLES: ChainTables = {
  heads: ['["main",', '["worker",', '["sleep",0,{}]', '["Queue.get",0,{}]'],
  names: [['i', 'k'], ['__class__', 'n', 'name'], []],
  parts: [',"s":"\'abc\'","d":"{1: 2}"'],
};

/** A chain key as chain_of writes it, outermost frame first. */
const frame = fc.oneof(
  fc.constantFrom(~2, ~3),
  fc
    .tuple(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 5000 }), fc.constantFrom(0, 1, 2))
    .chain(([head, line, n]) =>
      fc
        .array(
          fc.oneof(
            fc.integer(),
            fc.constant(NONE_MARK),
            fc.constantFrom(2 ** 53 - 1, -(2 ** 53 - 1), 10, 9, 100, 99),
          ),
          {
            minLength: TABLES.names[n].length,
            maxLength: TABLES.names[n].length,
          },
        )
        .map((values) => [head, line, n, ...values]),
    ),
  fc.tuple(fc.constantFrom(0, 1), fc.nat(300)).map(([head, line]) => [head, line, ~0]),
);

/** Events and `raw` for a list of chain keys, one AWAIT_CHAIN event each, after a LINE event. */
function runOf(keys: number[][]) {
  const raw: number[] = [];
  const kind: number[] = [];
  const b: number[] = [];
  for (const key of keys) {
    kind.push(K.LINE, K.AWAIT_CHAIN);
    b.push(7, raw.length);
    raw.push(key.length, ...key);
  }
  return { raw, kind, b };
}

describe('fillChains', () => {
  it('writes the same texts as the string path, shared by equal keys', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(frame, { minLength: 1, maxLength: 4 }).map((f) => f.flat()),
          { maxLength: 30 },
        ),
        fc.nat(),
        (distinct, seed) => {
          // Repeat some keys so that equal chains have to share their string.
          const keys = [...distinct, ...distinct.filter((_, i) => (i + seed) % 3 === 0)];
          const { raw, kind, b } = runOf(keys);
          const strings = ['x', 'y'];
          fillChains(strings, raw, TABLES, { kind, b });
          const chainB = b.filter((_, i) => kind[i] === K.AWAIT_CHAIN);
          keys.forEach((key, i) => {
            const want = chainText([key.length, ...key], 0, TABLES);
            expect(strings[chainB[i]]).toBe(want);
            JSON.parse(want);
          });
          // Each distinct text once, in the order first recorded, after the strings there were.
          const texts = keys.map((key) => chainText([key.length, ...key], 0, TABLES));
          expect(strings.slice(2)).toEqual([...new Set(texts)]);
          // Other events keep their b.
          expect(b.filter((_, i) => kind[i] !== K.AWAIT_CHAIN).every((v) => v === 7)).toBe(true);
        },
      ),
    );
  });

  it('writes ints as Python does, None for the mark, and leaves dunder locals out', () => {
    const { raw, kind, b } = runOf([[1, 12, 1, 5, NONE_MARK, -(2 ** 53 - 1), ~2]]);
    const strings: string[] = [];
    fillChains(strings, raw, TABLES, { kind, b });
    expect(strings).toEqual([
      '[["worker",12,{"n":"None","name":"-9007199254740991"}],["sleep",0,{}]]',
    ]);
  });

  it('takes the string path when a piece is not ASCII', () => {
    const tables: ChainTables = {
      heads: ['["下载",'],
      names: [['名字']],
      parts: [',"s":"\'é\'"'],
    };
    const { raw, kind, b } = runOf([
      [0, 3, 0, 42],
      [0, 4, ~0],
      [0, 3, 0, 42],
    ]);
    const strings: string[] = [];
    fillChains(strings, raw, tables, { kind, b });
    expect(strings).toEqual(['[["下载",3,{"名字":"42"}]]', '[["下载",4,{"s":"\'é\'"}]]']);
    expect(b.filter((_, i) => kind[i] === K.AWAIT_CHAIN)).toEqual([0, 1, 0]);
  });

  it('grows its buffer past its first size', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => [1, i, 0, i * 1000, -i]);
    const { raw, kind, b } = runOf(keys);
    const strings: string[] = [];
    fillChains(strings, raw, TABLES, { kind, b });
    expect(strings.length).toBe(3000);
    expect(strings[2999]).toBe('[["worker",2999,{"i":"2999000","k":"-2999"}]]');
    expect(strings.join('').length).toBeGreaterThan(1 << 16);
  });
});
