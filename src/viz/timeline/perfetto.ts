/**
 * Export to Chrome Trace Event JSON, which Perfetto (and chrome://tracing) open: one process for
 * the run, one thread track per lane (named by thread_name metadata, ordered by
 * thread_sort_index), complete ("X") events for spans, instant ("i") events for markers, and flow
 * events ("s" -> "f") for cause arrows. Timestamps are microseconds, as the format requires: on
 * the virtual axis they are the virtual clock; on the logical axis one step is one microsecond, so
 * the t=0 burst is readable there too.
 */
import type { Axis, TimelineModel } from './model';
import {
  laneSubtitle,
  laneTitle,
  MARKER_NAMES,
  spanLabel,
  SpanState,
  spanT0,
  spanT1,
  STATE_NAMES,
  str,
} from './model';

/** One trace event; fields follow the Trace Event Format. */
export interface TraceEvent {
  name: string;
  ph: 'X' | 'i' | 'M' | 's' | 'f';
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  cat?: string;
  s?: 't' | 'p' | 'g';
  id?: number;
  bp?: 'e';
  args?: Record<string, unknown>;
}

export interface PerfettoOptions {
  axis?: Axis;
  /** Also export ready and suspended spans (default true); done/failed tails are never exported. */
  waiting?: boolean;
}

const ARROW_NAMES = ['wake-up', 'resume', 'cancel', 'spawn'];
const PID = 1;

/** Microseconds at nanosecond precision, so neighbouring spans never overlap by rounding. */
function us(seconds: number): number {
  return Math.round(seconds * 1e9) / 1e3;
}

/** The trace as Chrome Trace Event JSON (an object with traceEvents). */
export function toTraceEvents(
  model: TimelineModel,
  opts: PerfettoOptions = {},
): {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms' | 'ns';
  otherData: Record<string, unknown>;
} {
  const axis = opts.axis ?? 'virtual';
  const waiting = opts.waiting ?? true;
  const time = model.trace.events.time;
  const N = model.eventCount;
  const at = (step: number) => (axis === 'logical' ? step : us(time[Math.min(step, N - 1)]));
  const events: TraceEvent[] = [];
  events.push({
    name: 'process_name',
    ph: 'M',
    pid: PID,
    tid: 0,
    args: { name: `Loopscope · ${model.trace.meta.filename || 'main.py'}` },
  });
  for (let lane = 0; lane < model.laneCount; lane++) {
    const sub = laneSubtitle(model, lane);
    events.push({
      name: 'thread_name',
      ph: 'M',
      pid: PID,
      tid: lane + 1,
      args: { name: sub ? `${laneTitle(model, lane)} · ${sub}` : laneTitle(model, lane) },
    });
    events.push({
      name: 'thread_sort_index',
      ph: 'M',
      pid: PID,
      tid: lane + 1,
      args: { sort_index: lane },
    });
  }
  const sp = model.spans;
  for (let lane = 0; lane < model.laneCount; lane++) {
    for (let i = sp.offsets[lane]; i < sp.offsets[lane + 1]; i++) {
      const st = sp.state[i];
      if (st === SpanState.DONE || st === SpanState.FAILED || st === SpanState.CANCELLED) continue;
      if (!waiting && (st === SpanState.READY || st === SpanState.SUSPENDED)) continue;
      const ts = axis === 'logical' ? sp.s0[i] : us(spanT0(model, i));
      const te = axis === 'logical' ? sp.s1[i] : us(spanT1(model, i));
      events.push({
        name: spanName(model, i),
        cat: STATE_NAMES[st],
        ph: 'X',
        pid: PID,
        tid: lane + 1,
        ts,
        dur: Math.max(0, +(te - ts).toFixed(3)),
        args: { step: sp.s0[i], steps: sp.s1[i] - sp.s0[i] },
      });
    }
  }
  const mk = model.markers;
  for (let lane = 0; lane < model.laneCount; lane++) {
    for (let i = mk.offsets[lane]; i < mk.offsets[lane + 1]; i++) {
      const text = str(model, mk.aux[i]);
      events.push({
        name: MARKER_NAMES[mk.kind[i]],
        cat: 'marker',
        ph: 'i',
        s: 't',
        pid: PID,
        tid: lane + 1,
        ts: at(mk.step[i]) + (axis === 'logical' ? 0.5 : 0),
        args: text ? { step: mk.step[i], text } : { step: mk.step[i] },
      });
    }
  }
  const ar = model.arrows;
  for (let i = 0; i < ar.count; i++) {
    const name = ARROW_NAMES[ar.kind[i]] ?? 'cause';
    events.push({
      name,
      cat: 'cause',
      ph: 's',
      id: i + 1,
      pid: PID,
      tid: ar.fromLane[i] + 1,
      ts: at(ar.fromStep[i]) + (axis === 'logical' ? 0.5 : 0),
    });
    events.push({
      name,
      cat: 'cause',
      ph: 'f',
      bp: 'e',
      id: i + 1,
      pid: PID,
      tid: ar.toLane[i] + 1,
      ts: at(ar.toStep[i]) + (axis === 'logical' ? 0.5 : 0),
    });
  }
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    otherData: {
      generator: 'Loopscope',
      axis: axis === 'logical' ? 'logical: 1 µs per step' : 'virtual clock',
      python: model.trace.meta.pythonVersion,
      events: N,
    },
  };
}

function spanName(model: TimelineModel, i: number): string {
  const sp = model.spans;
  const st = sp.state[i];
  const aux = sp.aux[i];
  switch (st) {
    case SpanState.CALLBACK:
      return aux >= 0 ? str(model, model.trace.handles.descr[aux]) || 'callback' : 'callback';
    case SpanState.SUSPENDED:
      // As the timeline labels it: a lock or queue wait names the resource.
      return spanLabel(model, i);
    case SpanState.BLOCKED:
      return `blocked: ${str(model, aux) || 'blocking call'}`;
    case SpanState.RUNNING:
      return spanLabel(model, i) || 'running';
    default:
      return STATE_NAMES[st];
  }
}

/** The export as a JSON string. */
export function toPerfettoJson(model: TimelineModel, opts: PerfettoOptions = {}): string {
  return JSON.stringify(toTraceEvents(model, opts));
}

const PHASES = new Set(['X', 'B', 'E', 'i', 'I', 'M', 's', 't', 'f', 'C', 'b', 'e', 'n']);

/**
 * Checks a parsed Trace Event JSON document against the rules trace viewers rely on: required
 * fields, known phases, numeric microsecond timestamps, non-negative X durations, matched B/E
 * pairs per thread, properly nested slices on a thread, and flows whose start and end share an
 * id. Returns the problems found (empty when valid); the e2e test runs it on downloaded files.
 */
export function checkTraceEvents(doc: unknown): string[] {
  const problems: string[] = [];
  const evs = Array.isArray(doc)
    ? doc
    : doc &&
        typeof doc === 'object' &&
        Array.isArray((doc as { traceEvents?: unknown }).traceEvents)
      ? (doc as { traceEvents: unknown[] }).traceEvents
      : null;
  if (!evs) return ['not a trace: expected an array or an object with traceEvents'];
  const open = new Map<string, number[]>();
  const slices = new Map<string, [number, number][]>();
  const flows = new Map<number, { s: number; f: number }>();
  evs.forEach((e, i) => {
    if (problems.length > 20) return;
    const ev = e as Record<string, unknown>;
    if (typeof ev.name !== 'string') problems.push(`event ${i}: name missing`);
    if (typeof ev.ph !== 'string' || !PHASES.has(ev.ph))
      problems.push(`event ${i}: bad ph ${String(ev.ph)}`);
    if (typeof ev.pid !== 'number' || typeof ev.tid !== 'number')
      problems.push(`event ${i}: pid/tid missing`);
    if (ev.ph === 'M') return;
    if (typeof ev.ts !== 'number' || !Number.isFinite(ev.ts) || ev.ts < 0)
      problems.push(`event ${i}: ts must be a finite number of microseconds`);
    const thread = `${String(ev.pid)}:${String(ev.tid)}`;
    const ts = ev.ts as number;
    if (ev.ph === 'X') {
      if (typeof ev.dur !== 'number' || !(ev.dur >= 0)) problems.push(`event ${i}: X without dur`);
      let list = slices.get(thread);
      if (!list) slices.set(thread, (list = []));
      list.push([ts, ts + (ev.dur as number)]);
    } else if (ev.ph === 'B') {
      let st = open.get(thread);
      if (!st) open.set(thread, (st = []));
      st.push(ts);
    } else if (ev.ph === 'E') {
      const st = open.get(thread);
      const b = st?.pop();
      if (b === undefined) problems.push(`event ${i}: E without B`);
      else {
        if (ts < b) problems.push(`event ${i}: E before its B`);
        let list = slices.get(thread);
        if (!list) slices.set(thread, (list = []));
        list.push([b, ts]);
      }
    } else if (ev.ph === 's' || ev.ph === 'f') {
      if (typeof ev.id !== 'number' && typeof ev.id !== 'string')
        problems.push(`event ${i}: flow without id`);
      const id = Number(ev.id);
      const f = flows.get(id) ?? { s: 0, f: 0 };
      f[ev.ph]++;
      flows.set(id, f);
    }
  });
  for (const [thread, st] of open)
    if (st.length) problems.push(`thread ${thread}: ${st.length} B without E`);
  for (const [thread, list] of slices) {
    // Slices on one thread must nest: sort by start (longer first) and keep a stack of ends.
    list.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const ends: number[] = [];
    for (const [a, b] of list) {
      while (ends.length && ends[ends.length - 1] <= a) ends.pop();
      if (ends.length && b > ends[ends.length - 1] + 1e-6) {
        problems.push(`thread ${thread}: slice [${a}, ${b}] overlaps its parent partially`);
        break;
      }
      ends.push(b);
    }
  }
  for (const [id, f] of flows)
    if (f.s !== 1 || f.f !== 1) problems.push(`flow ${id}: ${f.s} starts, ${f.f} ends`);
  return problems;
}
