/**
 * Console dimming: while stepping, output written after the cursor step is dimmed. The console
 * keeps its chunks (merged writes per stream); the trace index knows each write's step. The cut is
 * a character count of program output (stdout and stderr, in write order), and the chunks are
 * split at it, so the console needs no knowledge of steps.
 */
import { usePlaygroundStore } from '../../store/context';
import type { TraceIndex } from '../../trace/index';
import { useDebugView } from './hooks';

export interface ChunkLike {
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
}

export interface Segment<C extends ChunkLike> {
  chunk: C;
  text: string;
  /** Written after the cursor step. */
  after: boolean;
}

/**
 * Split chunks at `cut` characters of program output. System lines (notices the page adds) do
 * not count towards the cut; those after it are dimmed with the rest. `cut` null: nothing dims.
 */
export function splitAtCut<C extends ChunkLike>(
  chunks: readonly C[],
  cut: number | null,
): Segment<C>[] {
  if (cut === null) return chunks.map((chunk) => ({ chunk, text: chunk.text, after: false }));
  const out: Segment<C>[] = [];
  let seen = 0;
  for (const chunk of chunks) {
    if (chunk.stream === 'system') {
      out.push({ chunk, text: chunk.text, after: seen >= cut });
      continue;
    }
    const len = chunk.text.length;
    if (seen + len <= cut) out.push({ chunk, text: chunk.text, after: false });
    else if (seen >= cut) out.push({ chunk, text: chunk.text, after: true });
    else {
      const k = cut - seen;
      out.push({ chunk, text: chunk.text.slice(0, k), after: false });
      out.push({ chunk, text: chunk.text.slice(k), after: true });
    }
    seen += len;
  }
  return out;
}

const prefixes = new WeakMap<TraceIndex, Int32Array>();

/** Characters of output in the first n writes, for every n (prefix sums, cached per index). */
function outputPrefix(index: TraceIndex): Int32Array {
  let p = prefixes.get(index);
  if (!p) {
    p = new Int32Array(index.output.length + 1);
    for (let i = 0; i < index.output.length; i++) p[i + 1] = p[i] + index.output[i].text.length;
    prefixes.set(index, p);
  }
  return p;
}

/**
 * Characters of program output written up to the cursor step, or null when the console should
 * show everything plainly: no trace, a run in progress, or the cursor at the last step.
 */
export function useOutputCut(): number | null {
  const { index, state } = useDebugView();
  const running = usePlaygroundStore((s) => s.running);
  if (!index || !state || running) return null;
  if (state.step >= index.eventCount - 1) return null;
  return outputPrefix(index)[Math.min(state.outputCount, index.output.length)];
}
