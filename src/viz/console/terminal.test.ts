import { describe, expect, it } from 'vitest';
import { splitAtCut } from '../debugger/console-cut';
import type { ChunkLike } from '../debugger/console-cut';
import { terminalSegments } from './terminal';

const out = (text: string): ChunkLike => ({ stream: 'stdout', text });
const err = (text: string): ChunkLike => ({ stream: 'stderr', text });
const shown = (chunks: ChunkLike[], cut: number | null = null) =>
  terminalSegments(splitAtCut(chunks, cut)).map((s) => [s.text, s.chunk.stream, s.after]);
const text = (chunks: ChunkLike[], cut: number | null = null) =>
  terminalSegments(splitAtCut(chunks, cut))
    .map((s) => s.text)
    .join('');

// What Fluent Python's spinner writes: frames drawn over each other, then blanked, then the answer.
const SPINNER = [
  out('spinner object: <Task>\n'),
  out('\r\\ thinking!'),
  out('\r| thinking!'),
  out('\r/ thinking!'),
  out('\r           \r'),
  out('Answer: 42\n'),
];

describe('terminalSegments', () => {
  it('leaves output without carriage returns or backspaces as it is', () => {
    const segs = splitAtCut([out('a\nb'), err('c\n')], 2);
    expect(terminalSegments(segs)).toBe(segs);
  });

  it('draws a spinner line by line, as a terminal leaves it', () => {
    expect(text(SPINNER)).toBe('spinner object: <Task>\nAnswer: 42 \n');
  });

  it('shows the frame of the cursor step, and the later output dimmed on a line of its own', () => {
    const cut = 'spinner object: <Task>\n'.length + '\r\\ thinking!\r| thinking!'.length;
    const segs = shown(SPINNER, cut);
    expect(segs[0]).toEqual(['spinner object: <Task>\n| thinking!', 'stdout', false]);
    expect(segs.slice(1).every(([, , after]) => after)).toBe(true);
    expect(
      segs
        .slice(1)
        .map(([t]) => t)
        .join(''),
    ).toBe('\nAnswer: 42 \n');
  });

  it('overwrites across writes and streams, keeping each character its stream', () => {
    expect(shown([out('12345'), err('\rab'), out('\n')])).toEqual([
      ['ab', 'stderr', false],
      ['345\n', 'stdout', false],
    ]);
  });

  it('treats CRLF as a line end and backspace as one column back', () => {
    expect(text([out('one\r\ntwo\n')])).toBe('one\ntwo\n');
    expect(text([out('abc\b\bX\n')])).toBe('aXc\n');
    expect(text([out('\b\bok')])).toBe('ok');
  });
});
