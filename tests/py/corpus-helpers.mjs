// Shared by the corpus tests (engine and CLI): list the corpus and explain a mismatch readably.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Every corpus program with its expected output, sorted by name.
 * @returns {{name: string, file: string, source: string, expectedStdout: string | null,
 *   expectedStatus: string | null}[]}
 */
export function listCorpus(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d+_.*\.py$/.test(f))
    .sort()
    .map((f) => {
      const base = path.join(dir, f.slice(0, -3));
      return {
        name: f.slice(0, -3),
        file: path.join(dir, f),
        source: fs.readFileSync(path.join(dir, f), 'utf8'),
        // null when not generated yet: that program's test fails, the others still run.
        expectedStdout: readIfPresent(`${base}.out`),
        expectedStatus: readIfPresent(`${base}.status`)?.trim() ?? null,
      };
    });
}

function readIfPresent(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

function show(line) {
  return line === undefined ? '(no line)' : JSON.stringify(line);
}

/**
 * null when stdout and status match exactly; otherwise a message with the first differing
 * stdout line (and a little context), both statuses, and the tail of stderr, which usually
 * says why.
 */
export function describeMismatch(program, actual) {
  if (program.expectedStdout === null || program.expectedStatus === null) {
    return `${program.name}: no expected .out/.status; run scripts/corpus-expected.sh`;
  }
  const parts = [];
  if (actual.status !== program.expectedStatus) {
    parts.push(`exit status: expected ${program.expectedStatus}, got ${actual.status}`);
  }
  if (actual.stdout !== program.expectedStdout) {
    const want = program.expectedStdout.split('\n');
    const got = actual.stdout.split('\n');
    let i = 0;
    while (i < want.length && i < got.length && want[i] === got[i]) i++;
    parts.push(`stdout differs at line ${i + 1}:`);
    for (let j = Math.max(0, i - 2); j < i; j++) parts.push(`    same      ${show(want[j])}`);
    for (let j = i; j < i + 3 && (j < want.length || j < got.length); j++) {
      parts.push(`    expected  ${show(want[j])}`);
      parts.push(`    actual    ${show(got[j])}`);
    }
  }
  if (parts.length === 0) return null;
  if (actual.outcome) parts.push(`outcome: ${actual.outcome}`);
  const err = (actual.stderr ?? '').trimEnd();
  if (err)
    parts.push(
      'stderr (last 15 lines):',
      ...err
        .split('\n')
        .slice(-15)
        .map((l) => `    ${l}`),
    );
  return `${program.name}: ${parts.join('\n')}`;
}
