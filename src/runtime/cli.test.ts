// The `loopscope` CLI (bin/cli.ts) when Pyodide itself fails mid-run. The real case, a list
// nested 300,000 deep being freed, kills Pyodide 314 with a RangeError in Node and in the page;
// here the engine is replaced so the test needs no Python.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('pyodide', () => ({ loadPyodide: async () => ({}) }));
vi.mock('../runtime/python-files.node.ts', () => ({ pythonFiles: () => ({}) }));
vi.mock('../runtime/engine.ts', () => ({
  installEngine: () => {},
  runProgram: (
    _pyodide: unknown,
    _source: string,
    _options: unknown,
    hooks: { onStdout(text: string): void },
  ) => {
    hooks.onStdout('built\n');
    throw Object.assign(new RangeError('Maximum call stack size exceeded'), {
      pyodide_fatal_error: true,
    });
  },
}));

const { main, crashMessage, decodeSource, exitStatus } = await import('../../bin/cli.ts');

describe('loopscope run, when the Python runtime crashes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps the output so far, says what happened and exits 1 without writing a trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopscope-cli-crash-'));
    const file = join(dir, 'deep.py');
    writeFileSync(file, 'x = []\n');
    const out: string[] = [];
    const err: string[] = [];
    const capture = (into: string[]) => (chunk: unknown, cb?: unknown) => {
      into.push(String(chunk));
      if (typeof cb === 'function') cb();
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(
      capture(out) as typeof process.stdout.write,
    );
    vi.spyOn(process.stderr, 'write').mockImplementation(
      capture(err) as typeof process.stderr.write,
    );
    const traceOut = join(dir, 'out.json');
    const status = await main(['run', file, '--trace', traceOut, '--stats']);
    vi.restoreAllMocks();
    expect(status).toBe(1);
    expect(out.join('')).toBe('built\n');
    expect(err.join('')).toBe(
      crashMessage(file, new RangeError('Maximum call stack size exceeded')),
    );
    expect(err.join('')).toContain('the Python runtime crashed while running');
    expect(existsSync(traceOut)).toBe(false);
  });

  it('names a thrown non-error value too', () => {
    expect(crashMessage('a.py', 'boom')).toMatch(
      /^loopscope: the Python runtime crashed while running a\.py \(boom\)\./,
    );
  });
});

describe('loopscope run exits with the status python would', () => {
  const ran = (outcome: number, outcomeDetail: string) => ({
    exitCode: 1 as const,
    outcome,
    outcomeDetail,
  });

  it("passes on the program's own status, one byte wide", () => {
    expect(exitStatus({ exitCode: 0, outcome: 0, outcomeDetail: '' })).toBe(0);
    expect(exitStatus(ran(1, 'SystemExit: 3'))).toBe(3);
    expect(exitStatus(ran(1, 'SystemExit: 256'))).toBe(0);
    expect(exitStatus(ran(1, 'SystemExit: -1'))).toBe(255);
    expect(exitStatus(ran(1, 'os._exit(5)'))).toBe(5);
    expect(exitStatus(ran(1, 'KeyboardInterrupt'))).toBe(130);
  });

  it('exits 1 for an exception, a message to SystemExit, and a run Loopscope stopped', () => {
    expect(exitStatus(ran(1, 'ValueError: boom'))).toBe(1);
    expect(exitStatus(ran(1, 'SystemExit: fatal: bad config'))).toBe(1);
    expect(exitStatus(ran(1, 'killed by signal SIGTERM'))).toBe(1);
    expect(exitStatus(ran(3, 'event limit of 10 reached'))).toBe(1);
  });
});

describe('loopscope run reads a program file as python3 does', () => {
  const bytes = (...parts: (string | number[])[]) =>
    Uint8Array.from(
      parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)),
    );

  it('drops the byte-order mark Windows editors write', () => {
    expect(decodeSource(bytes([0xef, 0xbb, 0xbf], 'print("ok")\r\n'), 'a.py')).toBe(
      'print("ok")\r\n',
    );
  });

  it('honours a coding declaration on line 1 or 2', () => {
    expect(
      decodeSource(bytes('# -*- coding: latin-1 -*-\nprint("caf', [0xe9], '")\n'), 'a.py'),
    ).toBe('# -*- coding: latin-1 -*-\nprint("café")\n');
    expect(
      decodeSource(
        bytes('#!/usr/bin/env python3\n# coding=gbk\nprint("', [0xc4, 0xe3, 0xba, 0xc3], '")\n'),
        'a.py',
      ),
    ).toBe('#!/usr/bin/env python3\n# coding=gbk\nprint("你好")\n');
    // Not a declaration on line 2 when line 1 is code.
    expect(() =>
      decodeSource(bytes('x = 1\n# coding: latin-1\ny = "', [0xe9], '"\n'), 'a.py'),
    ).toThrow(/Non-UTF-8 code starting with '\\xe9' in file a\.py on line 3/);
  });

  it("refuses what python refuses, in python's words", () => {
    expect(() => decodeSource(bytes('print("caf', [0xe9], '")\n'), 'bad.py')).toThrow(
      "Non-UTF-8 code starting with '\\xe9' in file bad.py on line 1, but no encoding declared",
    );
    expect(() => decodeSource(bytes('# coding: klingon\n'), 'k.py')).toThrow(
      'unknown encoding: klingon',
    );
    expect(() => decodeSource(bytes([0xef, 0xbb, 0xbf], '# coding: latin-1\n'), 'b.py')).toThrow(
      'encoding problem: latin-1 with BOM',
    );
  });
});
