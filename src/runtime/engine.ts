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
  /** One-way latency of loopback / remote TCP messages, seconds (world.prepare's settings). */
  loopbackLatency?: number;
  remoteLatency?: number;
  /** Anything else is passed through to Python, snake_cased. */
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
type Group = (typeof GROUPS)[number];
type ColumnType = Uint8ArrayConstructor | Int32ArrayConstructor | Float64ArrayConstructor;

/** Columns of each table in row order, as the Python recorder interleaves them (WIDTHS there). */
const LAYOUT: Record<Group, [string, ColumnType][]> = {
  events: [
    ['kind', Uint8Array],
    ['time', Float64Array],
    ['task', Int32Array],
    ['line', Int32Array],
    ['a', Int32Array],
    ['b', Int32Array],
    ['c', Int32Array],
  ],
  handles: [
    ['kind', Uint8Array],
    ['when', Float64Array],
    ['descr', Int32Array],
    ['task', Int32Array],
    ['line', Int32Array],
  ],
  futures: [
    ['kind', Uint8Array],
    ['label', Int32Array],
    ['owner', Int32Array],
    ['line', Int32Array],
    ['task', Int32Array],
  ],
  tasks: [
    ['future', Int32Array],
    ['name', Int32Array],
    ['coro', Int32Array],
    ['parent', Int32Array],
    ['line', Int32Array],
  ],
  resources: [
    ['kind', Uint8Array],
    ['name', Int32Array],
    ['line', Int32Array],
    ['capacity', Int32Array],
  ],
};

/** Splits interleaved rows (float64, row after row) into one typed array per column. */
function splitRows(group: Group, flat: Float64Array): Record<string, ArrayBufferView> {
  const layout = LAYOUT[group];
  const width = layout.length;
  const rows = Math.floor(flat.length / width);
  const out: Record<string, ArrayBufferView> = {};
  layout.forEach(([name, Ctor], k) => {
    const col = new Ctor(rows);
    for (let i = 0, j = k; i < rows; i++, j += width) col[i] = flat[j];
    out[name] = col;
  });
  return out;
}

/** Addresses of the int, float and bool type objects, for reading lists from the wasm heap. */
interface HeapTypes {
  int: number;
  float: number;
  bool: number;
}

interface WasmModule {
  HEAPU32: Uint32Array;
}

/** Per-instance result of the layout self-check: the types when direct reads work, else null. */
const heapTypes = new WeakMap<object, HeapTypes | null>();

/**
 * Reads a Python list of ints and floats straight from the wasm heap (CPython 3.14 layouts:
 * list = {refcnt, type, size, items, ...}; int = {refcnt, type, tag, 30-bit digits...};
 * float = {refcnt, type, double}). Returns null when it meets anything else, and the caller
 * falls back to a conversion in Python. Used only after `checkLayout` proved it on a probe.
 */
function readList(mod: WasmModule, types: HeapTypes, addr: number, n: number): Float64Array | null {
  const u32 = mod.HEAPU32;
  const view = new DataView(u32.buffer);
  if (u32[(addr + 8) >>> 2] !== n) return null;
  const items = u32[(addr + 12) >>> 2] >>> 2;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = u32[items + i];
    const t = u32[(p + 4) >>> 2];
    if (t === types.int || t === types.bool) {
      const tag = u32[(p + 8) >>> 2];
      const digits = tag >>> 3;
      let v = 0;
      for (let d = digits - 1; d >= 0; d--) v = v * 1073741824 + u32[((p + 12) >>> 2) + d];
      out[i] = (tag & 3) === 2 ? -v : v;
    } else if (t === types.float) {
      out[i] = view.getFloat64(p + 8, true);
    } else {
      return null;
    }
  }
  return out;
}

/** Value of a Python int with more than one 30-bit digit. */
function bigInt(u32: Uint32Array, p: number, digits: number): number {
  let v = 0;
  for (let d = digits - 1; d >= 0; d--) v = v * 1073741824 + u32[((p + 12) >>> 2) + d];
  return v;
}

/**
 * `readList` and `splitRows` in one pass per column, straight from the heap into typed arrays:
 * this is the path a million-event trace takes, so it avoids the intermediate array. Returns
 * null, like readList, on anything but ints and floats.
 */
function decodeRows(
  mod: WasmModule,
  types: HeapTypes,
  group: Group,
  addr: number,
  n: number,
): Record<string, ArrayBufferView> | null {
  const u32 = mod.HEAPU32;
  if (u32[(addr + 8) >>> 2] !== n) return null;
  const f64 = new Float64Array(u32.buffer, 0, u32.buffer.byteLength >>> 3);
  const layout = LAYOUT[group];
  const width = layout.length;
  const rows = Math.floor(n / width);
  const items = u32[(addr + 12) >>> 2] >>> 2;
  const { int: tInt, float: tFloat, bool: tBool } = types;
  const out: Record<string, ArrayBufferView> = {};
  for (let k = 0; k < width; k++) {
    const [name, Ctor] = layout[k];
    const col = new Ctor(rows);
    for (let r = 0, i = items + k; r < rows; r++, i += width) {
      const p = u32[i];
      const t = u32[(p + 4) >>> 2];
      if (t === tInt || t === tBool) {
        const tag = u32[(p + 8) >>> 2];
        const v = tag < 8 ? 0 : tag < 16 ? u32[(p + 12) >>> 2] : bigInt(u32, p, tag >>> 3);
        col[r] = (tag & 3) === 2 ? -v : v;
      } else if (t === tFloat) {
        col[r] =
          (p & 7) === 0 ? f64[(p + 8) >>> 3] : new DataView(u32.buffer).getFloat64(p + 8, true);
      } else {
        return null;
      }
    }
    out[name] = col;
  }
  return out;
}

/** Decides once per Pyodide instance whether `readList` decodes this interpreter correctly. */
function checkLayout(pyodide: PyodideAPI): HeapTypes | null {
  if (heapTypes.has(pyodide)) return heapTypes.get(pyodide) ?? null;
  let types: HeapTypes | null = null;
  const mod = (pyodide as unknown as { _module?: WasmModule })._module;
  if (mod?.HEAPU32) {
    const bridge = pyodide.pyimport('loopscope._bridge') as unknown as {
      layout_probe(): PyProxyLike & { get(i: number): unknown };
      PROBE_VALUES: PyProxyLike & { toJs(): unknown[] };
    } & PyProxyLike;
    const probe = bridge.layout_probe();
    const expected = bridge.PROBE_VALUES.toJs().map(Number);
    const list = probe.get(0) as PyProxyLike;
    const candidate: HeapTypes = {
      int: probe.get(2) as number,
      float: probe.get(3) as number,
      bool: probe.get(4) as number,
    };
    const got = readList(mod, candidate, probe.get(1) as number, expected.length);
    if (got && expected.every((v, i) => Object.is(v, got[i]))) types = candidate;
    list.destroy();
    probe.destroy();
    bridge.destroy();
  }
  heapTypes.set(pyodide, types);
  return types;
}

function emptyTables(): Record<Group, Record<string, ArrayBufferView>> {
  const tables = {} as Record<Group, Record<string, ArrayBufferView>>;
  for (const group of GROUPS) tables[group] = splitRows(group, new Float64Array(0));
  return tables;
}

/**
 * Whether traces leave this Pyodide by the direct heap read (true in the pinned Pyodide) rather
 * than the slower conversion in Python. For tests and diagnostics.
 */
export function heapReadSupported(pyodide: PyodideAPI): boolean {
  return checkLayout(pyodide) !== null;
}

/** A flat list converted by Python (array('d')) and copied out of the wasm heap. */
function slowFloat64(pyodide: PyodideAPI, list: PyProxyLike): Float64Array {
  const bridge = pyodide.pyimport('loopscope._bridge') as unknown as {
    as_float64(l: PyProxyLike): PyProxyLike & {
      getBuffer(type: string): { data: Float64Array; release(): void };
    };
  } & PyProxyLike;
  const arr = bridge.as_float64(list);
  const buf = arr.getBuffer('f64');
  try {
    return buf.data.slice();
  } finally {
    buf.release();
    arr.destroy();
    bridge.destroy();
  }
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
    const tables = emptyTables();
    const types = checkLayout(pyodide);
    const mod = (pyodide as unknown as { _module?: WasmModule })._module;
    const rows = out.get(2) as PyProxyLike & { length: number; get(i: number): unknown };
    for (let i = 0; i < rows.length; i++) {
      const row = rows.get(i) as PyProxyLike & { get(i: number): unknown };
      const group = row.get(0) as Group;
      const list = row.get(1) as PyProxyLike;
      try {
        if (!(GROUPS as readonly string[]).includes(group)) continue;
        const fast =
          types && mod
            ? decodeRows(mod, types, group, row.get(2) as number, row.get(3) as number)
            : null;
        tables[group] = fast ?? splitRows(group, slowFloat64(pyodide, list));
      } finally {
        list.destroy();
        row.destroy();
      }
    }
    rows.destroy();
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
