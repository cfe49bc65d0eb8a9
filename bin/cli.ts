/**
 * `loopscope run FILE.py [options]`: runs a program on the engine in Node, as the page does.
 * The program's stdout goes to stdout byte for byte and its stderr to stderr, except that an
 * uncaught exception's traceback lists only the program's own frames (README). The exit status is
 * python's: 0, the program's own (`sys.exit(3)`, `os._exit(5)`), 130 for an uncaught
 * KeyboardInterrupt, or 1 when it raised (traceback on stderr). A run Loopscope stopped (deadlock,
 * budget, interrupt) and a crash of the Python runtime itself also exit 1, with a message.
 */
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { loadPyodide } from 'pyodide';
import { isMainThread, Worker } from 'node:worker_threads';
import {
  HASH_SEED,
  installEngine,
  runProgram,
  setSigintMeaning,
  type EngineResult,
  type EngineRunOptions,
} from '../src/runtime/engine.ts';
import { pythonFiles } from '../src/runtime/python-files.node.ts';
import { SIGINT } from '../src/runtime/protocol.ts';
import { startWatchdog } from '../src/runtime/watchdog.node.ts';
import { traceToJson } from '../src/trace/json.ts';
import { EventKind, Outcome, Warn } from '../src/trace/schema.ts';
import type { TraceColumns } from '../src/trace/schema.ts';

const USAGE = `usage: loopscope run FILE.py [options] [-- ARG...]

Runs FILE.py on CPython's asyncio with a virtual clock and records what the loop does.
The program sees sys.argv as [FILE.py, ARG...]: what follows -- is its own.

options:
  --trace OUT.json        write the trace (Loopscope JSON)
  --stats                 print one JSON line of run statistics on stderr at the end
  --warnings              print Loopscope's own warnings on stderr at the end, as FILE:LINE:
                          (calls that blocked the loop, notes on legacy asyncio code)
  --no-trace              run on the same virtual loop without recording
  --max-events N          stop after N trace events (default 2000000)
  --max-virtual-time S    stop when the virtual clock would pass S seconds (default 3600)
  --max-wall-time S       stop after S seconds of real time (default 20)
  --seed N                seed of random and of the simulated world (default 0)
  --latency S             one-way latency of every simulated network message, seconds
                          (default 0.002 loopback, 0.030 remote; HTTP requests take 2 x S)
  --jitter S              random extra delay per message, from [0, S) seconds, seeded
  --env NAME[=VALUE]      put NAME in the program's os.environ (without =VALUE: this
                          shell's value); may be repeated
  -h, --help              show this help
  -- ARG...               the program's arguments (sys.argv[1:]), given to it as they are

exit status: the program's, as python3 gives it (0; 1 for an uncaught exception, whose
traceback lists the program's own frames; sys.exit's code; 128 + a signal's number;
130 after Ctrl-C, which the program gets as KeyboardInterrupt, the trace so far kept);
1 when Loopscope stops the run (a deadlock, a budget); 2 for a mistake on this command line.

environment: the program's os.environ holds Pyodide's own variables, those given with --env,
and these from this shell, which act as in python3: PYTHONASYNCIODEBUG (asyncio's debug mode),
PYTHONWARNINGS (warning filters, sys.warnoptions), PYTHONHASHSEED (str and bytes hashes).
`;

class UsageError extends Error {}

/**
 * The variables of this shell that a run sees, because python3 acts on them and the engine can
 * too. Nothing else is passed unless named with --env: the environment is an input of the run
 * (it lands in the trace's options), and a run is repeatable from its command line.
 */
export const PYTHON_VARIABLES = ['PYTHONASYNCIODEBUG', 'PYTHONWARNINGS', 'PYTHONHASHSEED'] as const;

/** The program's environment: the PYTHON_VARIABLES set in `host`, then --env's, in order. */
export function programEnv(host: NodeJS.ProcessEnv, given: string[] = []): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PYTHON_VARIABLES) {
    const value = host[name];
    if (value !== undefined) env[name] = value;
  }
  for (const item of given) {
    const at = item.indexOf('=');
    const name = at < 0 ? item : item.slice(0, at);
    const value = at < 0 ? host[name] : item.slice(at + 1);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

interface Args {
  file: string;
  traceOut: string | null;
  stats: boolean;
  /** Print the trace's own warnings (those python3 does not print itself) after the run. */
  warnings: boolean;
  options: EngineRunOptions;
  /** --env's items, NAME or NAME=VALUE, in order. */
  env: string[];
}

function number(flag: string, value: string | undefined, integer: boolean, zero = false): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n) || n < 0 || (n === 0 && !zero)) {
    throw new UsageError(`${flag} needs a ${zero ? 'non-negative' : 'positive'} number`);
  }
  if (integer && !Number.isInteger(n)) throw new UsageError(`${flag} needs a whole number`);
  return n;
}

/** Parses the command line; throws UsageError with a message for the user. */
export function parseArgs(argv: string[]): Args | 'help' {
  const rest = [...argv];
  // No command at all is a mistake on the command line (status 2, usage on stderr), as for
  // python3's argparse-based tools; only --help asks for the usage.
  if (rest.length === 0) throw new UsageError('no command given (the command is run)');
  if (rest[0] === '-h' || rest[0] === '--help') return 'help';
  const command = rest.shift();
  if (command !== 'run') throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  const args: Args = {
    file: '',
    traceOut: null,
    stats: false,
    warnings: false,
    options: {},
    env: [],
  };
  while (rest.length) {
    const arg = rest.shift() as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg];
    const value = (): string | undefined => (inline !== undefined ? inline : rest.shift());
    switch (flag) {
      case '--':
        // Everything after it belongs to the program, options included.
        args.options.argv = rest.splice(0);
        break;
      case '-h':
      case '--help':
        return 'help';
      case '--trace': {
        const out = value();
        if (!out) throw new UsageError('--trace needs a file name');
        args.traceOut = out;
        break;
      }
      case '--stats':
        args.stats = true;
        break;
      case '--warnings':
        args.warnings = true;
        break;
      case '--no-trace':
        args.options.trace = false;
        break;
      case '--max-events':
        args.options.maxEvents = number(flag, value(), true);
        break;
      case '--max-virtual-time':
        args.options.maxVirtualTime = number(flag, value(), false);
        break;
      case '--max-wall-time':
        args.options.maxWallTime = number(flag, value(), false);
        break;
      case '--latency': {
        const s = number(flag, value(), false, true);
        args.options.loopbackLatency = s;
        args.options.remoteLatency = s;
        break;
      }
      case '--jitter':
        args.options.jitter = number(flag, value(), false, true);
        break;
      case '--env': {
        const item = value();
        // A name is anything python's os.environ can hold: not empty, no '=' (nor NUL).
        if (!item || /^=|\0/.test(item)) throw new UsageError('--env needs NAME or NAME=VALUE');
        args.env.push(item);
        break;
      }
      case '--seed': {
        const v = value();
        const n = Number(v);
        if (v === undefined || !Number.isInteger(n))
          throw new UsageError('--seed needs an integer');
        args.options.seed = n;
        break;
      }
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}`);
        if (args.file) throw new UsageError(`one file at a time (got ${args.file} and ${flag})`);
        args.file = flag;
    }
  }
  if (!args.file) throw new UsageError('no FILE.py given');
  if (args.traceOut && args.options.trace === false) {
    throw new UsageError('--trace and --no-trace cannot be used together');
  }
  if (args.warnings && args.options.trace === false) {
    throw new UsageError('--warnings needs the trace (not --no-trace)');
  }
  return args;
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (!text) resolve();
    else stream.write(text, () => resolve());
  });
}

/** Signal numbers of this platform (Linux numbers them as Pyodide's libc does). */
const signalNumbers = constants.signals;

/**
 * The exit status python would have ended with. The engine says 0 or 1; the program's own status
 * is in the run's detail (`SystemExit: 3`, `os._exit(5)`), as the page shows it.
 */
export function exitStatus(result: Pick<EngineResult, 'exitCode' | 'outcome' | 'outcomeDetail'>) {
  if (result.exitCode === 0) return 0;
  if (result.outcome !== Outcome.EXCEPTION) return 1;
  const own = /^(?:SystemExit: (-?\d+)|os\._exit\((-?\d+)\))$/.exec(result.outcomeDetail);
  // A process status is one byte: sys.exit(256) ends with 0 and sys.exit(-1) with 255, as in python.
  if (own) return Number(BigInt.asUintN(8, BigInt(own[1] ?? own[2])));
  // CPython re-raises an uncaught KeyboardInterrupt as SIGINT, which a shell reports as 128 + 2.
  if (/^KeyboardInterrupt(:|$)/.test(result.outcomeDetail)) return 130;
  // A signal the program sent itself that ended its process (os.kill, os.abort): 128 + its number,
  // as a shell reports a python3 killed that way.
  const killed = /^killed by signal (SIG[A-Z0-9]+)$/.exec(result.outcomeDetail);
  const signal = killed ? signalNumbers[killed[1] as keyof typeof signalNumbers] : undefined;
  if (signal !== undefined) return 128 + signal;
  // A real-time signal has no name: the detail gives its number ("killed by signal signal 40").
  const unnamed = /^killed by signal signal (\d+)$/.exec(result.outcomeDetail);
  if (unnamed) return 128 + Number(unnamed[1]);
  return 1;
}

/** What the CLI says when the Python runtime (not the program) fails during a run. */
/** Pyodide's own folders, which a host folder must not be mounted over (nor hold). */
const PYODIDE_ROOTS = ['/lib', '/dev', '/proc', '/home/pyodide', '/home/web_user'];

/**
 * What python3 sees of the machine, for a program in files: its own folder first on sys.path
 * (so `from helper import x` finds helper.py beside it), and the working directory the command
 * ran in (so `open('data.txt')` and `open(__file__)` work). Both are host folders mounted at
 * their own paths in Pyodide's file system (the outermost one when one holds the other). A
 * folder that is `/`, or is, holds or is under one of Pyodide's own folders (`/lib`,
 * `/home/pyodide`...), cannot be mounted, and is left out.
 */
export function seeHostFiles(
  pyodide: { mountNodeFS(at: string, host: string): void; runPython(code: string): unknown },
  file: string,
  cwd = process.cwd(),
): string[] {
  const dir = path.dirname(path.resolve(cwd, file));
  const inside = (a: string, b: string) => a === b || a.startsWith(b.endsWith('/') ? b : `${b}/`);
  const roots = [cwd, dir].filter(
    (p, i, all) => !all.some((q, j) => j !== i && inside(p, q) && (p !== q || j < i)),
  );
  const mounted: string[] = [];
  for (const root of roots) {
    if (root === '/' || PYODIDE_ROOTS.some((r) => inside(root, r) || inside(r, root))) continue;
    try {
      pyodide.mountNodeFS(root, root);
      mounted.push(root);
    } catch {
      // An unreadable folder: the program runs without it, as in the page.
    }
  }
  const reachable = (p: string) => mounted.some((m) => inside(p, m));
  pyodide.runPython(
    [
      'import os, sys',
      reachable(dir) ? `sys.path.insert(0, ${JSON.stringify(dir)})` : '',
      reachable(cwd) ? `os.chdir(${JSON.stringify(cwd)})` : '',
    ].join('\n'),
  );
  return mounted;
}

export function crashMessage(file: string, err: unknown): string {
  const what =
    err instanceof Error ? `${err.name}: ${err.message}` : String(err ?? 'unknown error');
  return (
    `loopscope: the Python runtime crashed while running ${file} (${what}).\n` +
    'loopscope: this is a limit of Python in WebAssembly, not an error in the program: usually C ' +
    'code recursing very deeply, e.g. freeing, printing or comparing an object nested tens of ' +
    'thousands of levels deep. No trace or statistics were written.\n'
  );
}

/**
 * After the engine's "run stopped: ... limit reached", the flag that moves the limit: a program
 * that sleeps a virtual day, or runs a long simulation, is not a runaway.
 */
/** The engine's wall-time budget when the command line sets none (seconds). */
const DEFAULT_WALL_SECONDS = 20;

const LIMIT_HINTS: Partial<Record<number, string>> = {
  [Outcome.LIMIT_VIRTUAL_TIME]: 'a longer virtual run needs --max-virtual-time S (default 3600)',
  [Outcome.LIMIT_EVENTS]: 'a longer run needs --max-events N, or --no-trace (no events recorded)',
  [Outcome.LIMIT_WALL_TIME]: 'a longer run needs --max-wall-time S (default 20)',
};

class SourceDecodeError extends Error {}

/** PEP 263's coding declaration: a comment on line 1 or 2 that names `coding[:=] name`. */
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

/**
 * A program file's bytes as python3 reads them: a UTF-8 byte-order mark is dropped (Windows
 * editors write one), a coding declaration on line 1 or 2 is honoured (`latin-1`, `gbk`, ...),
 * and anything else must be valid UTF-8. Throws SourceDecodeError with python's wording.
 */
export function decodeSource(bytes: Uint8Array, file: string): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  // The declaration is ASCII, so looking for it through latin1 cannot misread it.
  const head = new TextDecoder('latin1').decode(body.subarray(0, 1024)).split(/\r\n|\r|\n/);
  const first = CODING.exec(head[0] ?? '');
  const second =
    !first && /^[ \t\f]*(#.*)?$/.test(head[0] ?? '') ? CODING.exec(head[1] ?? '') : null;
  const declared = (first ?? second)?.[1].toLowerCase().replace(/_/g, '-');
  const encoding = declared && !/^utf-?8(-sig)?$/.test(declared) ? whatwgLabel(declared) : 'utf-8';
  if (bom && encoding !== 'utf-8') {
    throw new SourceDecodeError(`encoding problem: ${declared} with BOM (${file})`);
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new SourceDecodeError(`unknown encoding: ${declared} (${file}, line ${first ? 1 : 2})`);
  }
  try {
    return decoder.decode(body);
  } catch {
    if (encoding !== 'utf-8' || declared) {
      throw new SourceDecodeError(`(unicode error) '${declared}' codec can't decode ${file}`);
    }
    const { line, byte } = firstBadUtf8(body);
    throw new SourceDecodeError(
      `Non-UTF-8 code starting with '\\x${byte.toString(16).padStart(2, '0')}' in file ${file} ` +
        `on line ${line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details`,
    );
  }
}

/** Python's names for the encodings people declare, as TextDecoder (WHATWG) labels. */
function whatwgLabel(name: string): string {
  const aliases: Record<string, string> = {
    'latin-1': 'latin1',
    l1: 'latin1',
    iso8859: 'latin1',
    cp936: 'gbk',
    ms936: 'gbk',
    'euc-cn': 'gb2312',
    cp932: 'shift-jis',
    ms932: 'shift-jis',
  };
  const iso = /^iso-?8859-?(\d+)$/.exec(name);
  if (iso) return `iso-8859-${iso[1]}`;
  const windows = /^(?:cp|windows-?)(125\d)$/.exec(name);
  if (windows) return `windows-${windows[1]}`;
  return aliases[name] ?? name;
}

/** Line (1-based) and value of the first byte of `bytes` that is not valid UTF-8. */
function firstBadUtf8(bytes: Uint8Array): { line: number; byte: number } {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const text = bytes.subarray(start, i);
    try {
      strict.decode(text);
    } catch {
      // The line is bad; its first byte of 0x80 or more is where python's message points.
      const at = text.findIndex((b) => b >= 0x80);
      return { line, byte: text[at] ?? 0 };
    }
    line++;
    start = i + 1;
  }
  return { line: 1, byte: 0 };
}

/** Warnings the page shows that python3 does not print itself (it prints coroutines never
 * awaited, exceptions never retrieved and its own warnings on stderr, which the program's stderr
 * already carries; a deadlock or a budget is the run-end message). */
const OWN_WARNINGS: ReadonlySet<number> = new Set([Warn.BLOCKING_CALL, Warn.LEGACY]);

/**
 * The trace's own warnings as `FILE:LINE: loopscope: message` lines (`FILE: loopscope: ...`
 * when there is no line), in the order they were recorded: the form compilers and linters use,
 * which editors and terminals turn into links.
 */
export function loopscopeWarnings(trace: TraceColumns, file: string): string[] {
  const { kind, a, b, line } = trace.events;
  const out: string[] = [];
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] !== EventKind.WARNING || !OWN_WARNINGS.has(a[i])) continue;
    const where = line[i] > 0 ? `${file}:${line[i]}` : file;
    out.push(`${where}: loopscope: ${trace.strings[b[i]] ?? ''}`);
  }
  return out;
}

/** One run, as plain data: all that the thread running Python needs (it is cloned to it). */
export interface Job {
  file: string;
  source: string;
  /** The engine's options, complete (filename, env...). */
  options: EngineRunOptions;
  /** The user's PYTHONHASHSEED, read as Pyodide starts (else the engine's HASH_SEED). */
  hashSeed: string | undefined;
  /** The wall-time budget the watchdog holds the run to, seconds. */
  wallSeconds: number;
  /** Pyodide's interrupt buffer, shared by the watchdog and the thread that takes Ctrl-C. */
  interrupt: Int32Array<SharedArrayBuffer>;
  /** SIGINT in the buffer is the program's (a Ctrl-C), not a Stop (engine.ts, setSigintMeaning). */
  sigintToProgram: boolean;
}

/** The program's output, as it writes it. */
export type RunOutput = { type: 'stdout'; text: string } | { type: 'stderr'; text: string };

/** How a run ended: the engine's result, or Pyodide itself failed (`error` as thrown). */
export type RunEnding = { type: 'end'; result: EngineResult } | { type: 'crash'; error: unknown };

/** What the thread running Python tells the main thread, in order. */
export type RunMessage = RunOutput | RunEnding | { type: 'start' };

/**
 * Runs the job on this thread: starts Pyodide, runs the program, calls `post` for its output
 * and when its first line is next ('start'), and returns how the run ended.
 */
export async function runJob(job: Job, post: (message: RunMessage) => void): Promise<RunEnding> {
  // The hash seed is read as the interpreter starts; the other variables per run (engine.ts).
  const pyodide = await loadPyodide({ env: { PYTHONHASHSEED: job.hashSeed ?? HASH_SEED } });
  if (!isMainThread) {
    // A worker's process.stdout has no file descriptor, which Pyodide's own writes to fd 1 and 2
    // need (faulthandler's stack of a fatal error, C code printing): they join the program's
    // output, in order, as the main thread writes it.
    for (const type of ['stdout', 'stderr'] as const) {
      const decoder = new TextDecoder();
      const write = (bytes: Uint8Array) => {
        post({ type, text: decoder.decode(bytes, { stream: true }) });
        return bytes.length;
      };
      if (type === 'stdout') pyodide.setStdout({ write });
      else pyodide.setStderr({ write });
    }
  }
  installEngine(pyodide, pythonFiles());
  if (job.sigintToProgram) setSigintMeaning(pyodide, 'program');
  seeHostFiles(pyodide, job.file);
  // The wall-time budget even for code that never reaches one of the engine's checks.
  const watchdog = startWatchdog(pyodide, job.wallSeconds, undefined, job.interrupt);
  try {
    const result = runProgram(pyodide, job.source, job.options, {
      onStdout: (text) => post({ type: 'stdout', text }),
      onStderr: (text) => post({ type: 'stderr', text }),
      onStart: () => {
        watchdog.arm();
        post({ type: 'start' });
      },
    });
    return { type: 'end', result };
  } catch (error) {
    return { type: 'crash', error };
  } finally {
    await watchdog.stop();
  }
}

/** Exit status of a Ctrl-C that python3 does not turn into KeyboardInterrupt (128 + SIGINT). */
const SIGINT_STATUS = 128 + SIGINT;

/**
 * Runs the job on a worker thread (bin/run-thread.mjs), so that this one stays free for Ctrl-C:
 * Node runs a signal handler only when its thread is idle, and Python holds its thread for the
 * whole run. A Ctrl-C (SIGINT) while the program runs goes into Pyodide's interrupt buffer, as a
 * SIGINT to the program: python3's KeyboardInterrupt, or asyncio.run cancelling its main task
 * (a second Ctrl-C then interrupts that, as in python3). The run then ends as any run does,
 * with the traceback, status 130 and the trace so far. Before the program's first line (Pyodide
 * starting) and after the run, Ctrl-C ends the command at once with 130, as python3 does then.
 */
export function runInThread(job: Job, show: (message: RunOutput) => void): Promise<RunEnding> {
  const worker = new Worker(new URL('./run-thread.mjs', import.meta.url), { workerData: job });
  let running = false;
  const onSigint = () => {
    if (!running) process.exit(SIGINT_STATUS);
    Atomics.store(job.interrupt, 0, SIGINT);
  };
  process.on('SIGINT', onSigint);
  return new Promise<RunEnding>((resolve) => {
    worker.on('message', (message: RunMessage) => {
      if (message.type === 'start') running = true;
      else if (message.type === 'stdout' || message.type === 'stderr') show(message);
      else
        resolve(
          message.type === 'crash' ? { type: 'crash', error: revive(message.error) } : message,
        );
    });
    // The thread itself failed (the Python runtime could not even start) or ended without a
    // word: a crash too. Once the run has ended these come too late to matter.
    worker.on('error', (error) => resolve({ type: 'crash', error }));
    worker.on('exit', (code) =>
      resolve({ type: 'crash', error: new Error(`the Python thread exited (${code})`) }),
    );
  }).finally(() => {
    // From here on the command writes the trace and exits: Ctrl-C ends it as it ends Node.
    process.off('SIGINT', onSigint);
    void worker.terminate();
  });
}

/** An error sent from the worker arrives as a plain object or an Error: keep its name. */
function revive(error: unknown): unknown {
  if (error instanceof Error || typeof error !== 'object' || error === null) return error;
  const { name, message } = error as { name?: unknown; message?: unknown };
  const revived = new Error(String(message ?? ''));
  if (typeof name === 'string') revived.name = name;
  return revived;
}

/**
 * Runs the command; returns the exit status. `thread`: run Python on a worker thread, so that
 * Ctrl-C reaches the program (the `loopscope` command); without it, on this thread (tests that
 * replace the engine in this thread).
 */
export async function main(argv: string[], { thread = false } = {}): Promise<number> {
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`loopscope: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  let source: string;
  try {
    source = decodeSource(readFileSync(args.file), args.file);
  } catch (err) {
    if (err instanceof SourceDecodeError) {
      // python3 reports an undecodable file as a SyntaxError and exits 1.
      process.stderr.write(`SyntaxError: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`loopscope: cannot read ${args.file}: ${(err as Error).message}\n`);
    return 2;
  }
  if (args.traceOut) {
    // Fail before a long run, not after it: the trace file must be writable.
    try {
      closeSync(openSync(args.traceOut, 'w'));
    } catch (err) {
      process.stderr.write(
        `loopscope: cannot write the trace to ${args.traceOut}: ${(err as Error).message}\n`,
      );
      return 2;
    }
  }
  const env = programEnv(process.env, args.env);
  const seed = env.PYTHONHASHSEED;
  // python3 takes an empty variable as unset.
  if (seed && seed !== 'random' && !(/^\d+$/.test(seed) && Number(seed) < 2 ** 32)) {
    // Pyodide would abort as it starts, as python3 does, then Node would dump its own stack.
    process.stderr.write(
      'Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be "random" or an integer ' +
        'in range [0; 4294967295]\nPython runtime state: preinitialized\n\n',
    );
    return 1;
  }
  const job: Job = {
    file: args.file,
    source,
    options: {
      ...args.options,
      ...(Object.keys(env).length ? { env } : {}),
      filename: args.file,
      maxOutput: 0,
    },
    hashSeed: seed || undefined,
    wallSeconds: args.options.maxWallTime ?? DEFAULT_WALL_SECONDS,
    interrupt: new Int32Array(new SharedArrayBuffer(4)),
    sigintToProgram: thread,
  };
  // Output is streamed as the program writes it, so a long run shows progress; the engine's
  // own copy (capped in size) is not used here, which keeps stdout complete and byte-exact.
  const pending: Promise<void>[] = [];
  const show = (message: RunMessage) => {
    if (message.type === 'stdout') pending.push(write(process.stdout, message.text));
    else if (message.type === 'stderr') pending.push(write(process.stderr, message.text));
  };
  const ending = thread ? await runInThread(job, show) : await runJob(job, show);
  if (ending.type === 'crash') {
    // Python exceptions never get here (the engine reports them as the program's traceback):
    // this is Pyodide itself failing, typically a C recursion deeper than the wasm stack, such as
    // freeing or printing a list nested 50,000 deep, which CPython survives. Say so plainly,
    // instead of Node's uncaught-error dump, keeping the program's output so far.
    await Promise.all(pending);
    if (args.traceOut) rmSync(args.traceOut, { force: true }); // the empty file made above
    await write(process.stderr, crashMessage(args.file, ending.error));
    return 1;
  }
  const { result } = ending;
  await Promise.all(pending);
  // A server left waiting for clients ends at the virtual-time budget however long it is: the
  // useful advice is a client, not a bigger budget.
  const hint = / waited for a client$/.test(result.outcomeDetail)
    ? "no other client will connect to the server (the virtual network holds only the program's own): add one (asyncio.open_connection), or close the server when done"
    : LIMIT_HINTS[result.outcome];
  if (hint) await write(process.stderr, `loopscope: ${hint}\n`);
  if (args.warnings) {
    for (const line of loopscopeWarnings(result.trace, args.file)) {
      await write(process.stderr, `${line}\n`);
    }
  }
  if (args.traceOut) {
    writeFileSync(args.traceOut, traceToJson(result.trace));
  }
  if (args.stats) {
    await write(process.stderr, `${JSON.stringify(result.stats)}\n`);
  }
  return exitStatus(result);
}
