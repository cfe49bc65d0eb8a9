import { describe, expect, it } from 'vitest';
import { splitAtCut } from './console-cut';
import type { ChunkLike } from './console-cut';

const chunks: ChunkLike[] = [
  { stream: 'stdout', text: 'a\nbb\n' },
  { stream: 'stderr', text: 'err\n' },
  { stream: 'stdout', text: 'c\n' },
  { stream: 'system', text: '[done]' },
];
const show = (cut: number | null) =>
  splitAtCut(chunks, cut).map((s) => `${s.after ? '~' : ''}${s.text}`);

describe('splitAtCut', () => {
  it('shows everything plainly without a cut', () => {
    expect(show(null)).toEqual(['a\nbb\n', 'err\n', 'c\n', '[done]']);
  });

  it('splits the chunk that straddles the cut and dims everything after', () => {
    expect(show(2)).toEqual(['a\n', '~bb\n', '~err\n', '~c\n', '~[done]']);
    expect(show(5)).toEqual(['a\nbb\n', '~err\n', '~c\n', '~[done]']);
    expect(show(0)).toEqual(['~a\nbb\n', '~err\n', '~c\n', '~[done]']);
  });

  it('does not count system lines, and keeps them bright once all output is shown', () => {
    expect(show(11)).toEqual(['a\nbb\n', 'err\n', 'c\n', '~[done]']);
    const withNotice: ChunkLike[] = [{ stream: 'system', text: '[start]' }, ...chunks];
    expect(splitAtCut(withNotice, 1)[0].after).toBe(false);
  });
});
