import { describe, expect, it } from 'vitest';
import { lineAfterEdit } from './current-line';

/** A Monaco content change replacing lines `start`..`end` with `text`. */
const change = (start: number, end: number, text: string) => ({
  range: { startLineNumber: start, endLineNumber: end },
  text,
});

describe('lineAfterEdit', () => {
  it('moves down by the lines typed above it, and up by those deleted', () => {
    expect(lineAfterEdit(13, [change(1, 1, '# one\n# two\n')])).toBe(15);
    expect(lineAfterEdit(13, [change(2, 5, '')])).toBe(10);
    // A line replaced by two, above: one more.
    expect(lineAfterEdit(13, [change(4, 4, 'a\nb')])).toBe(14);
  });

  it('stays for edits on its own line or below it', () => {
    expect(lineAfterEdit(13, [change(13, 13, 'x')])).toBe(13);
    expect(lineAfterEdit(13, [change(13, 13, 'x\ny\n')])).toBe(13);
    expect(lineAfterEdit(13, [change(20, 25, '')])).toBe(13);
  });

  it('goes where an edit that swallows it starts (a join, a replaced block)', () => {
    // Backspace at the start of line 13 joins it to line 12.
    expect(lineAfterEdit(13, [change(12, 13, '')])).toBe(12);
    expect(lineAfterEdit(13, [change(10, 16, 'pass\n')])).toBe(10);
  });

  it('applies several changes in order, last in the document first', () => {
    // One line added at 20 (below: no move), then two removed at 3..5 (above: up two).
    expect(lineAfterEdit(13, [change(20, 20, 'a\n'), change(3, 5, '')])).toBe(11);
  });
});
