/**
 * Console dimming: while stepping, output written after the cursor step is dimmed. The console
 * keeps its chunks (merged writes per stream); the trace index knows each write's step. The cut is
 * a character count of program output (stdout and stderr, in write order), and the chunks are
 * split at it, so the console needs no knowledge of steps.
 */
import { usePlaygroundStore } from '../../store/context';
import type { TraceIndex } from '../../trace/index';
import type { TraceColumns } from '../../trace/schema';
import { indexFor, stateFor } from '../../store/slices/cursor-source';

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
 * Characters of program output written up to `step`, or null when the console should show
 * everything plainly: no trace (or one that cannot be shown), a run in progress, or the cursor at
 * the last step.
 */
export function outputCut(
  trace: TraceColumns | null,
  step: number,
  prevStep: number,
  running: boolean,
): number | null {
  if (!trace || running) return null;
  const index = indexFor(trace);
  if (index instanceof Error || index.eventCount === 0) return null;
  if (step >= index.eventCount - 1) return null;
  // The same memoized state the panels read for this step: no second stateAt.
  const state = stateFor(index, step, prevStep);
  return outputPrefix(index)[Math.min(state.outputCount, index.output.length)];
}

/**
 * The cut at the cursor step (see outputCut). A number from a store selector, so the console
 * renders again only when the cut moves (an output line is crossed), not on every step.
 */
export function useOutputCut(): number | null {
  return usePlaygroundStore((s) => outputCut(s.trace, s.step, s.prevStep, s.running));
}
