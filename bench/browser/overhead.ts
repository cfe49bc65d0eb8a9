/**
 * Recording overhead in Chromium (issue 3's figure, where the page runs it): Pyodide booted as
 * src/runtime/pyodide.worker.ts boots it, with the same engine files. The benchmark program runs
 * traced and `--no-trace` alternately in this one Pyodide, after a warm-up, and the wall time of
 * each `runProgram` (decoding the trace into columns included) is kept. overhead.worker.ts runs
 * it in a module worker, as the app does.
 */
import type { loadPyodide } from 'pyodide';
import { HASH_SEED, installEngine, runProgram } from '../../src/runtime/engine';
import type { EngineRunOptions } from '../../src/runtime/engine';

const pythonSources = import.meta.glob<string>('../../src/python/**/*.py', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface OverheadRequest {
  source: string;
  warmSource: string;
  expected: string;
  rounds: number;
}

export interface OverheadReply {
  traced: number[];
  untraced: number[];
  events: number;
  error?: string;
}

/** Boots Pyodide with the engine and runs the rounds; throws if a run fails or prints wrong. */
export async function measureOverhead(req: OverheadRequest, base: string): Promise<OverheadReply> {
  const { source, warmSource, expected, rounds } = req;
  const indexURL = new URL('/pyodide/', base).href;
  const mod = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as {
    loadPyodide: typeof loadPyodide;
  };
  const py = await mod.loadPyodide({ indexURL, env: { PYTHONHASHSEED: HASH_SEED } });
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries(pythonSources)) {
    files[path.replace(/^\.\.\/\.\.\/src\/python\//, '')] = text;
  }
  installEngine(py, files);
  // Generous budgets: both runs must finish the whole program.
  const budgets: EngineRunOptions = { maxWallTime: 600, maxEvents: 50_000_000 };
  const timed = (text: string, trace: boolean) => {
    const t0 = performance.now();
    const result = runProgram(py, text, { filename: 'bench.py', ...budgets, trace });
    const ms = performance.now() - t0;
    if (result.exitCode !== 0) {
      throw new Error(`${trace ? 'traced' : 'untraced'} run failed: ${result.stderr}`);
    }
    return { ms, result };
  };
  timed(warmSource, true);
  timed(warmSource, false);
  const reply: OverheadReply = { traced: [], untraced: [], events: 0 };
  for (let r = 0; r < rounds; r++) {
    const u = timed(source, false);
    if (u.result.stdout.trim() !== expected) throw new Error(`untraced: ${u.result.stdout}`);
    reply.untraced.push(u.ms);
    const t = timed(source, true);
    if (t.result.stdout.trim() !== expected) throw new Error(`traced: ${t.result.stdout}`);
    reply.traced.push(t.ms);
    reply.events = t.result.trace.events.kind.length;
  }
  return reply;
}
