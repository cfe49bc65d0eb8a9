/**
 * The engine's JavaScript side: installs the loopscope Python package into a Pyodide instance and
 * runs programs on it, returning the trace as typed-array columns. Shared by the page's worker and
 * the Node CLI, so it touches neither the DOM nor Node: the caller passes Pyodide, the Python file
 * texts and the output hooks in. The contract is notes/engine-contract.md; the trace format is
 * docs/trace-format.md.
 */
import type { PyodideAPI } from 'pyodide';
import { SCHEMA_VERSION, type TraceColumns } from '../trace/schema';
import { fillChains, type ChainTables } from './chains';
import {
  expandRowsInto,
  expandWire,
  newEventRows,
  wirePlan,
  type EventRows,
  type RowValues,
} from './wire';

/** Where the package is written in Pyodide's file system; put first on sys.path. */
export const ENGINE_ROOT = '/home/pyodide/loopscope-engine';

/**
 * The string hash seed every front end starts Pyodide with (PYTHONHASHSEED, read only as the
 * interpreter starts). CPython draws a random one by default, so a program that iterates a set
 * of strings printed them, and recorded its steps, in another order on each start: the same code
 * must give the same trace. The CLI honours the user's own PYTHONHASHSEED ("random" included).
 */
export const HASH_SEED = '0';

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
  /**
   * File name shown in tracebacks and used to tell user code from library code; also the
   * program's `sys.argv[0]`.
   */
  filename?: string;
  /** The program's arguments: `sys.argv[1:]` (default none). */
  argv?: string[];
  /**
   * Variables added to the program's `os.environ` for the run (put back after it); asyncio's
   * debug mode follows PYTHONASYNCIODEBUG and the warning filters PYTHONWARNINGS, as in python3.
   * Recorded in the trace's options, as any option.
   */
  env?: Record<string, string>;
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
  /**
   * Called once the run is set up, just before the program's first line (not at all for a
   * program that does not compile). The CLI's watchdog counts the wall-time budget from here.
   */
  onStart?(): void;
  /**
   * Called now and then while a traced run goes on: at the engine's budget checks, every few
   * thousand events. The page's worker sends the output it has batched.
   */
  onTick?(): void;
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

/**
 * What SIGINT through the interrupt buffer means from now on: 'stop' (the default, the page's
 * Stop button) ends the run as INTERRUPTED; 'program' (the CLI, where it is the user's Ctrl-C)
 * is a real SIGINT to the program, as python3 gets one: KeyboardInterrupt, or asyncio.run
 * cancelling its main task, or the program's own handler. A host setting, not a run option.
 */
export function setSigintMeaning(pyodide: PyodideAPI, meaning: 'stop' | 'program'): void {
  pyodide.runPython(
    `import loopscope._runner; loopscope._runner.set_sigint_to_program(${meaning === 'program' ? 'True' : 'False'})`,
  );
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

/** The await chains' keys (Recorder.chain_raw): one column of ints. */
const CHAIN_RAW: [string, ColumnType][] = [['raw', Float64Array]];

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

/**
 * What reading lists from the wasm heap needs to know about this interpreter: the addresses of
 * the int, float and bool type objects, and where the preallocated small ints (-5..256, 16 bytes
 * apart) live, so that most values decode from their address alone.
 */
interface HeapTypes {
  int: number;
  float: number;
  bool: number;
  /** Address of the int -5, the first preallocated small int. */
  smallLo: number;
  /** Address of the int 256 minus smallLo. */
  smallSpan: number;
}

interface WasmModule {
  HEAPU32: Uint32Array;
}

/** Per-instance result of the layout self-check: the types when direct reads work, else null. */
const heapTypes = new WeakMap<object, HeapTypes | null>();

/** Value of a Python int with more than one 30-bit digit. */
function bigInt(u32: Uint32Array, p: number, digits: number): number {
  let v = 0;
  for (let d = digits - 1; d >= 0; d--) v = v * 1073741824 + u32[((p + 12) >>> 2) + d];
  return v;
}

/**
 * Decodes every `width`-th item of a Python list's item array (starting at word `first`) into
 * `col`, rows `r0` to `r1` (exclusive), straight from the wasm heap (CPython 3.14 layouts:
 * int = {refcnt, type, tag, 30-bit digits...}; float = {refcnt, type, double}). Returns false
 * when it meets anything but an int, a bool or a float; the caller then falls back to a
 * conversion in Python.
 *
 * A million-event trace is ten million items, so this is the loop the trace's way out costs.
 * Most items are small ints (kinds, lines, small ids), which decode from their address without
 * touching the object; and consecutive items of a column are often the same object (the clock's
 * float), which decodes once.
 */
function decodeColumn(
  u32: Uint32Array,
  f64: Float64Array,
  types: HeapTypes,
  first: number,
  width: number,
  col: Uint8Array | Int32Array | Float64Array,
  r0 = 0,
  r1 = col.length,
): boolean {
  const { int: tInt, float: tFloat, bool: tBool, smallLo, smallSpan } = types;
  let lastP = 0;
  let lastV = 0;
  for (let r = r0, i = first + r0 * width; r < r1; r++, i += width) {
    const p = u32[i];
    const d = (p - smallLo) >>> 0;
    if (d <= smallSpan) {
      col[r] = (d >>> 4) - 5;
      continue;
    }
    if (p === lastP) {
      col[r] = lastV;
      continue;
    }
    const t = u32[(p + 4) >>> 2];
    let v: number;
    if (t === tInt || t === tBool) {
      const tag = u32[(p + 8) >>> 2];
      v = tag < 8 ? 0 : tag < 16 ? u32[(p + 12) >>> 2] : bigInt(u32, p, tag >>> 3);
      if ((tag & 3) === 2) v = -v;
    } else if (t === tFloat) {
      v = (p & 7) === 0 ? f64[(p + 8) >>> 3] : new DataView(u32.buffer).getFloat64(p + 8, true);
    } else {
      return false;
    }
    lastP = p;
    lastV = v;
    col[r] = v;
  }
  return true;
}

/** Item array (as a word index into HEAPU32) of the Python list at `addr`, if it has n items. */
function listItems(u32: Uint32Array, addr: number, n: number): number | null {
  if (u32[(addr + 8) >>> 2] !== n) return null;
  return u32[(addr + 12) >>> 2] >>> 2;
}

function heapViews(mod: WasmModule): [Uint32Array, Float64Array] {
  const u32 = mod.HEAPU32;
  return [u32, new Float64Array(u32.buffer, 0, u32.buffer.byteLength >>> 3)];
}

/** A Python list of ints and floats read from the heap; null on anything else. */
function readList(mod: WasmModule, types: HeapTypes, addr: number, n: number): Float64Array | null {
  const [u32, f64] = heapViews(mod);
  const items = listItems(u32, addr, n);
  if (items === null) return null;
  const out = new Float64Array(n);
  return decodeColumn(u32, f64, types, items, 1, out) ? out : null;
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
    const smallLo = probe.get(5) as number;
    const candidate: HeapTypes = {
      int: probe.get(2) as number,
      float: probe.get(3) as number,
      bool: probe.get(4) as number,
      smallLo,
      smallSpan: (probe.get(6) as number) - smallLo,
    };
    // The probe holds small ints across the range, so a wrong guess about their layout fails
    // here rather than decoding a trace wrongly.
    const got =
      candidate.smallSpan === 261 * 16
        ? readList(mod, candidate, probe.get(1) as number, expected.length)
        : null;
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

interface BridgeLists {
  as_float64(l: PyProxyLike): PyProxyLike & {
    getBuffer(type: string): { data: Float64Array; release(): void };
  };
  cut(l: PyProxyLike, n: number): void;
}

/** A flat list converted by Python (array('d')) and copied out of the wasm heap. */
function slowFloat64(bridge: BridgeLists, list: PyProxyLike): Float64Array {
  const arr = bridge.as_float64(list);
  const buf = arr.getBuffer('f64');
  try {
    return buf.data.slice();
  } finally {
    buf.release();
    arr.destroy();
  }
}

/**
 * Items read between two cuts of a list (256 KB of pointers): few enough that the block's items
 * and the objects they point to are still in the CPU's caches when the cut frees them.
 */
const BLOCK_ITEMS = 1 << 16;

/**
 * A flat table list (rows of `layout`, interleaved; `n` items at `addr`) split into one typed
 * array per column. The list is emptied on the way: it is read from its end back, a block of rows
 * at a time straight from the heap, and each block is cut off the list (bridge.cut) as soon as it
 * is read. Freeing the list is work the run owes anyway, and done this way it meets the int
 * objects while the read has them in the CPU's caches: the benchmark's 1.65M-event trace took
 * 250-300 ms to read and then free whole, 210-230 ms this way (docs/performance.md). Rows the
 * heap read cannot decode (anything but ints and floats, or no heap read in this interpreter),
 * and every row before them, are converted by Python instead (slowFloat64); both ways give the
 * same values. Exported for the engine's tests.
 */
export function takeRows(
  pyodide: PyodideAPI,
  bridge: BridgeLists,
  layout: readonly [string, ColumnType][],
  list: PyProxyLike,
  addr: number,
  n: number,
): Record<string, ArrayBufferView> {
  const width = layout.length;
  const rows = Math.floor(n / width);
  const cols = layout.map(([, Ctor]) => new Ctor(rows));
  // Rows from `left` on are decoded, and gone from the list.
  let left = rows;
  const types = checkLayout(pyodide);
  const mod = (pyodide as unknown as { _module?: WasmModule })._module;
  if (types && mod && rows > 0 && listItems(mod.HEAPU32, addr, n) !== null) {
    const block = Math.max(1, Math.floor(BLOCK_ITEMS / width));
    while (left > 0) {
      // Fresh views and item array each time: a cut may move the items or grow the heap.
      const [u32, f64] = heapViews(mod);
      const items = listItems(u32, addr, left === rows ? n : left * width);
      if (items === null) break;
      const r0 = Math.max(0, left - block);
      let ok = true;
      for (let k = 0; k < width && ok; k++) {
        ok = decodeColumn(u32, f64, types, items + k, width, cols[k], r0, left);
      }
      if (!ok) break;
      bridge.cut(list, r0 * width);
      left = r0;
    }
  }
  if (left > 0) {
    const flat = slowFloat64(bridge, list);
    cols.forEach((col, k) => {
      for (let r = 0, j = k; r < left; r++, j += width) col[r] = flat[j];
    });
  }
  const out: Record<string, ArrayBufferView> = {};
  layout.forEach(([name], k) => (out[name] = cols[k]));
  return out;
}

/**
 * The events table (Recorder.ev, wire rows: see wire.ts) as the trace's event columns, read like
 * takeRows (from the end back, a block at a time, each block cut off the list once read) but
 * written straight to where each row's events go: the kinds are read first (small ints, decoded
 * from their addresses), which places every row, and each block's other columns are decoded into
 * small buffers and expanded from there. Expanding afterwards would read and write every value
 * once more, in arrays as large again. When the heap read cannot be used, takeRows' way, then
 * expandWire. Exported for the engine's tests.
 */
export function takeEvents(
  pyodide: PyodideAPI,
  bridge: BridgeLists,
  list: PyProxyLike,
  addr: number,
  n: number,
): EventRows {
  const layout = LAYOUT.events;
  const width = layout.length;
  const rows = Math.floor(n / width);
  const types = checkLayout(pyodide);
  const mod = (pyodide as unknown as { _module?: WasmModule })._module;
  const slow = (): EventRows =>
    expandWire(takeRows(pyodide, bridge, layout, list, addr, n) as unknown as EventRows);
  if (!types || !mod || rows === 0) return slow();
  let [u32, f64] = heapViews(mod);
  let items = listItems(u32, addr, n);
  const kind = new Uint8Array(rows);
  if (items === null || !decodeColumn(u32, f64, types, items, width, kind)) return slow();
  const { at, events } = wirePlan(kind);
  const out = newEventRows(events);
  const block = Math.max(1, Math.floor(BLOCK_ITEMS / width));
  const buf: RowValues = newEventRows(block);
  const cols = [buf.time, buf.task, buf.line, buf.a, buf.b, buf.c];
  // Rows from `left` on are in `out`, and gone from the list.
  let left = rows;
  while (left > 0) {
    // Fresh views and item array each time: a cut may move the items or grow the heap.
    [u32, f64] = heapViews(mod);
    items = listItems(u32, addr, left === rows ? n : left * width);
    if (items === null) break;
    const r0 = Math.max(0, left - block);
    let ok = true;
    for (let k = 1; k < width && ok; k++) {
      // Into the buffer, rows r0.. at 0..: decodeColumn writes col[r] from item first + r * width.
      ok = decodeColumn(u32, f64, types, items + k + r0 * width, width, cols[k - 1], 0, left - r0);
    }
    if (!ok) break;
    expandRowsInto(out, at, kind, buf, r0, r0, left);
    bridge.cut(list, r0 * width);
    left = r0;
  }
  if (left > 0) {
    // What the heap read could not decode (anything but ints and floats), converted by Python.
    const flat = slowFloat64(bridge, list);
    const rest: RowValues = newEventRows(left);
    const restCols = [rest.time, rest.task, rest.line, rest.a, rest.b, rest.c];
    restCols.forEach((col, k) => {
      for (let r = 0, j = k + 1; r < left; r++, j += width) col[r] = flat[j];
    });
    expandRowsInto(out, at, kind, rest, 0, 0, left);
  }
  return out;
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
  } & BridgeLists &
    PyProxyLike;
  const out = bridge.run_for_js(
    source,
    filename,
    JSON.stringify(pyOptions),
    hooks.onStdout,
    hooks.onStderr,
    hooks.onStart,
    hooks.onTick,
  );
  try {
    const info = JSON.parse(out.get(0) as string) as RunInfo;
    const strings = JSON.parse(out.get(1) as string) as string[];
    let chainRaw: ArrayLike<number> = [];
    const tables = emptyTables();
    const rows = out.get(2) as PyProxyLike & { length: number; get(i: number): unknown };
    for (let i = 0; i < rows.length; i++) {
      const row = rows.get(i) as PyProxyLike & { get(i: number): unknown };
      const group = row.get(0) as Group;
      const list = row.get(1) as PyProxyLike;
      try {
        const addr = row.get(2) as number;
        const n = row.get(3) as number;
        if ((group as string) === 'chain_raw') {
          chainRaw = takeRows(pyodide, bridge, CHAIN_RAW, list, addr, n).raw as Float64Array;
        } else if (group === 'events') {
          // Wire rows, written out as the trace's events on the way (wire.ts).
          tables.events = takeEvents(pyodide, bridge, list, addr, n) as unknown as Record<
            string,
            ArrayBufferView
          >;
        } else if ((GROUPS as readonly string[]).includes(group)) {
          tables[group] = takeRows(pyodide, bridge, LAYOUT[group], list, addr, n);
        }
      } finally {
        list.destroy();
        row.destroy();
      }
    }
    rows.destroy();
    // The recorder counted wire rows; the trace has the events they stand for.
    if (info.traced) info.stats.events = (tables.events.kind as Uint8Array).length;
    fillChains(
      strings,
      chainRaw,
      JSON.parse(out.get(3) as string) as ChainTables,
      tables.events as unknown as { kind: Uint8Array; b: Int32Array },
    );
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
    bridge.destroy();
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
