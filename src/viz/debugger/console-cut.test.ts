import { describe, expect, it } from 'vitest';
import { indexFor } from '../../store/slices/cursor-source';
import { cancelTrace } from '../../trace/samples';
import { outputCut, splitAtCut } from './console-cut';
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

describe('outputCut', () => {
  const { trace } = cancelTrace();
  const index = indexFor(trace);
  if (index instanceof Error) throw index;
  const last = index.eventCount - 1;
  const total = index.output.reduce((n, o) => n + o.text.length, 0);

  it('is null without a trace, during a run and at the last step', () => {
    expect(outputCut(null, 3, -1, false)).toBeNull();
    expect(outputCut(trace, 3, -1, true)).toBeNull();
    expect(outputCut(trace, last, -1, false)).toBeNull();
  });

  it('counts the output written up to the step, growing with it to all of it', () => {
    expect(outputCut(trace, 0, -1, false)).toBe(0);
    let before = 0;
    for (let step = 0; step < last; step++) {
      const cut = outputCut(trace, step, step - 1, false)!;
      expect(cut).toBeGreaterThanOrEqual(before);
      // Stepping back to a step gives the same cut as arriving at it going forward.
      expect(outputCut(trace, step, step + 1, false)).toBe(cut);
      before = cut;
    }
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThanOrEqual(total);
  });
});
