import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffText, UndoHistory, type EditKind } from './lite-history';

const at = (n: number) => ({ anchor: n, head: n });

/** Types `chars` one at a time at the end of the history's text, as a person would. */
function typeAtEnd(h: UndoHistory, chars: string): void {
  for (const c of chars) {
    const text = h.text;
    const kind: EditKind = c === ' ' ? 'space' : c === '\n' ? 'enter' : 'type';
    h.record(text + c, kind, at(text.length), at(text.length + 1));
  }
}

/** Every text undo passes through, newest first, down to the base. */
function undoAll(h: UndoHistory): string[] {
  const seen: string[] = [];
  for (let r = h.undo(); r; r = h.undo()) seen.push(r.text);
  return seen;
}

describe('UndoHistory', () => {
  it('groups typing into words the way Monaco does', () => {
    const h = new UndoHistory('');
    typeAtEnd(h, 'abc def  ghi\nx = 1');
    // Steps: "abc", " def", "  " (two spaces are a step of their own), "ghi", "\nx", " =", " 1".
    expect(undoAll(h)).toEqual([
      'abc def  ghi\nx =',
      'abc def  ghi\nx',
      'abc def  ghi',
      'abc def  ',
      'abc def',
      'abc',
      '',
    ]);
  });

  it('starts a new step when the cursor moved between edits', () => {
    const h = new UndoHistory('ab');
    h.record('xab', 'type', at(0), at(1));
    h.record('xaby', 'type', at(3), at(4));
    h.record('xabyz', 'type', at(4), at(5));
    expect(h.undo()).toEqual({ text: 'xab', selection: at(3) });
    expect(h.undo()).toEqual({ text: 'ab', selection: at(0) });
    expect(h.undo()).toBeNull();
  });

  it('keeps deleting backward, deleting forward and other edits apart', () => {
    const h = new UndoHistory('abcdef');
    h.record('abcde', 'deleteLeft', at(6), at(5));
    h.record('abcd', 'deleteLeft', at(5), at(4));
    h.record('bcd', 'deleteRight', { anchor: 0, head: 1 }, at(0));
    h.record('    bcd', 'other', at(0), at(4));
    h.record('    bcd!', 'other', at(7), at(8));
    h.record('    bcd!?', 'type', at(8), at(9));
    expect(undoAll(h)).toEqual(['    bcd!', '    bcd', 'bcd', 'abcd', 'abcdef']);
  });

  it('redoes what was undone, and a new edit drops what was left to redo', () => {
    const h = new UndoHistory('');
    typeAtEnd(h, 'one two');
    expect(h.undo()).toEqual({ text: 'one', selection: at(3) });
    expect(h.redo()).toEqual({ text: 'one two', selection: at(7) });
    expect(h.redo()).toBeNull();
    h.undo();
    // Typing after an undo is a new step, even where the last one ended.
    h.record('one!', 'type', at(3), at(4));
    expect(h.redo()).toBeNull();
    expect(h.snapshot()).toEqual({
      base: '',
      steps: [
        { text: 'one', before: at(0), after: at(3) },
        { text: 'one!', before: at(3), after: at(4) },
      ],
      index: 2,
    });
  });

  it('starts over on reset and ignores edits that change nothing', () => {
    const h = new UndoHistory('a');
    h.record('ab', 'type', at(1), at(2));
    h.reset('loaded');
    h.record('loaded', 'type', at(0), at(0));
    expect(h.snapshot()).toEqual({ base: 'loaded', steps: [], index: 0 });
  });

  it('forgets the oldest steps past its bounds, keeping undo correct for the rest', () => {
    const h = new UndoHistory('');
    for (let i = 1; i <= 600; i++) h.record('x'.repeat(i), 'other', at(i - 1), at(i));
    const snap = h.snapshot();
    expect(snap.steps).toHaveLength(500);
    expect(snap.base).toBe('x'.repeat(100));
    expect(undoAll(h).at(-1)).toBe('x'.repeat(100));
    const big = new UndoHistory('');
    const line = 'y'.repeat(1_000_000);
    for (let i = 1; i <= 6; i++) big.record(line.repeat(i), 'other', at(0), at(0));
    expect(big.snapshot().steps.map((s) => s.text.length / line.length)).toEqual([6]);
  });

  it('gives a snapshot later edits do not change', () => {
    const h = new UndoHistory('');
    typeAtEnd(h, 'ab');
    const snap = h.snapshot();
    typeAtEnd(h, 'cd');
    expect(snap.steps).toEqual([{ text: 'ab', before: at(0), after: at(2) }]);
  });
});

describe('diffText', () => {
  it('finds the one changed range', () => {
    expect(diffText('hello world', 'hello brave world')).toEqual({
      start: 6,
      end: 6,
      text: 'brave ',
    });
    expect(diffText('aaaa', 'aa')).toEqual({ start: 2, end: 4, text: '' });
    expect(diffText('same', 'same')).toEqual({ start: 4, end: 4, text: '' });
  });

  it('never splits a surrogate pair', () => {
    // Two emoji sharing their high surrogate.
    const change = diffText('x\u{1F600}y', 'x\u{1F601}y');
    expect(change).toEqual({ start: 1, end: 3, text: '\u{1F601}' });
  });

  it('applied to the first text always gives the second', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const { start, end, text } = diffText(a, b);
        expect(a.slice(0, start) + text + a.slice(end)).toBe(b);
        expect(start).toBeLessThanOrEqual(end);
      }),
    );
  });
});
