// The `loopscope` CLI (bin/cli.ts) around the engine: a crash of Pyodide itself (the real case,
// a list nested 300,000 deep being freed, kills Pyodide 314 with a RangeError in Node and in the
// page), the exit status, hints after a budget stop and reading the file. The engine is replaced
// so these tests need no Python; src/runtime/cli-exit.test.ts runs the real thing once.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

type Hooks = { onStdout(text: string): void; onStderr(text: string): void };
/** What the replaced engine's runProgram does in the current test, and the options it got. */
const engine = vi.hoisted(() => ({
  run: (_hooks: Hooks): unknown => undefined,
  options: undefined as unknown,
  /** What the last loadPyodide was given. */
  boot: undefined as unknown,
}));

vi.mock('pyodide', () => ({
  loadPyodide: async (config: unknown) => {
    engine.boot = config;
    return { mountNodeFS: () => {}, runPython: () => undefined };
  },
}));
vi.mock('../runtime/python-files.node.ts', () => ({ pythonFiles: () => ({}) }));
vi.mock('../runtime/watchdog.node.ts', () => ({
  startWatchdog: () => ({ arm: () => {}, stop: async () => undefined }),
}));
vi.mock('../runtime/engine.ts', () => ({
  HASH_SEED: '0',
  installEngine: () => {},
  runProgram: (_pyodide: unknown, _source: string, options: unknown, hooks: Hooks) => {
    engine.options = options;
    return engine.run(hooks);
  },
}));

/** What the replaced engine returns for a run that finished normally. */
const finished = () => ({
  trace: null,
  stdout: '',
  stderr: '',
  outcome: 0,
  outcomeDetail: '',
  exitCode: 0,
  stats: { events: 0, tasks: 0, virtualTime: 0, wallMs: 1, outcome: 0 },
});

/** Runs `loopscope run` on a one-line program; returns its status, stdout and stderr. */
async function cliRun(...flags: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-cli-'));
  const file = join(dir, 'prog.py');
  writeFileSync(file, 'x = []\n');
  const out: string[] = [];
  const err: string[] = [];
  const capture = (into: string[]) => (chunk: unknown, cb?: unknown) => {
    into.push(String(chunk));
    if (typeof cb === 'function') cb();
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture(out) as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture(err) as typeof process.stderr.write);
  try {
    const status = await main(['run', file, ...flags.map((f) => f.replace('DIR', dir))]);
    return { status, stdout: out.join(''), stderr: err.join(''), file, dir };
  } finally {
    vi.restoreAllMocks();
  }
}

const { main, crashMessage, decodeSource, exitStatus, parseArgs, programEnv, seeHostFiles } =
  await import('../../bin/cli.ts');

describe("loopscope run shows the program the host's files", () => {
  function see(file: string, cwd: string) {
    const mounts: string[] = [];
    const code: string[] = [];
    const fake = {
      mountNodeFS: (at: string, host: string) => void mounts.push(`${at}=${host}`),
      runPython: (text: string) => void code.push(text),
    };
    const mounted = seeHostFiles(fake, file, cwd);
    return { mounted, mounts, code: code.join('\n') };
  }

  it("mounts the working directory, which holds the program's folder, at its own path", () => {
    const { mounts, code } = see('src/main.py', '/work/course');
    expect(mounts).toEqual(['/work/course=/work/course']);
    expect(code).toContain('sys.path.insert(0, "/work/course/src")');
    expect(code).toContain('os.chdir("/work/course")');
  });

  it('mounts both folders when neither holds the other', () => {
    expect(see('/srv/examples/a.py', '/work/course').mounts).toEqual([
      '/work/course=/work/course',
      '/srv/examples=/srv/examples',
    ]);
    expect(see('../../a.py', '/srv/examples/x/y').mounts).toEqual(['/srv/examples=/srv/examples']);
  });

  it("leaves out / and Pyodide's own folders, and does not go there", () => {
    const root = see('/a.py', '/');
    expect(root.mounts).toEqual([]);
    expect(root.code).not.toContain('chdir');
    expect(root.code).not.toContain('sys.path');
    expect(see('/home/a.py', '/home').mounts).toEqual([]);
    expect(see('/home/pyodide/a.py', '/home/pyodide').mounts).toEqual([]);
    // A user's home is not Pyodide's.
    expect(see('/home/me/a.py', '/home/me').mounts).toEqual(['/home/me=/home/me']);
    expect(see('/tmp/x/a.py', '/lib').mounts).toEqual(['/tmp/x=/tmp/x']);
  });
});

describe('loopscope run, when the Python runtime crashes', () => {
  it('keeps the output so far, says what happened and exits 1 without writing a trace', async () => {
    engine.run = (hooks) => {
      hooks.onStdout('built\n');
      throw Object.assign(new RangeError('Maximum call stack size exceeded'), {
        pyodide_fatal_error: true,
      });
    };
    const r = await cliRun('--trace', 'DIR/out.json', '--stats');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('built\n');
    expect(r.stderr).toBe(crashMessage(r.file, new RangeError('Maximum call stack size exceeded')));
    expect(r.stderr).toContain('the Python runtime crashed while running');
    expect(existsSync(join(r.dir, 'out.json'))).toBe(false);
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
    // Killed by a signal it sent itself (the engine's _signals.py): 128 + its number, as a shell
    // reports python3; an unknown name is a plain failure.
    expect(exitStatus(ran(1, 'killed by signal SIGUSR1'))).toBe(138);
    expect(exitStatus(ran(1, 'killed by signal SIGABRT'))).toBe(134);
    expect(exitStatus(ran(1, 'killed by signal SIGTERM'))).toBe(143);
    expect(exitStatus(ran(1, 'killed by signal SIGNOPE'))).toBe(1);
    expect(exitStatus(ran(1, 'killed by signal signal 40'))).toBe(168);
  });

  it('exits 1 for an exception, a message to SystemExit, and a run Loopscope stopped', () => {
    expect(exitStatus(ran(1, 'ValueError: boom'))).toBe(1);
    expect(exitStatus(ran(1, 'SystemExit: fatal: bad config'))).toBe(1);
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

describe('loopscope run --trace', () => {
  it('refuses a trace path it cannot write before running anything', async () => {
    let ran = false;
    engine.run = () => {
      ran = true;
      throw new Error('must not run');
    };
    const r = await cliRun('--trace', 'DIR/missing-dir/out.json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^loopscope: cannot write the trace to .*missing-dir\/out\.json: ENOENT/,
    );
    expect(ran).toBe(false);
  });
});

describe('loopscope run after a budget stopped the run', () => {
  const stopped = (outcome: number, detail: string) => (hooks: Hooks) => {
    hooks.onStdout('waiting a day\n');
    hooks.onStderr(`loopscope: run stopped: ${detail}\n`);
    const stats = { events: 0, tasks: 0, virtualTime: 3600, wallMs: 1, outcome };
    return {
      trace: null,
      stdout: '',
      stderr: '',
      outcome,
      outcomeDetail: detail,
      exitCode: 1,
      stats,
    };
  };

  it('names the flag that moves the limit, before --stats', async () => {
    engine.run = stopped(4, 'virtual-time limit of 3600 s reached');
    const r = await cliRun('--stats');
    expect(r.status).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('loopscope: run stopped: virtual-time limit of 3600 s reached');
    expect(lines[1]).toBe(
      'loopscope: a longer virtual run needs --max-virtual-time S (default 3600)',
    );
    expect(JSON.parse(lines[2]).outcome).toBe(4);
    engine.run = stopped(3, 'event limit of 10 reached');
    expect((await cliRun()).stderr).toContain('--max-events N, or --no-trace');
    engine.run = stopped(5, 'wall-time limit of 20 s reached');
    expect((await cliRun()).stderr).toContain('--max-wall-time S');
  });

  it('adds nothing after a deadlock or an exception', async () => {
    engine.run = stopped(2, 'deadlock: every task is waiting');
    expect((await cliRun()).stderr).toBe(
      'loopscope: run stopped: deadlock: every task is waiting\n',
    );
  });
});

describe('loopscope run FILE.py -- ARG...', () => {
  it('gives the program what follows --, options included, and its path as sys.argv[0]', async () => {
    engine.run = finished;
    const r = await cliRun('--seed', '4', '--', '-v', '3', '--trace', 'DIR/out.json');
    expect(r.status).toBe(0);
    expect(engine.options).toMatchObject({
      filename: r.file,
      seed: 4,
      argv: ['-v', '3', '--trace', join(r.dir, 'out.json')],
    });
    expect(existsSync(join(r.dir, 'out.json'))).toBe(false);
  });

  it('passes no arguments without --, and none after a bare --', () => {
    expect(parseArgs(['run', 'p.py'])).toMatchObject({ file: 'p.py', options: {} });
    expect(parseArgs(['run', 'p.py'])).not.toHaveProperty('options.argv');
    expect(parseArgs(['run', 'p.py', '--'])).toMatchObject({ options: { argv: [] } });
    expect(() => parseArgs(['run', '--', 'p.py'])).toThrow('no FILE.py given');
  });

  it('says so in --help', async () => {
    const r = await cliRun('--help');
    expect(r.stdout).toContain('usage: loopscope run FILE.py [options] [-- ARG...]');
    expect(r.stdout).toContain("-- ARG...               the program's arguments (sys.argv[1:])");
  });
});

describe("loopscope run gives the program python3's environment variables", () => {
  it('passes the PYTHON* variables python3 acts on, and --env, nothing else', () => {
    const host = {
      PYTHONASYNCIODEBUG: '1',
      PYTHONWARNINGS: 'error',
      PYTHONHASHSEED: '0',
      PYTHONPATH: '/home/me/lib',
      HOME: '/home/me',
      TOKEN: 'secret',
    };
    expect(programEnv(host)).toEqual({
      PYTHONASYNCIODEBUG: '1',
      PYTHONWARNINGS: 'error',
      PYTHONHASHSEED: '0',
    });
    expect(programEnv({ TOKEN: 't' }, ['TOKEN', 'MODE=fast=yes', 'EMPTY=', 'UNSET'])).toEqual({
      TOKEN: 't',
      MODE: 'fast=yes',
      EMPTY: '',
    });
    expect(parseArgs(['run', 'p.py', '--env', 'A=1', '--env=B'])).toMatchObject({
      env: ['A=1', 'B'],
    });
    expect(() => parseArgs(['run', 'p.py', '--env', '=1'])).toThrow('--env needs NAME');
  });

  it('hands them to the engine as the run option env, and none when there are none', async () => {
    engine.run = finished;
    vi.stubEnv('PYTHONASYNCIODEBUG', '1');
    vi.stubEnv('LOOPSCOPE_TEST_VAR', 'seen');
    try {
      await cliRun('--env', 'LOOPSCOPE_TEST_VAR');
      expect(engine.options).toMatchObject({
        env: { PYTHONASYNCIODEBUG: '1', LOOPSCOPE_TEST_VAR: 'seen' },
      });
      vi.stubEnv('PYTHONASYNCIODEBUG', undefined);
      await cliRun();
      expect(engine.options).not.toHaveProperty('env');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("starts Pyodide with the engine's hash seed, or the user's PYTHONHASHSEED", async () => {
    engine.run = finished;
    vi.stubEnv('PYTHONHASHSEED', undefined);
    try {
      await cliRun();
      expect(engine.boot).toMatchObject({ env: { PYTHONHASHSEED: '0' } });
      vi.stubEnv('PYTHONHASHSEED', 'random');
      await cliRun();
      expect(engine.boot).toMatchObject({ env: { PYTHONHASHSEED: 'random' } });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses a bad PYTHONHASHSEED in python3 words, exit 1', async () => {
    vi.stubEnv('PYTHONHASHSEED', 'abc');
    try {
      const r = await cliRun();
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^Fatal Python error: .*PYTHONHASHSEED must be "random" or an/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
