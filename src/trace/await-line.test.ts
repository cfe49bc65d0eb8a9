import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChain } from './explain';
import { buildIndex, chainAwaitLine, framesAwaitLine, stateAt, taskAwaitLine } from './index';
import { cancelTrace, gatherTrace, lockTrace } from './samples';
import { syntheticTrace } from './synthetic';

/** What the gutter marks used before: parse the whole chain, take the innermost line. */
const parsed = (text: string) => framesAwaitLine(parseChain(text));

describe('chainAwaitLine', () => {
  it('reads the innermost frame with a line, as parsing the chain does', () => {
    const cases = [
      '[]',
      ' [ ] ',
      '[["main",10,{"tasks":"[<Task>, ...3]"}]]',
      '[["main", 10, {"x": "1"}], ["worker", 5, {"i": "0"}], ["sleep", 0, {}]]',
      '[["worker",5,{"s":"a \\"quoted\\" ] [ , } { string\\\\"}],["inner",7,{}]]',
      '[["worker",5,{"nested":{"a":[1,2,{"b":"]"}]}}],["sleep",0,{}]]',
      '[["f",5.5,{}]]',
      '[["f",-3,{}],["g",0,{}]]',
      '[["f","12",{}]]',
      '[["f"],[],["g",4]]',
      '[1,"x",null,{"a":1},["g",4,{}],true]',
      '[["f",1e400,{}]]',
      '[["f",1e2,{}]]',
      `[${Array.from({ length: 70 }, (_, i) => `["f${i}",${i + 1},{}]`).join(',')}]`,
      // Not JSON, or not what parseChain reads: no line.
      '',
      'null',
      '{"line": 3}',
      '[["f",05,{}]]',
      '[["f",0x10,{}]]',
      '[["f",5,{}]',
      '[["f",5,{}]] x',
      '[["f",5,{}],]',
      '[["f",5,nul]]',
    ];
    for (const text of cases) expect(chainAwaitLine(text), text).toBe(parsed(text));
  });

  it('agrees with parseChain on any chain JSON can write', () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.integer({ min: -5, max: 100_000 }),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const locals = fc.dictionary(fc.string(), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })));
    const frame = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.string(), fc.integer({ min: -2, max: 500 }), locals) },
      { weight: 1, arbitrary: fc.tuple(fc.string(), scalar) },
      { weight: 1, arbitrary: scalar },
      { weight: 1, arbitrary: fc.constant([]) },
    );
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 80 }), fc.constantFrom(0, 1, 2), (frames, ws) => {
        const text = JSON.stringify(frames, null, ws);
        expect(chainAwaitLine(text)).toBe(parsed(text));
      }),
      { numRuns: 400 },
    );
  });
});

describe('taskAwaitLine', () => {
  it('gives every task view the line its chain gives, at every step', () => {
    const traces = [
      cancelTrace().trace,
      gatherTrace().trace,
      lockTrace().trace,
      syntheticTrace({ tasks: 20, sleeps: 3, seed: 3 }),
    ];
    for (const trace of traces) {
      const index = buildIndex(trace);
      let seen = 0;
      for (let s = 0; s < index.eventCount; s += 3) {
        for (const t of stateAt(index, s).tasks) {
          const line = taskAwaitLine(index, t);
          expect(line).toBe(framesAwaitLine(t.chain));
          if (line > 0) seen++;
        }
      }
      expect(seen).toBeGreaterThan(0);
      // A plain view (not stateAt's) is read through its chain.
      const plain = stateAt(index, index.eventCount - 1).tasks.map((t) => ({ ...t, chain: [] }));
      for (const t of plain) expect(taskAwaitLine(index, t)).toBe(0);
    }
  });
});
