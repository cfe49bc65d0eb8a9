/**
 * The engine's JavaScript side: installs the loopscope Python package into a Pyodide instance and
 * runs programs on it, returning the trace as typed-array columns. Shared by the page's worker and
 * the Node CLI, so it touches neither the DOM nor Node: the caller passes Pyodide, the Python file
 * texts and the output hooks in. The contract is notes/engine-contract.md; the trace format is
 * docs/trace-format.md.
 */
import type { PyodideAPI } from 'pyodide';
import { SCHEMA_VERSION, type TraceColumns } from '../trace/schema';

/** Where the package is written in Pyodide's file system; put first on sys.path. */
export const ENGINE_ROOT = '/home/pyodide/loopscope-engine';

/** Options of one run. Every field is optional; the Python side has the defaults. */
export interface EngineRunOptions {
  /** Stop with OUTCOME_LIMIT_EVENTS after this many events (default 2,000,000). */
  maxEvents?: number;
  /** Stop with OUTCOME_LIMIT_VIRTUAL_TIME when the clock would pass this (s, default 3600). */
  maxVirtualTime?: number;
  /** Stop with OUTCOME_LIMIT_WALL_TIME after this much real time (s, default 20). */
  maxWallTime?: number;
  /** Record the trace (default true); false runs on the same loop without recording. */
  trace?: boolean;
  /** Seed of `random` and of the simulated world (default 0). */
  seed?: number;
  /** Characters of stdout+stderr kept (default 1,000,000; 0 = no limit). */
  maxOutput?: number;
  /** File name shown in tracebacks and used to tell user code from library code. */
  filename?: string;
  /** Anything else (e.g. world latency settings) is passed through to Python, snake_cased. */
  [key: string]: unknown;
}

export interface EngineHooks {
  /** Called for each write to sys.stdout while the program runs. */
  onStdout?(text: string): void;
  /** Called for each write to sys.stderr while the program runs. */
  onStderr?(text: string): void;
}

export interface EngineStats {
  events: number;
  tasks: number;
  /** Virtual clock at the end, seconds. */
  virtualTime: number;
  wallMs: number;
  outcome: number;
}

export interface EngineResult {
  /** The trace; with `trace: false` its tables are empty (meta is still filled in). */
  trace: TraceColumns;
  stdout: string;
  stderr: string;
  /** An `Outcome` value (trace/schema.ts). */
  outcome: number;
  outcomeDetail: string;
  exitCode: 0 | 1;
  stats: EngineStats;
}

interface PyProxyLike {
  destroy(): void;
}

/**
 * Writes the Python package into Pyodide's file system and imports it.
 * `files` maps paths relative to src/python (e.g. 'loopscope/_runner.py') to their text.
 * Pyodide's own running WebLoop is set aside by each run (and restored after), not here.
 */
export function installEngine(pyodide: PyodideAPI, files: Record<string, string>): void {
  const fs = pyodide.FS;
  for (const [path, text] of Object.entries(files)) {
    const full = `${ENGINE_ROOT}/${path.replace(/^\/+/, '')}`;
    const parts = full.split('/').slice(1, -1);
    let dir = '';
    for (const part of parts) {
      dir += `/${part}`;
      if (!fs.analyzePath(dir).exists) fs.mkdir(dir);
    }
    fs.writeFile(full, text);
  }
  pyodide.runPython(`
import sys, importlib
if ${JSON.stringify(ENGINE_ROOT)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(ENGINE_ROOT)})
for _name in [m for m in sys.modules if m == 'loopscope' or m.startswith('loopscope.')]:
    del sys.modules[_name]
importlib.invalidate_caches()
import loopscope, loopscope._bridge
`);
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const GROUPS = ['events', 'handles', 'futures', 'tasks', 'resources'] as const;

function emptyTrace(): Omit<TraceColumns, 'meta' | 'version' | 'strings'> {
  return {
    events: {
      kind: new Uint8Array(0),
      time: new Float64Array(0),
      task: new Int32Array(0),
      line: new Int32Array(0),
      a: new Int32Array(0),
      b: new Int32Array(0),
      c: new Int32Array(0),
    },
    handles: {
      kind: new Uint8Array(0),
      when: new Float64Array(0),
      descr: new Int32Array(0),
      task: new Int32Array(0),
      line: new Int32Array(0),
    },
    futures: {
      kind: new Uint8Array(0),
      label: new Int32Array(0),
      owner: new Int32Array(0),
      line: new Int32Array(0),
      task: new Int32Array(0),
    },
    tasks: {
      future: new Int32Array(0),
      name: new Int32Array(0),
      coro: new Int32Array(0),
      parent: new Int32Array(0),
      line: new Int32Array(0),
    },
    resources: {
      kind: new Uint8Array(0),
      name: new Int32Array(0),
      line: new Int32Array(0),
      capacity: new Int32Array(0),
    },
  };
}

interface RunInfo {
  stdout: string;
  stderr: string;
  outcome: number;
  outcomeDetail: string;
  exitCode: number;
  stats: EngineStats;
  pythonVersion: string;
  options: Record<string, unknown>;
  traced: boolean;
}

/**
 * Runs one program to completion (or to a budget, a deadlock or an interrupt) and returns its
 * trace and output. Synchronous: Python runs on this thread until the program ends. Stop works
 * through Pyodide's interrupt buffer, which the caller sets up.
 */
export function runProgram(
  pyodide: PyodideAPI,
  source: string,
  options: EngineRunOptions = {},
  hooks: EngineHooks = {},
): EngineResult {
  const { filename = 'main.py', ...rest } = options;
  const pyOptions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) pyOptions[snakeCase(key)] = value;
  }
  const bridge = pyodide.pyimport('loopscope._bridge') as unknown as {
    run_for_js: (...args: unknown[]) => PyProxyLike & {
      get(i: number): unknown;
    };
  } & PyProxyLike;
  const out = bridge.run_for_js(
    source,
    filename,
    JSON.stringify(pyOptions),
    hooks.onStdout,
    hooks.onStderr,
  );
  bridge.destroy();
  try {
    const info = JSON.parse(out.get(0) as string) as RunInfo;
    const strings = JSON.parse(out.get(1) as string) as string[];
    const tables = emptyTrace() as unknown as Record<string, Record<string, ArrayBufferView>>;
    const arrays = out.get(2) as PyProxyLike & { length: number; get(i: number): unknown };
    for (let i = 0; i < arrays.length; i++) {
      const row = arrays.get(i) as PyProxyLike & { get(i: number): unknown };
      const group = row.get(0) as string;
      const name = row.get(1) as string;
      const arr = row.get(2) as PyProxyLike & {
        getBuffer(): { data: ArrayBufferView & { slice(): ArrayBufferView }; release(): void };
      };
      const buf = arr.getBuffer();
      try {
        // Copy out of the wasm heap: the view dies with the Python object.
        if ((GROUPS as readonly string[]).includes(group)) tables[group][name] = buf.data.slice();
      } finally {
        buf.release();
        arr.destroy();
        row.destroy();
      }
    }
    arrays.destroy();
    const trace = {
      version: SCHEMA_VERSION,
      meta: {
        filename,
        source,
        pythonVersion: info.pythonVersion,
        outcome: info.outcome,
        outcomeDetail: info.outcomeDetail,
        wallMs: info.stats.wallMs,
        options: info.options,
      },
      strings,
      ...(tables as unknown as Omit<TraceColumns, 'meta' | 'version' | 'strings'>),
    } satisfies TraceColumns;
    return {
      trace,
      stdout: info.stdout,
      stderr: info.stderr,
      outcome: info.outcome,
      outcomeDetail: info.outcomeDetail,
      exitCode: info.exitCode === 0 ? 0 : 1,
      stats: info.stats,
    };
  } finally {
    out.destroy();
  }
}

/** The buffers to list as transferables when posting a trace (each column's own buffer). */
export function transferables(trace: TraceColumns): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const group of GROUPS) {
    for (const column of Object.values(trace[group]) as ArrayBufferView[]) {
      const buffer = column.buffer;
      if (buffer instanceof ArrayBuffer && !out.includes(buffer)) out.push(buffer);
    }
  }
  return out;
}
