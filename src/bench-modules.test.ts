/**
 * Smoke test of `npm run bench`'s modules: they import, and the goal arithmetic that decides
 * pass/MISSED is right. The benchmarks themselves never run in tests (a timed assertion on a
 * shared machine is not a benchmark).
 */
import { describe, expect, it } from 'vitest';
import { evaluate, table } from '../bench/figures';

describe('bench modules', () => {
  it('import, and export what run.mjs calls', async () => {
    const node = await import('../bench/node');
    const page = await import('../bench/page');
    expect(typeof node.runNodeBenchmarks).toBe('function');
    expect(node.overheadProgram(3, 2)).toContain('range(3)');
    expect(typeof page.runLoadBenchmarks).toBe('function');
    expect(typeof page.runTraceBenchmarks).toBe('function');
    expect(page.LATENCY_PROGRAM).toContain('asyncio.run(main())');
  });

  it('judges goals by value and by ratio to the baseline', () => {
    const base = { name: 'x', title: 'x', unit: 'ms', baselineName: 'b' };
    expect(evaluate({ ...base, value: 15, baseline: 30, goal: { max: 16 } }).pass).toBe(true);
    expect(evaluate({ ...base, value: 17, baseline: 30, goal: { max: 16 } }).pass).toBe(false);
    const over = evaluate({ ...base, value: 16, baseline: 10, goal: { ratioMax: 1.5 } });
    expect(over.ratio).toBeCloseTo(1.6);
    expect(over.pass).toBe(false);
    expect(evaluate({ ...base, value: 2e6, baseline: 1, goal: { min: 1e6 } }).pass).toBe(true);
    expect(evaluate({ ...base, value: 1, baseline: 1 }).pass).toBeNull();
    expect(table([over])).toMatch(/MISSED/);
  });
});
