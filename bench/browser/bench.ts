/**
 * The in-Chromium half of the trace benchmarks, driven by bench/page.mjs through
 * `window.__loopscopeBench`: seek (stateAt), memory, timeline model build and draw, and the
 * worker-to-page transfer. All on one shared synthetic trace of 10,000 tasks and about 1.04M
 * events (src/trace/synthetic.ts), the trace the timeline's own bench functions use.
 */
import { buildIndex, indexBytes, stateAt } from '../../src/trace/index';
import type { TraceIndex } from '../../src/trace/index';
import { parseReply } from '../../src/runtime/protocol';
import type { TraceColumns } from '../../src/trace/schema';
import { measureSeeks, syntheticTrace } from '../../src/trace/synthetic';
import type { SeekStats } from '../../src/trace/synthetic';
import {
  benchTimelineDraw,
  benchTimelineStep,
  timelineModelBytes,
} from '../../src/viz/timeline/bench';
import { buildTimelineModel } from '../../src/viz/timeline/model';
import { overheadProgram } from '../programs';
import type { OverheadReply, OverheadRequest } from './overhead';
import type { TimelineModel } from '../../src/viz/timeline/model';

const TASKS = 10_000;
const SLEEPS = 6;

let trace: TraceColumns | null = null;
let index: TraceIndex | null = null;
let model: TimelineModel | null = null;

function need<T>(v: T | null, what: string): T {
  if (v === null) throw new Error(`bench page: ${what} first`);
  return v;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/**
 * The floor of any random-access seek that is not indexed: one read of every event column, as a
 * forward-replaying debugger must at least do to reach an arbitrary step.
 */
function readColumnsOnce(t: TraceColumns): number {
  const e = t.events;
  let acc = 0;
  for (let i = 0, n = e.kind.length; i < n; i++) {
    acc += e.kind[i] + e.time[i] + e.task[i] + e.line[i] + e.a[i] + e.b[i] + e.c[i];
  }
  return acc;
}

function timeColumnScan(t: TraceColumns, rounds = 5): number[] {
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds + 1; r++) {
    const t0 = performance.now();
    sink += readColumnsOnce(t);
    const ms = performance.now() - t0;
    if (r > 0) times.push(ms); // the first round warms the JIT up
  }
  if (Number.isNaN(sink)) throw new Error('unreachable');
  return times;
}

function typedBytes(o: object): number {
  const seen = new Set<ArrayBufferLike>();
  let bytes = 0;
  const walk = (v: unknown) => {
    if (ArrayBuffer.isView(v)) {
      if (!seen.has(v.buffer)) {
        seen.add(v.buffer);
        bytes += v.buffer.byteLength;
      }
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(o);
  return bytes;
}

const api = {
  /** Generates the shared trace (not timed). */
  makeTrace(): { events: number; tasks: number; columnBytes: number } {
    trace = syntheticTrace({ tasks: TASKS, sleeps: SLEEPS });
    return {
      events: trace.events.kind.length,
      tasks: trace.tasks.future.length,
      columnBytes: typedBytes(trace),
    };
  },

  /** Validates, normalizes and indexes the trace as the page does on a run's result. */
  buildIndex(): { ms: number; columnBytes: number; indexBytes: number } {
    const t = need(trace, 'makeTrace');
    const t0 = performance.now();
    index = buildIndex(t);
    const ms = performance.now() - t0;
    const b = indexBytes(index);
    return { ms, columnBytes: b.columns, indexBytes: b.index };
  },

  /**
   * Random-access stateAt: `passes` passes of 200 pseudo-random steps (different seeds), against
   * one read of the columns. Several passes because on a shared machine a pass can be hit by other
   * processes; the driver keeps the best pass and reports all of them.
   */
  seek(passes = 3): { passes: SeekStats[]; scanMs: number } {
    const ix = need(index, 'buildIndex');
    const out: SeekStats[] = [];
    for (let p = 0; p < passes; p++) {
      out.push(measureSeeks((s) => stateAt(ix, s), ix.eventCount, 200, p + 1));
    }
    // What the debugger also asks for on screen, so that the index's caches built on first use
    // (the task logs by event for short moves, the futures' waiting rows for the futures page)
    // are in the memory figure: a step forward and one back mid-run, with a page of futures.
    const mid = ix.eventCount >> 1;
    for (const s of [mid, mid + 1, mid]) stateAt(ix, s).futurePage?.(50);
    return { passes: out, scanMs: median(timeColumnScan(ix.trace)) };
  },

  /** Builds the timeline model (once warm, then timed `runs` times); keeps the last one. */
  buildModel(runs = 3): { medianMs: number; runs: number[]; lanes: number; modelBytes: number } {
    const t = need(trace, 'makeTrace');
    model = buildTimelineModel(t);
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      model = null; // let the previous model go before the next is built, as a new run would
      const t0 = performance.now();
      model = buildTimelineModel(t);
      times.push(performance.now() - t0);
    }
    const m = need(model, 'buildModel');
    return {
      medianMs: median(times),
      runs: times,
      lanes: m.laneCount,
      modelBytes: timelineModelBytes(m),
    };
  },

  /** Pan/zoom/scroll frames on the model; with flush each frame waits for its pixels. */
  draw(flush: boolean, frames = 240) {
    const canvas = document.getElementById('timeline') as HTMLCanvasElement;
    return benchTimelineDraw(canvas, { model: need(model, 'buildModel'), frames, flush });
  },

  /**
   * The timeline's canvas work per debugger step: the cursor overlay alone, against the lanes
   * prepared and drawn again (as every step did before the overlay); each reads a pixel back.
   */
  timelineStep(steps = 200) {
    const plot = document.getElementById('timeline') as HTMLCanvasElement;
    const cursor = document.createElement('canvas');
    document.body.appendChild(cursor);
    try {
      return benchTimelineStep(plot, cursor, {
        model: need(model, 'buildModel'),
        steps,
        flush: true,
      });
    } finally {
      cursor.remove();
    }
  },

  /** The floor of a frame on this canvas: fill it and read a pixel back, nothing drawn. */
  emptyFrames(frames = 240): { p95: number; p50: number } {
    const canvas = document.getElementById('timeline') as HTMLCanvasElement;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    const times: number[] = [];
    for (let f = 0; f < frames; f++) {
      const t0 = performance.now();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = f % 2 ? '#101014' : '#121216';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.getImageData(0, 0, 1, 1);
      times.push(performance.now() - t0);
    }
    return { p95: percentile(times, 0.95), p50: percentile(times, 0.5) };
  },

  /**
   * Worker to page: `rounds` alternating transferred and cloned run-result messages of a trace
   * of the same size, each timed from the worker's postMessage to the page's parseReply.
   */
  async transfer(rounds = 5): Promise<{ events: number; transfer: number[]; clone: number[] }> {
    const worker = new Worker(new URL('./transfer.worker.ts', import.meta.url), {
      type: 'module',
    });
    const next = () =>
      new Promise<MessageEvent>((resolve, reject) => {
        worker.onmessage = resolve;
        worker.onerror = (e) => reject(new Error(`transfer worker: ${e.message}`));
      });
    try {
      let reply = next();
      worker.postMessage({ op: 'make', tasks: TASKS, sleeps: SLEEPS });
      const events = (await reply).data.events as number;
      const out = { events, transfer: [] as number[], clone: [] as number[] };
      for (let r = 0; r < rounds * 2; r++) {
        const op = r % 2 === 0 ? 'transfer' : 'clone';
        reply = next();
        worker.postMessage({ op });
        const ev = await reply;
        const parsed = parseReply(ev.data.msg);
        const at = performance.timeOrigin + performance.now();
        if (!parsed.ok || parsed.message.type !== 'run-result') throw new Error('bad reply');
        const got = parsed.message.result.trace?.events.kind.length;
        if (got !== events) throw new Error(`transfer lost events: ${got} of ${events}`);
        out[op].push(at - (ev.data.sentAt as number));
      }
      return out;
    } finally {
      worker.terminate();
    }
  },

  /**
   * Recording overhead in this browser: the 10,000 x 10 program traced and untraced, alternately,
   * in one Pyodide in a module worker (overhead.worker.ts).
   */
  async overhead(rounds = 2, tasks = 10_000): Promise<OverheadReply> {
    const worker = new Worker(new URL('./overhead.worker.ts', import.meta.url), {
      type: 'module',
    });
    try {
      const reply = await new Promise<OverheadReply>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<OverheadReply>) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(`overhead worker: ${e.message}`));
        worker.postMessage({
          source: overheadProgram(tasks),
          warmSource: overheadProgram(Math.max(1, Math.floor(tasks / 10))),
          expected: String(tasks),
          rounds,
        } satisfies OverheadRequest);
      });
      if (reply.error) throw new Error(`overhead worker: ${reply.error}`);
      return reply;
    } finally {
      worker.terminate();
    }
  },

  /** Drops everything, so a heap measurement can start from nothing. */
  reset(): void {
    trace = null;
    index = null;
    model = null;
  },
};

declare global {
  interface Window {
    __loopscopeBench?: typeof api;
  }
}

window.__loopscopeBench = api;
document.title += ' (ready)';
