/**
 * One benchmark figure as bench/results.json stores it: a value, the baseline measured in the same
 * run, their ratio, and the goal with pass/fail. A missed goal is a result, not an error; only a
 * benchmark that could not run makes `npm run bench` fail.
 */
export interface Goal {
  /** The value must be at most this (in the figure's unit). */
  max?: number;
  /** The value must be at least this. */
  min?: number;
  /** value / baseline must be at most this. */
  ratioMax?: number;
}

export interface Figure {
  /** Stable key, e.g. 'seek.p95'. */
  name: string;
  title: string;
  value: number;
  unit: string;
  /** What the value is compared with, measured in the same run. */
  baseline: number;
  /** Defaults to `unit`. */
  baselineUnit?: string;
  baselineName: string;
  goal?: Goal;
  /** Anything else worth keeping (raw samples, sizes). */
  detail?: Record<string, unknown>;
}

export interface EvaluatedFigure extends Figure {
  ratio: number;
  /** Human-readable goal, e.g. '< 16 ms'. */
  goalText: string | null;
  pass: boolean | null;
}

function goalText(f: Figure): string | null {
  const g = f.goal;
  if (!g) return null;
  const parts: string[] = [];
  if (g.max !== undefined) parts.push(`<= ${fmt(g.max)} ${f.unit}`);
  if (g.min !== undefined) parts.push(`>= ${fmt(g.min)} ${f.unit}`);
  if (g.ratioMax !== undefined) parts.push(`<= ${g.ratioMax}x baseline`);
  return parts.join(', ');
}

export function evaluate(f: Figure): EvaluatedFigure {
  const ratio = f.baseline ? f.value / f.baseline : NaN;
  let pass: boolean | null = null;
  if (f.goal) {
    pass = true;
    if (f.goal.max !== undefined && !(f.value <= f.goal.max)) pass = false;
    if (f.goal.min !== undefined && !(f.value >= f.goal.min)) pass = false;
    if (f.goal.ratioMax !== undefined && !(ratio <= f.goal.ratioMax)) pass = false;
  }
  return { ...f, ratio, goalText: goalText(f), pass };
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 1e6) return `${(n / 1e6).toFixed(a >= 1e7 ? 1 : 2)}M`;
  if (a >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** A fixed-width table for the terminal. */
export function table(figures: EvaluatedFigure[]): string {
  const rows = [
    ['figure', 'value', 'baseline', 'ratio', 'goal', ''],
    ...figures.map((f) => [
      f.name,
      `${fmt(f.value)} ${f.unit}`,
      `${fmt(f.baseline)} ${f.baselineUnit ?? f.unit}`,
      Number.isFinite(f.ratio) ? `${f.ratio.toFixed(2)}x` : '-',
      f.goalText ?? '-',
      f.pass === null ? '' : f.pass ? 'pass' : 'MISSED',
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ')).join('\n');
}
