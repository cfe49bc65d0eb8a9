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
  describeSpan,
  laneSubtitle,
  laneTitle,
  MARKER_NAMES,
  SpanState,
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
      const ts = axis === 'logical' ? sp.s0[i] : us(sp.t0[i]);
      const te = axis === 'logical' ? sp.s1[i] : us(sp.t1[i]);
      events.push({
        name: spanName(model, i),
        cat: STATE_NAMES[st],
        ph: 'X',
        pid: PID,
        tid: lane + 1,
        ts,
        dur: Math.max(0, +(te - ts).toFixed(3)),
        args: { step: sp.s0[i], lastStep: sp.s1[i] - 1, detail: describeSpan(model, i) },
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
      return aux >= 0
        ? `await ${str(model, model.trace.futures.label[aux]) || `future ${aux}`}`
        : 'yield';
    case SpanState.BLOCKED:
      return `blocked: ${str(model, aux) || 'blocking call'}`;
    case SpanState.RUNNING:
      return aux >= 0 ? str(model, aux) || 'running' : 'running';
    default:
      return STATE_NAMES[st];
  }
}

/** The export as a JSON string. */
export function toPerfettoJson(model: TimelineModel, opts: PerfettoOptions = {}): string {
  return JSON.stringify(toTraceEvents(model, opts));
}
