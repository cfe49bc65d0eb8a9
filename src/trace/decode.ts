/**
 * Decoding a trace: validation of the raw columns, then the UI-level event layer.
 *
 * Layer 1 is the raw TraceColumns the tracer writes (schema.ts). Everything downstream indexes
 * those arrays directly, so `validateTrace` checks every id, string index and enum once, and the
 * rest of src/trace/ can then trust them without bounds checks.
 *
 * Layer 2 is what the UI shows: `eventAt(trace, i)` turns event i into a named, self-describing
 * TraceEvent, and `normalizeTrace` (normalize.ts) derives entity lifecycles once per trace. Events
 * are made on demand rather than all up front because a million event objects would cost far more
 * than the 64 bytes per event the page may hold.
 */
import {
  Done,
  Dropped,
  Edge,
  EventKind,
  FutureKind,
  HandleKind,
  Outcome,
  ResourceKind,
  SCHEMA_VERSION,
  Step,
  Wake,
  Warn,
} from './schema';
import type { TraceColumns } from './schema';
import type { FutureView, HandleView, ResourceView, WarningView } from './types';

/** The only error the decoders throw for bad input; `path` says where ("events.a[12]"). */
export class TraceDecodeError extends Error {
  readonly path: string;
  constructor(message: string, path = '') {
    super(path ? `${path}: ${message}` : message);
    this.name = 'TraceDecodeError';
    this.path = path;
  }
}

/** Trace schema versions this build can read. */
export const SUPPORTED_VERSIONS: readonly number[] = [SCHEMA_VERSION];

/** Upper bounds that keep hostile input from exhausting memory or time. */
export interface TraceLimits {
  maxEvents: number;
  maxEntities: number;
  maxStrings: number;
  maxLine: number;
}

export const DEFAULT_LIMITS: TraceLimits = {
  maxEvents: 8_000_000,
  maxEntities: 2_000_000,
  maxStrings: 8_000_000,
  maxLine: 1_000_000,
};

/** What an event argument refers to; `?` means -1 (none) is allowed. */
type ArgType =
  | 'int'
  | 'handle'
  | 'task'
  | 'task?'
  | 'future'
  | 'future?'
  | 'res'
  | 'res?'
  | 'str'
  | 'str?'
  | 'cause'
  | 'wake'
  | 'step'
  | 'stepArg'
  | 'done'
  | 'edge'
  | 'warn'
  | 'nonneg';

const K = EventKind;
/** Argument types of (a, b, c) per event kind, as documented in schema.py. */
const ARGS: Record<number, readonly [ArgType, ArgType, ArgType]> = {
  [K.LOOP_ITER]: ['nonneg', 'nonneg', 'nonneg'],
  [K.CLOCK_ADVANCE]: ['int', 'int', 'int'],
  [K.HANDLE_SCHEDULED]: ['handle', 'int', 'int'],
  [K.HANDLE_READY]: ['handle', 'int', 'int'],
  [K.HANDLE_START]: ['handle', 'int', 'int'],
  [K.HANDLE_END]: ['handle', 'int', 'int'],
  [K.HANDLE_CANCELLED]: ['handle', 'int', 'int'],
  [K.LOOP_BLOCKED]: ['nonneg', 'str?', 'int'],
  [K.HANDLE_DROPPED]: ['handle', 'nonneg', 'int'],
  [K.TASK_CREATED]: ['task', 'int', 'int'],
  [K.TASK_STEP_START]: ['task', 'wake', 'cause'],
  [K.TASK_STEP_END]: ['task', 'step', 'stepArg'],
  [K.AWAIT_CHAIN]: ['task', 'str?', 'int'],
  [K.FUTURE_CREATED]: ['future', 'int', 'int'],
  [K.FUTURE_DONE]: ['future', 'done', 'str?'],
  [K.FUTURE_CALLBACK_ADDED]: ['future', 'str?', 'task?'],
  [K.FUTURE_CALLBACK_REMOVED]: ['future', 'str?', 'task?'],
  [K.AWAIT_EDGE]: ['future', 'future', 'edge'],
  [K.CANCEL_REQUESTED]: ['future', 'str?', 'nonneg'],
  [K.CANCEL_DELIVERED]: ['task', 'int', 'int'],
  [K.UNCANCEL]: ['task', 'nonneg', 'int'],
  [K.RESOURCE_CREATED]: ['res', 'int', 'int'],
  [K.RESOURCE_ACQUIRED]: ['res', 'task?', 'int'],
  [K.RESOURCE_RELEASED]: ['res', 'task?', 'int'],
  [K.RESOURCE_WAIT]: ['res', 'task?', 'future?'],
  [K.RESOURCE_WAKE]: ['res', 'task?', 'int'],
  [K.RESOURCE_VALUE]: ['res', 'int', 'int'],
  [K.LINE]: ['int', 'int', 'int'],
  [K.STDOUT]: ['str', 'int', 'int'],
  [K.STDERR]: ['str', 'int', 'int'],
  [K.EXCEPTION]: ['str?', 'str?', 'int'],
  [K.WARNING]: ['warn', 'str?', 'int'],
  [K.NET_LISTEN]: ['res', 'int', 'int'],
  [K.NET_CONNECT]: ['res', 'str?', 'int'],
  [K.NET_ACCEPT]: ['res', 'res?', 'int'],
  [K.NET_SEND]: ['res', 'nonneg', 'str?'],
  [K.NET_RECV]: ['res', 'nonneg', 'str?'],
  [K.NET_CLOSE]: ['res', 'int', 'int'],
  [K.WORKER_START]: ['res', 'str?', 'future?'],
  [K.WORKER_END]: ['res', 'int', 'future?'],
  [K.RUN_END]: ['int', 'str?', 'int'],
};

function enumSet(obj: Record<string, number>): Set<number> {
  return new Set(Object.values(obj));
}
const WAKES = enumSet(Wake);
const STEPS = enumSet(Step);
const DONES = enumSet(Done);
const EDGES = enumSet(Edge);
const WARNS = enumSet(Warn);
const HANDLE_KINDS = enumSet(HandleKind);
const FUTURE_KINDS = enumSet(FutureKind);
const RESOURCE_KINDS = enumSet(ResourceKind);

function fail(message: string, path: string): never {
  throw new TraceDecodeError(message, path);
}

function isTyped(v: unknown, ctor: typeof Uint8Array | typeof Int32Array | typeof Float64Array) {
  return v instanceof ctor;
}

function checkTable(
  table: unknown,
  name: string,
  columns: Record<string, typeof Uint8Array | typeof Int32Array | typeof Float64Array>,
  maxRows: number,
): number {
  if (!table || typeof table !== 'object') fail('missing table', name);
  const t = table as Record<string, unknown>;
  let rows = -1;
  for (const [col, ctor] of Object.entries(columns)) {
    const v = t[col];
    if (!isTyped(v, ctor)) fail(`expected a ${ctor.name}`, `${name}.${col}`);
    const len = (v as ArrayLike<number>).length;
    if (rows === -1) rows = len;
    else if (len !== rows) fail(`length ${len} differs from ${rows}`, `${name}.${col}`);
  }
  if (rows > maxRows) fail(`${rows} rows exceed the limit of ${maxRows}`, name);
  return rows;
}

/** An id column whose values must be -1 or a valid index below `n`. */
function checkRefs(arr: Int32Array, n: number, path: string, allowNone = true): void {
  const lo = allowNone ? -1 : 0;
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (v < lo || v >= n) fail(`id ${v} out of range (${n} entries)`, `${path}[${i}]`);
  }
}

function checkEnum(arr: Uint8Array, allowed: Set<number>, path: string): void {
  for (let i = 0; i < arr.length; i++) {
    if (!allowed.has(arr[i])) fail(`unknown kind ${arr[i]}`, `${path}[${i}]`);
  }
}

function checkLines(arr: Int32Array, max: number, path: string): void {
  for (let i = 0; i < arr.length; i++) {
    if (arr[i] < 0 || arr[i] > max) fail(`line ${arr[i]} out of range`, `${path}[${i}]`);
  }
}

/**
 * Checks a trace from the worker or from JSON import before anything reads it: supported
 * version, typed columns of agreeing lengths, every id, string index and enum in range, times
 * finite and never going backwards, cause links pointing backwards. Throws TraceDecodeError.
 * Linear in the trace size.
 */
export function validateTrace(trace: TraceColumns, limits: TraceLimits = DEFAULT_LIMITS): void {
  if (!trace || typeof trace !== 'object') fail('not a trace object', '');
  if (typeof trace.version !== 'number' || !SUPPORTED_VERSIONS.includes(trace.version)) {
    fail(
      `unsupported trace version ${String(trace.version)} (this viewer reads ${SUPPORTED_VERSIONS.join(', ')})`,
      'version',
    );
  }
  const strings = trace.strings;
  if (!Array.isArray(strings)) fail('expected an array of strings', 'strings');
  if (strings.length > limits.maxStrings) fail('too many strings', 'strings');
  for (let i = 0; i < strings.length; i++) {
    if (typeof strings[i] !== 'string') fail('expected a string', `strings[${i}]`);
  }
  const meta = trace.meta as unknown;
  if (!meta || typeof meta !== 'object') fail('missing meta', 'meta');

  const ns = strings.length;
  const n = checkTable(
    trace.events,
    'events',
    {
      kind: Uint8Array,
      time: Float64Array,
      task: Int32Array,
      line: Int32Array,
      a: Int32Array,
      b: Int32Array,
      c: Int32Array,
    },
    limits.maxEvents,
  );
  const nh = checkTable(
    trace.handles,
    'handles',
    { kind: Uint8Array, when: Float64Array, descr: Int32Array, task: Int32Array, line: Int32Array },
    limits.maxEntities,
  );
  const nf = checkTable(
    trace.futures,
    'futures',
    { kind: Uint8Array, label: Int32Array, owner: Int32Array, line: Int32Array, task: Int32Array },
    limits.maxEntities,
  );
  const nt = checkTable(
    trace.tasks,
    'tasks',
    {
      future: Int32Array,
      name: Int32Array,
      coro: Int32Array,
      parent: Int32Array,
      line: Int32Array,
    },
    limits.maxEntities,
  );
  const nr = checkTable(
    trace.resources,
    'resources',
    { kind: Uint8Array, name: Int32Array, line: Int32Array, capacity: Int32Array },
    limits.maxEntities,
  );

  const h = trace.handles;
  checkEnum(h.kind, HANDLE_KINDS, 'handles.kind');
  for (let i = 0; i < nh; i++) {
    if (!Number.isFinite(h.when[i])) fail('time is not finite', `handles.when[${i}]`);
  }
  checkRefs(h.descr, ns, 'handles.descr');
  checkRefs(h.task, nt, 'handles.task');
  checkLines(h.line, limits.maxLine, 'handles.line');

  const f = trace.futures;
  checkEnum(f.kind, FUTURE_KINDS, 'futures.kind');
  checkRefs(f.label, ns, 'futures.label');
  checkRefs(f.owner, nt, 'futures.owner');
  checkLines(f.line, limits.maxLine, 'futures.line');
  checkRefs(f.task, nt, 'futures.task');

  const t = trace.tasks;
  checkRefs(t.future, nf, 'tasks.future');
  checkRefs(t.name, ns, 'tasks.name');
  checkRefs(t.coro, ns, 'tasks.coro');
  checkRefs(t.parent, nt, 'tasks.parent');
  checkLines(t.line, limits.maxLine, 'tasks.line');

  const r = trace.resources;
  checkEnum(r.kind, RESOURCE_KINDS, 'resources.kind');
  checkRefs(r.name, ns, 'resources.name');
  checkLines(r.line, limits.maxLine, 'resources.line');

  const e = trace.events;
  checkRefs(e.task, nt, 'events.task');
  checkLines(e.line, limits.maxLine, 'events.line');
  let prevTime = -Infinity;
  const cols = [e.a, e.b, e.c];
  const names = ['a', 'b', 'c'];
  for (let i = 0; i < n; i++) {
    const time = e.time[i];
    if (!Number.isFinite(time)) fail('time is not finite', `events.time[${i}]`);
    if (time < prevTime) fail(`time goes backwards (${time} < ${prevTime})`, `events.time[${i}]`);
    prevTime = time;
    const spec = ARGS[e.kind[i]];
    // A kind this reader does not know comes from a newer engine: its arguments cannot be
    // checked, and the reader ignores it (docs/trace-format.md, versioning rules).
    if (!spec) continue;
    for (let j = 0; j < 3; j++) {
      const v = cols[j][i];
      const type = spec[j];
      let ok: boolean;
      switch (type) {
        case 'int':
          ok = true;
          break;
        case 'nonneg':
          ok = v >= 0;
          break;
        case 'handle':
          ok = v >= 0 && v < nh;
          break;
        case 'task':
          ok = v >= 0 && v < nt;
          break;
        case 'task?':
          ok = v >= -1 && v < nt;
          break;
        case 'future':
          ok = v >= 0 && v < nf;
          break;
        case 'future?':
          ok = v >= -1 && v < nf;
          break;
        case 'res':
          ok = v >= 0 && v < nr;
          break;
        case 'res?':
          ok = v >= -1 && v < nr;
          break;
        case 'str':
          ok = v >= 0 && v < ns;
          break;
        case 'str?':
          ok = v >= -1 && v < ns;
          break;
        case 'cause':
          ok = v >= -1 && v < i;
          break;
        case 'wake':
          ok = WAKES.has(v);
          break;
        case 'step':
          ok = STEPS.has(v);
          break;
        case 'stepArg':
          // A suspended step names the future it awaits; the other outcomes name a string.
          ok = e.b[i] === Step.SUSPENDED ? v >= -1 && v < nf : v >= -1 && v < ns;
          break;
        case 'done':
          ok = DONES.has(v);
          break;
        case 'edge':
          ok = EDGES.has(v);
          break;
        case 'warn':
          ok = WARNS.has(v);
          break;
      }
      if (!ok)
        fail(`bad ${type} argument ${v} for event kind ${e.kind[i]}`, `events.${names[j]}[${i}]`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Layer 2: named events for the UI.

const KIND_NAMES: Record<number, string> = {};
for (const [name, value] of Object.entries(EventKind)) KIND_NAMES[value] = name;

/** Schema name of an event kind ("TASK_STEP_START"), or "UNKNOWN_<n>". */
export function kindName(kind: number): string {
  return KIND_NAMES[kind] ?? `UNKNOWN_${kind}`;
}

function lowerName(obj: Record<string, number>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [k, v] of Object.entries(obj)) out[v] = k.toLowerCase().replace(/_/g, '-');
  return out;
}
export const WAKE_NAMES = lowerName(Wake) as Record<
  number,
  'first' | 'future' | 'cancel' | 'yield'
>;
export const STEP_NAMES = lowerName(Step) as Record<
  number,
  'suspended' | 'returned' | 'raised' | 'cancelled'
>;
export const DONE_NAMES = lowerName(Done) as Record<number, 'result' | 'exception' | 'cancelled'>;
export const EDGE_NAMES = lowerName(Edge) as Record<
  number,
  'await' | 'gather' | 'taskgroup' | 'shield' | 'wait'
>;
export const HANDLE_KIND_NAMES = lowerName(HandleKind) as Record<number, HandleView['kind']>;
export const FUTURE_KIND_NAMES = lowerName(FutureKind) as Record<number, FutureView['kind']>;
export const RESOURCE_KIND_NAMES = lowerName(ResourceKind) as Record<number, ResourceView['kind']>;
export const WARN_NAMES = lowerName(Warn) as Record<number, WarningView['kind']>;
export const OUTCOME_NAMES = lowerName(Outcome) as Record<
  number,
  | 'ok'
  | 'exception'
  | 'deadlock'
  | 'limit-events'
  | 'limit-virtual-time'
  | 'limit-wall-time'
  | 'interrupted'
  | 'syntax-error'
>;

/** String-table lookup; -1 or out of range gives null. */
export function str(trace: TraceColumns, i: number): string | null {
  return i >= 0 && i < trace.strings.length ? trace.strings[i] : null;
}

/**
 * One event as the UI sees it: its kind by name, its context, and its arguments named and
 * resolved (strings looked up, enums named). Ids stay ids: views look entities up in TraceState.
 */
export interface TraceEvent {
  step: number;
  kind: number;
  /** Schema name, e.g. "TASK_STEP_START". */
  name: string;
  time: number;
  /** Task whose code was running, -1 for none. */
  task: number;
  line: number;
  /** Named arguments; which ones are present depends on the kind (see schema.py). */
  args: Record<string, number | string | null>;
}

/** Builds the UI event for step i of a validated trace. */
export function eventAt(trace: TraceColumns, i: number): TraceEvent {
  const e = trace.events;
  const kind = e.kind[i];
  const a = e.a[i];
  const b = e.b[i];
  const c = e.c[i];
  const s = (x: number) => str(trace, x);
  let args: TraceEvent['args'];
  switch (kind) {
    case K.LOOP_ITER:
      args = { iteration: a, ready: b, timers: c };
      break;
    case K.HANDLE_SCHEDULED:
    case K.HANDLE_READY:
    case K.HANDLE_START:
    case K.HANDLE_END:
    case K.HANDLE_CANCELLED:
      args = { handle: a };
      break;
    case K.HANDLE_DROPPED:
      args = { handle: a, from: b === Dropped.READY ? 'ready' : 'timers' };
      break;
    case K.LOOP_BLOCKED:
      args = { micros: a, call: s(b) };
      break;
    case K.TASK_CREATED:
    case K.CANCEL_DELIVERED:
      args = { target: a };
      break;
    case K.TASK_STEP_START:
      args = { target: a, wake: WAKE_NAMES[b], cause: c };
      break;
    case K.TASK_STEP_END:
      args =
        b === Step.SUSPENDED
          ? { target: a, result: STEP_NAMES[b], future: c }
          : { target: a, result: STEP_NAMES[b], text: s(c) };
      break;
    case K.AWAIT_CHAIN:
      args = { target: a, chain: s(b) };
      break;
    case K.FUTURE_CREATED:
      args = { future: a };
      break;
    case K.FUTURE_DONE:
      args = { future: a, outcome: DONE_NAMES[b], text: s(c) };
      break;
    case K.FUTURE_CALLBACK_ADDED:
    case K.FUTURE_CALLBACK_REMOVED:
      args = { future: a, callback: s(b), waiter: c };
      break;
    case K.AWAIT_EDGE:
      args = { waiter: a, awaited: b, edge: EDGE_NAMES[c] };
      break;
    case K.CANCEL_REQUESTED:
      args = { future: a, message: s(b), cancelling: c };
      break;
    case K.UNCANCEL:
      args = { target: a, cancelling: b };
      break;
    case K.RESOURCE_CREATED:
      args = { resource: a };
      break;
    case K.RESOURCE_ACQUIRED:
    case K.RESOURCE_RELEASED:
      args = { resource: a, target: b, value: c };
      break;
    case K.RESOURCE_WAIT:
      args = { resource: a, target: b, future: c };
      break;
    case K.RESOURCE_WAKE:
      args = { resource: a, target: b };
      break;
    case K.RESOURCE_VALUE:
      args = { resource: a, value: b };
      break;
    case K.STDOUT:
    case K.STDERR:
      args = { text: s(a) };
      break;
    case K.EXCEPTION:
      args = { traceback: s(a), errorType: s(b) };
      break;
    case K.WARNING:
      args = { warning: WARN_NAMES[a], message: s(b) };
      break;
    case K.NET_LISTEN:
    case K.NET_CLOSE:
      args = { resource: a };
      break;
    case K.NET_CONNECT:
      args = { resource: a, peer: s(b) };
      break;
    case K.NET_ACCEPT:
      args = { resource: a, server: b };
      break;
    case K.NET_SEND:
    case K.NET_RECV:
      args = { resource: a, bytes: b, preview: s(c) };
      break;
    case K.WORKER_START:
      args = { resource: a, job: s(b), future: c };
      break;
    case K.WORKER_END:
      args = { resource: a, future: c };
      break;
    case K.RUN_END:
      args = { outcome: OUTCOME_NAMES[a] ?? String(a), detail: s(b) };
      break;
    default:
      args = {};
  }
  return {
    step: i,
    kind,
    name: kindName(kind),
    time: e.time[i],
    task: e.task[i],
    line: e.line[i],
    args,
  };
}
