/**
 * The benchmarks that run the engine in Node (one Pyodide, as the CLI does): recording overhead
 * (issue 3: traced at most 1.5x the --no-trace run of the same program, same process) and
 * throughput (events per second, and the largest trace the default budgets let through).
 */
import { loadPyodide } from 'pyodide';
import type { PyodideAPI } from 'pyodide';
import { HASH_SEED, installEngine, runProgram } from '../src/runtime/engine.ts';
import type { EngineResult, EngineRunOptions } from '../src/runtime/engine.ts';
import { pythonFiles } from '../src/runtime/python-files.node.ts';
import { OUTCOME_NAMES } from '../src/trace/decode.ts';
import type { Figure } from './figures.ts';
import { overheadProgram, ENDLESS_PROGRAM } from './programs.ts';

export { overheadProgram, ENDLESS_PROGRAM };

function timed(
  py: PyodideAPI,
  source: string,
  options: EngineRunOptions,
): { ms: number; result: EngineResult } {
  const t0 = performance.now();
  const result = runProgram(py, source, { filename: 'bench.py', ...options });
  return { ms: performance.now() - t0, result };
}

function eventCount(result: EngineResult): number {
  return result.trace.events.kind.length;
}

export interface NodeBenchOptions {
  /** Traced/untraced pairs; the best of each is kept (noise on a shared machine only adds). */
  rounds?: number;
  log?: (line: string) => void;
}

/** Boots Pyodide once and runs the overhead and throughput benchmarks on it. */
export async function runNodeBenchmarks(opts: NodeBenchOptions = {}): Promise<Figure[]> {
  const log = opts.log ?? (() => undefined);
  const rounds = opts.rounds ?? 4;
  const t0 = performance.now();
  const py = await loadPyodide({ env: { PYTHONHASHSEED: HASH_SEED } });
  installEngine(py, pythonFiles());
  log(`node: Pyodide + engine ready in ${Math.round(performance.now() - t0)} ms`);

  // 3. Recording overhead. Generous budgets: both runs must finish the whole program.
  const source = overheadProgram();
  const budgets: EngineRunOptions = { maxWallTime: 600, maxEvents: 50_000_000 };
  // Warm-up at a tenth of the size: imports, specialisation of the hot paths.
  timed(py, overheadProgram(1000), { ...budgets, trace: true });
  timed(py, overheadProgram(1000), { ...budgets, trace: false });
  const traced: number[] = [];
  const untraced: number[] = [];
  let events = 0;
  for (let r = 0; r < rounds; r++) {
    const u = timed(py, source, { ...budgets, trace: false });
    if (u.result.exitCode !== 0 || u.result.stdout.trim() !== '10000') {
      throw new Error(`untraced overhead run failed: ${u.result.outcomeDetail || u.result.stderr}`);
    }
    untraced.push(u.ms);
    const t = timed(py, source, { ...budgets, trace: true });
    if (t.result.exitCode !== 0 || t.result.stdout.trim() !== '10000') {
      throw new Error(`traced overhead run failed: ${t.result.outcomeDetail || t.result.stderr}`);
    }
    traced.push(t.ms);
    events = eventCount(t.result);
    log(
      `node: overhead round ${r + 1}: traced ${t.ms.toFixed(0)} ms, untraced ${u.ms.toFixed(0)} ms`,
    );
  }
  const bestTraced = Math.min(...traced);
  const bestUntraced = Math.min(...untraced);

  // 4b. The largest trace within the default budgets: a program that never ends by itself runs
  // until the first default budget (events, virtual time or wall time) stops it.
  const endless = timed(py, ENDLESS_PROGRAM, {});
  const largest = eventCount(endless.result);
  const stoppedBy = OUTCOME_NAMES[endless.result.outcome] ?? String(endless.result.outcome);
  log(`node: endless program stopped by ${stoppedBy} after ${largest} events`);

  return [
    {
      name: 'record.overhead',
      title: 'Recording overhead in Node (the CLI), 10,000 tasks x 10 awaits (traced / --no-trace)',
      value: bestTraced,
      unit: 'ms',
      baseline: bestUntraced,
      baselineName: '--no-trace run of the same program, same Pyodide',
      goal: { ratioMax: 1.5 },
      detail: { events, traced, untraced },
    },
    {
      name: 'record.throughput',
      title: 'Events recorded per second (10,000 x 10 traced run)',
      value: events / (bestTraced / 1000),
      unit: 'events/s',
      baseline: events / (bestUntraced / 1000),
      baselineName: 'same event count over the --no-trace wall time',
      detail: { events, tracedMs: bestTraced },
    },
    {
      name: 'record.largest',
      title: 'Largest trace within the default budgets (endless program)',
      value: largest,
      unit: 'events',
      baseline: endless.ms,
      baselineUnit: 'ms',
      baselineName: 'wall time of that run (default budgets: 2M events, 3600 s virtual, 20 s wall)',
      goal: { min: 1_000_000 },
      detail: { stoppedBy, wallMs: endless.ms },
    },
  ];
}
