import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineMap, moveLine } from './line-map';
import type { LineChange } from './line-map';

/** A Monaco content change replacing (sL, sC)..(eL, eC) with `text`. */
const change = (sL: number, sC: number, eL: number, eC: number, text: string): LineChange => ({
  range: { startLineNumber: sL, startColumn: sC, endLineNumber: eL, endColumn: eC },
  text,
});

/**
 * Applies one change to `lines` the way Monaco does, and returns the change with a reader of the
 * text after it, so the tests feed the map exactly what an editor would.
 */
function edit(lines: string[], c: LineChange): { after: (line: number) => string } {
  const { startLineNumber: sL, startColumn: sC, endLineNumber: eL, endColumn: eC } = c.range;
  const head = lines[sL - 1].slice(0, sC - 1);
  const tail = lines[eL - 1].slice(eC - 1);
  lines.splice(sL - 1, eL - sL + 1, ...`${head}${c.text}${tail}`.split('\n'));
  const copy = [...lines];
  return { after: (line) => copy[line - 1] ?? '' };
}

/** A program whose lines are all different, so a line's text says which line it was. */
const PROGRAM = [
  'import asyncio',
  '',
  'async def main():',
  '    await asyncio.sleep(1)',
  '    print("done")',
  '',
  'asyncio.run(main())',
];

describe('moveLine', () => {
  it('moves lines below an edit by the lines it adds or removes, and not those above', () => {
    expect(moveLine(13, change(1, 1, 1, 1, '# one\n# two\n'))).toBe(15);
    expect(moveLine(13, change(2, 1, 5, 1, ''))).toBe(10);
    expect(moveLine(3, change(4, 1, 4, 1, 'a\nb\n'))).toBe(3);
  });

  it('gives no line to lines inside a deleted range', () => {
    expect(moveLine(4, change(2, 1, 5, 1, ''))).toBe(0);
    // The first line of a range taken from its first column is gone too.
    expect(moveLine(2, change(2, 1, 5, 1, ''))).toBe(0);
    // Its last line's rest moves to where the range started.
    expect(moveLine(5, change(2, 1, 5, 1, ''))).toBe(2);
  });
});

describe('LineMap', () => {
  /** Makes the edits on a copy of PROGRAM through a map, and checks every line's text. */
  function check(changes: LineChange[]) {
    const text = [...PROGRAM];
    const map = new LineMap(PROGRAM.length);
    for (const c of changes) map.apply([c], edit(text, c).after);
    for (let line = 1; line <= PROGRAM.length; line++) {
      const now = map.lineOf(line);
      if (now > 0 && PROGRAM[line - 1].trim() !== '') {
        expect(text[now - 1]).toContain(PROGRAM[line - 1].trim());
      }
    }
    return map;
  }

  it('is the identity until a line moves', () => {
    const map = new LineMap(7);
    expect(map.edited).toBe(false);
    map.apply([change(4, 5, 4, 5, 'x')]);
    expect(map.edited).toBe(false);
    expect(map.lineOf(4)).toBe(4);
    expect(map.lineOf(8)).toBe(0);
    expect(map.traceLine(7)).toBe(7);
  });

  it('follows two lines typed above, one change at a time and in one paste', () => {
    const typed = check([change(1, 1, 1, 1, '# one\n'), change(2, 1, 2, 1, '# two\n')]);
    const pasted = check([change(1, 1, 1, 1, '# one\n# two\n')]);
    for (const map of [typed, pasted]) {
      expect([1, 2, 3, 4, 5, 6, 7].map(map.lineOf)).toEqual([3, 4, 5, 6, 7, 8, 9]);
      expect(map.traceLine(6)).toBe(4);
      // The typed lines are not the trace's.
      expect(map.traceLine(1)).toBe(0);
      expect(map.traceLine(2)).toBe(0);
    }
    expect(typed.edited).toBe(true);
  });

  it('Enter before a line moves it down; Enter after it does not', () => {
    // Enter at the first column of line 4, then Enter in its indentation just before `await`.
    let map = check([change(4, 1, 4, 1, '\n'), change(5, 5, 5, 5, '\n    ')]);
    expect(map.lineOf(4)).toBe(6);
    expect(map.lineOf(5)).toBe(7);
    // Enter at the end of line 4 (after its text) leaves it where it is.
    map = check([change(4, 27, 4, 27, '\n    ')]);
    expect(map.lineOf(4)).toBe(4);
    expect(map.lineOf(5)).toBe(6);
  });

  it('gives no line to deleted lines, and moves the ones after up', () => {
    // Monaco's "delete line" on line 4: (4,1)..(5,1) replaced by nothing.
    let map = check([change(4, 1, 5, 1, '')]);
    expect([3, 4, 5, 7].map(map.lineOf)).toEqual([3, 0, 4, 6]);
    expect(map.traceLine(4)).toBe(5);
    // "Delete line" on line 5 seen as Monaco makes it when no line follows the deleted text:
    // from the end of the line before to the end of the deleted one.
    map = check([change(4, 27, 5, 18, '')]);
    expect([4, 5, 6, 7].map(map.lineOf)).toEqual([4, 0, 5, 6]);
    // A block replaced: the lines inside it are gone.
    map = check([change(3, 1, 6, 1, 'pass\n')]);
    expect([3, 4, 5, 7].map(map.lineOf)).toEqual([0, 0, 0, 5]);
  });

  it('a line joined onto the one above goes with its text', () => {
    // Backspace at the start of line 5 joins it to line 4.
    const map = check([change(4, 27, 5, 1, '')]);
    expect(map.lineOf(4)).toBe(4);
    expect(map.lineOf(5)).toBe(4);
    expect(map.lineOf(7)).toBe(6);
  });

  it('an undone edit gives every line back its place', () => {
    const map = check([change(1, 1, 1, 1, '# one\n# two\n'), change(1, 1, 3, 1, '')]);
    expect([1, 2, 3, 4, 5, 6, 7].map(map.lineOf)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('several changes in one edit (Monaco order, last in the document first)', () => {
    const map = new LineMap(7);
    // A line added below line 6, then two lines removed at 2..3.
    map.apply([change(6, 1, 6, 1, 'a\n'), change(2, 1, 4, 1, '')]);
    expect([1, 2, 3, 4, 5, 6, 7].map(map.lineOf)).toEqual([1, 0, 0, 2, 3, 5, 6]);
  });

  it('keeps the lines in order and within the text, whatever the edits (property)', () => {
    const edits = fc.array(
      fc.record({
        line: fc.nat(),
        col: fc.nat(),
        span: fc.nat({ max: 3 }),
        endCol: fc.nat(),
        text: fc.constantFrom('', 'x', '\n', '# a\n', '\n    ', 'a\nb', '\n\n'),
      }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(edits, (list) => {
        const text = [...PROGRAM];
        const map = new LineMap(PROGRAM.length);
        let last = 0;
        for (const e of list) {
          const sL = 1 + (e.line % text.length);
          const eL = Math.min(text.length, sL + e.span);
          const sC = 1 + (e.col % (text[sL - 1].length + 1));
          const eC =
            eL === sL
              ? sC + (e.endCol % (text[eL - 1].length - sC + 2))
              : 1 + (e.endCol % (text[eL - 1].length + 1));
          const c = change(sL, sC, eL, eC, e.text);
          map.apply([c], edit(text, c).after);
        }
        for (let line = 1; line <= PROGRAM.length; line++) {
          const now = map.lineOf(line);
          expect(now).toBeGreaterThanOrEqual(0);
          expect(now).toBeLessThanOrEqual(text.length);
          // Lines never swap: a later line of the program is never drawn above an earlier one.
          if (now > 0) {
            expect(now).toBeGreaterThanOrEqual(last);
            last = now;
          }
        }
      }),
    );
  });
});
