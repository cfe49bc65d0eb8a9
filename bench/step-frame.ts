/**
 * Step → frame at a million events (issue 5: "any step, in any direction, renders in one frame,
 * even on a trace of a million events"). The production app replays the synthetic 1.04M-event,
 * 10,000-task trace through its `?trace=` link, and the page times key presses that move the
 * debugger at each granularity, forward and back, at several places in the run (near the start,
 * where few tasks exist, and mid-run, where all 10,000 are alive).
 *
 * Per key press, in the page's clock:
 * - `total`: keydown → the end of the first frame that paints the new step (requestAnimationFrame
 *   after the step's commit, then a message, which runs once that frame's style, layout and paint
 *   are done). It includes waiting for the frame to begin, which on a 60 Hz clock is anything up to
 *   16.7 ms whatever the step costs.
 * - `work`: the same without that wait, i.e. the key's task (handler, stateAt, React render and
 *   commit, effects) plus the frame's own work (animation-frame callbacks such as the timeline and
 *   Monaco redraws, style, layout, paint). This is what must fit in 16.7 ms for the step to show
 *   in the next frame, and it is the figure the goal applies to.
 *
 * `debugger.jump-frame.p95` times long moves the same way (`work`): the scrubber across the run
 * (every task's chain changes), run to the next timer, End, Home, and from the start to the first
 * timer firing (every task appears, parked at its await).
 *
 * Baselines, same page, same run: a key press the debugger ignores, timed the same way (the least
 * a key press and a frame cost), and an empty frame requested from a fresh task (`total`'s wait).
 *
 * `BENCH_STEP_PROFILE=file.cpuprofile` also records a CPU profile of the mid-run steps (open it in
 * Chrome's DevTools, Performance panel) to see where a step's time goes, `BENCH_JUMP_PROFILE` one
 * of the jumps, `BENCH_STEP_HEAP=file.heapprofile` the mid-run steps' sampled allocations (those
 * collected since included: what the steps make the collector work on), `BENCH_JUMP_HEAP` the
 * jumps' (a jump that fills the young generation pays for a scavenge), and
 * `BENCH_STEP_TRACE=base` Chrome traces of both (`base.mid.json`,
 * `base.jumps.json`), whose tasks carry the main thread's CPU time, steadier than wall time on a
 * loaded machine; `BENCH_STEP_TRACE_CATEGORIES` adds trace categories (comma-separated), e.g.
 * `disabled-by-default-devtools.timeline.invalidationTracking` to see which nodes a step restyles
 * and lays out. The log gives each position's work p50 per granularity (line, step, iteration).
 */
import { writeFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import type { Figure } from './figures.ts';
import { traceToJson } from '../src/trace/json.ts';
import { syntheticTrace } from '../src/trace/synthetic.ts';

/** Where in the run the steps are timed, as fractions of its length. */
const POSITIONS = [0.001, 0.25, 0.5, 0.75];
/** Mid-run: all 10,000 tasks alive, the case the goal is about. */
const MID = 0.5;
/** Forward then back at each granularity, so the cursor stays near its position. */
const KEYS: { key: string; shift: boolean; granularity: string }[] = [
  { key: 'F10', shift: false, granularity: 'line' },
  { key: 'F10', shift: true, granularity: 'line' },
  { key: 'ArrowRight', shift: true, granularity: 'step' },
  { key: 'ArrowLeft', shift: true, granularity: 'step' },
  { key: ']', shift: false, granularity: 'iteration' },
  { key: '[', shift: false, granularity: 'iteration' },
];
/** Jumps, after the scrubber's: each moves far, so every task card and mark may change. */
const JUMP_KEYS: { name: string; key: string; shift: boolean }[] = [
  { name: 'next timer', key: 't', shift: false },
  { name: 'End', key: 'End', shift: false },
  { name: 'Home', key: 'Home', shift: false },
  { name: 'first timer', key: 't', shift: false },
];
const TRACE_PATH = 'traces/bench-step-frame.json';

interface Sample {
  total: number;
  work: number;
  from: number;
  to: number;
}

/**
 * The page side, as a string: tsx compiles this file with esbuild's keepNames, whose `__name`
 * helper would not exist in the page (see MARK_SCRIPT in page.ts).
 */
const PAGE_SCRIPT = `(() => {
  const bar = () => document.querySelector('[aria-label="Debugger"]');
  /** Calls back at the end of the next frame: after its rAF callbacks, style, layout and paint. */
  const afterNextFrame = (cb) =>
    requestAnimationFrame((ts) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => cb(ts, performance.now());
      ch.port2.postMessage(null);
    });
  window.__stepFrame = {
    /** Moves the cursor through the scrubber, as a drag would; resolves once painted. */
    seek(step) {
      return new Promise((resolve) => {
        const input = document.querySelector('input.ls-scrubber');
        const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        set.call(input, String(step));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        afterNextFrame(() => afterNextFrame(() => resolve(Number(bar().dataset.step))));
      });
    },
    /** Times one key press; ignored = true for a key the debugger does not use. */
    press(key, shift, ignored) {
      return this.time(
        () => window.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey: shift, bubbles: true, cancelable: true })),
        key,
        ignored,
      );
    },
    /** Times a jump through the scrubber (one input event, as a click on the track gives). */
    scrub(step) {
      return this.time(() => {
        const input = document.querySelector('input.ls-scrubber');
        const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        set.call(input, String(step));
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, 'scrubber ' + step, false);
    },
    time(act, key, ignored) {
      return new Promise((resolve, reject) => {
        const el = bar();
        const before = el.dataset.step;
        let t1 = 0;
        const timeout = setTimeout(() => {
          obs.disconnect();
          reject(new Error('step ' + before + ': ' + key + ' did not move the cursor'));
        }, 10000);
        const finish = () =>
          afterNextFrame((ts, t3) => {
            clearTimeout(timeout);
            resolve({
              total: t3 - t0,
              work: t1 - t0 + (t3 - Math.max(t1, ts)),
              from: Number(before),
              to: Number(el.dataset.step),
            });
          });
        const obs = new MutationObserver(() => {
          if (el.dataset.step === before) return;
          obs.disconnect();
          t1 = performance.now();
          finish();
        });
        if (!ignored) obs.observe(el, { attributes: true, attributeFilter: ['data-step'] });
        const t0 = performance.now();
        act();
        if (ignored) queueMicrotask(() => { t1 = performance.now(); finish(); });
      });
    },
    /** An empty frame asked for from a fresh task: the wait for a frame plus its fixed cost. */
    emptyFrame() {
      return new Promise((resolve) => {
        const t0 = performance.now();
        afterNextFrame((ts, t3) => resolve({ total: t3 - t0, work: t3 - Math.max(t0, ts), from: -1, to: -1 }));
      });
    },
  };
})()`;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

const stats = (xs: number[]) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), n: xs.length });

export interface StepFrameOptions {
  log?: (line: string) => void;
  /** Passes over the keys at each position (default 4); the first, a warm-up, is not counted. */
  reps?: number;
  /**
   * Passes mid-run and over the jumps (default 11, so 60 samples each): a p95 of 18 samples is
   * their maximum, one collection or one slow frame.
   */
  sampleReps?: number;
  /** Wait out register-sw.ts's 15 s fallback before timing (default false). */
  settle?: boolean;
}

/** The `debugger.step-frame.*` figures, in the production build served at `appUrl`. */
export async function stepFrameFigures(
  browser: Browser,
  appUrl: string,
  opts: StepFrameOptions = {},
): Promise<Figure[]> {
  const log = opts.log ?? (() => undefined);
  const reps = Math.max(2, opts.reps ?? 4);
  const sampleReps = Math.max(2, opts.sampleReps ?? 11);
  const trace = syntheticTrace({ tasks: 10_000, sleeps: 6 });
  const events = trace.events.kind.length;
  const json = traceToJson(trace);
  // No service worker: it would answer the trace request before the route below sees it.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    serviceWorkers: 'block',
  });
  await context.route(`**/${TRACE_PATH}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: json }),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${appUrl}/?trace=${TRACE_PATH}`);
  await page.waitForFunction(
    (n) => document.querySelector('[aria-label="Debugger"]')?.textContent?.includes(`/ ${n}`),
    events.toLocaleString('en-US'),
    { timeout: 120_000, polling: 100 },
  );
  // register-sw.ts waits for the runtime (which a replay page never boots) up to 15 s; it used to
  // run a document-wide query on every DOM change meanwhile. `settle` starts after that wait.
  if (opts.settle) {
    await page.waitForFunction(() => performance.now() > 15_500, null, {
      timeout: 60_000,
      polling: 250,
    });
  }
  await page.evaluate(PAGE_SCRIPT);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  const cdp = process.env.BENCH_STEP_PROFILE ? await context.newCDPSession(page) : null;
  // Sampled allocations of the mid-run steps, freed ones included (a .heapprofile file).
  const heap = process.env.BENCH_STEP_HEAP ? await context.newCDPSession(page) : null;
  // A Chrome trace (thread CPU time per task) of the mid-run steps and of the jumps.
  const tracePath = process.env.BENCH_STEP_TRACE;
  const startTrace = (path: string) =>
    browser.startTracing(page, {
      path,
      categories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        // e.g. disabled-by-default-devtools.timeline.invalidationTracking: what restyled what.
        ...(process.env.BENCH_STEP_TRACE_CATEGORIES?.split(',') ?? []),
      ],
    });
  const byPosition: Record<string, Sample[]> = {};
  const all: Sample[] = [];
  const mid: Sample[] = [];
  const ignored: Sample[] = [];
  const empty: Sample[] = [];
  type Api = {
    __stepFrame: {
      seek(step: number): Promise<number>;
      press(key: string, shift: boolean, ignored?: boolean): Promise<Sample>;
      scrub(step: number): Promise<Sample>;
      emptyFrame(): Promise<Sample>;
    };
  };
  for (const at of POSITIONS) {
    const target = Math.round(at * (events - 1));
    const landed = await page.evaluate(
      (s) => (window as unknown as Api).__stepFrame.seek(s),
      target,
    );
    if (landed !== target) throw new Error(`seek to ${target} landed on ${landed}`);
    if (tracePath && at === MID) await startTrace(`${tracePath}.mid.json`);
    if (heap && at === MID) {
      await heap.send('HeapProfiler.enable');
      await heap.send('HeapProfiler.startSampling', {
        samplingInterval: 1024,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
    if (cdp && at === MID) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const here: Sample[] = [];
    const passes = at === MID ? sampleReps : reps;
    for (let r = 0; r < passes; r++) {
      for (const k of KEYS) {
        const s = await page.evaluate(
          ([key, shift]) => (window as unknown as Api).__stepFrame.press(key, shift),
          [k.key, k.shift] as const,
        );
        if (r > 0) here.push(s);
      }
      if (r > 0) {
        ignored.push(
          await page.evaluate(() =>
            (window as unknown as Api).__stepFrame.press('F13', false, true),
          ),
        );
        empty.push(await page.evaluate(() => (window as unknown as Api).__stepFrame.emptyFrame()));
      }
    }
    if (tracePath && at === MID) await browser.stopTracing();
    if (heap && at === MID) {
      const { profile } = await heap.send('HeapProfiler.stopSampling');
      writeFileSync(process.env.BENCH_STEP_HEAP!, JSON.stringify(profile));
      log(`page: step-frame allocation profile written to ${process.env.BENCH_STEP_HEAP}`);
    }
    if (cdp && at === MID) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(process.env.BENCH_STEP_PROFILE!, JSON.stringify(profile));
      log(`page: step-frame CPU profile written to ${process.env.BENCH_STEP_PROFILE}`);
    }
    all.push(...here);
    if (at === MID) mid.push(...here);
    const w = stats(here.map((s) => s.work));
    const t = stats(here.map((s) => s.total));
    byPosition[String(target)] = here;
    // `here` holds the keys in KEYS order, pass after pass: the work of each granularity apart.
    const byGranularity = [...new Set(KEYS.map((k) => k.granularity))].map((g) => {
      const xs = here.filter((_, i) => KEYS[i % KEYS.length].granularity === g);
      return `${g} ${quantile(
        xs.map((x) => x.work),
        0.5,
      ).toFixed(1)}`;
    });
    log(
      `page: step→frame at step ${target}: work p50/p95 ${w.p50.toFixed(1)}/${w.p95.toFixed(1)} ms, ` +
        `key-to-frame ${t.p50.toFixed(1)}/${t.p95.toFixed(1)} ms; work p50 by granularity: ` +
        byGranularity.join(', '),
    );
  }
  // Jumps: the scrubber across the run (every task's chain changes), run to the next timer, End,
  // Home, and from the start to the first timer firing (every task appears, parked). The scrub
  // targets move a little each pass, so a pass does not find the chains the last one read.
  const jumps: Sample[] = [];
  const jumpNames: string[] = [];
  const jumpCdp = process.env.BENCH_JUMP_PROFILE ? await context.newCDPSession(page) : null;
  if (jumpCdp) {
    await jumpCdp.send('Profiler.enable');
    await jumpCdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await jumpCdp.send('Profiler.start');
  }
  const jumpHeap = process.env.BENCH_JUMP_HEAP ? await context.newCDPSession(page) : null;
  if (jumpHeap) {
    await jumpHeap.send('HeapProfiler.enable');
    await jumpHeap.send('HeapProfiler.startSampling', {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  if (tracePath) await startTrace(`${tracePath}.jumps.json`);
  for (let r = 0; r < sampleReps; r++) {
    const moves: [string, () => Promise<Sample>][] = [
      ...[0.25 + 0.02 * r, 0.75 - 0.02 * r].map((at): [string, () => Promise<Sample>] => [
        `scrub ${at.toFixed(2)}`,
        () =>
          page.evaluate(
            (s) => (window as unknown as Api).__stepFrame.scrub(s),
            Math.round(at * (events - 1)),
          ),
      ]),
      ...JUMP_KEYS.map((k): [string, () => Promise<Sample>] => [
        k.name,
        () =>
          page.evaluate(
            ([key, shift]) => (window as unknown as Api).__stepFrame.press(key, shift),
            [k.key, k.shift] as const,
          ),
      ]),
    ];
    for (const [name, move] of moves) {
      const s = await move();
      if (r > 0) {
        jumps.push(s);
        jumpNames.push(name);
      }
    }
  }
  if (tracePath) await browser.stopTracing();
  if (jumpHeap) {
    const { profile } = await jumpHeap.send('HeapProfiler.stopSampling');
    writeFileSync(process.env.BENCH_JUMP_HEAP!, JSON.stringify(profile));
    log(`page: jump allocation profile written to ${process.env.BENCH_JUMP_HEAP}`);
    await jumpHeap.detach();
  }
  if (jumpCdp) {
    const { profile } = await jumpCdp.send('Profiler.stop');
    writeFileSync(process.env.BENCH_JUMP_PROFILE!, JSON.stringify(profile));
    log(`page: jump CPU profile written to ${process.env.BENCH_JUMP_PROFILE}`);
    await jumpCdp.detach();
  }
  const jw = stats(jumps.map((s) => s.work));
  log(
    `page: jumps work p50/p95 ${jw.p50.toFixed(1)}/${jw.p95.toFixed(1)} ms; ` +
      jumps.map((s, i) => `${jumpNames[i]} ${s.work.toFixed(0)}`).join(', '),
  );
  await cdp?.detach();
  await heap?.detach();
  await context.close();
  if (errors.length) throw new Error(`step-frame page errors: ${errors.join('; ')}`);

  const summary = (xs: Sample[]) => ({
    work: stats(xs.map((s) => s.work)),
    total: stats(xs.map((s) => s.total)),
  });
  const positions = Object.fromEntries(
    Object.entries(byPosition).map(([step, xs]) => [step, summary(xs)]),
  );
  const midWork = mid.map((s) => s.work);
  const ignoredWork = ignored.map((s) => s.work);
  const detail = {
    events,
    tasks: 10_000,
    keys: KEYS.map((k) => `${k.shift ? 'Shift+' : ''}${k.key}`),
    positions,
    all: summary(all),
    jumps: { ...summary(jumps), moves: jumpNames },
    ignoredKey: summary(ignored),
    emptyFrame: summary(empty),
  };
  return [
    {
      name: 'debugger.step-frame.p50',
      title: `Step → frame, mid-run (${events} events, 10k tasks alive): key press to the new step painted, without the wait for the frame, p50`,
      value: quantile(midWork, 0.5),
      unit: 'ms',
      baseline: quantile(ignoredWork, 0.5),
      baselineName: 'a key the debugger ignores, timed the same way (key handler + one frame)',
      detail,
    },
    {
      name: 'debugger.step-frame.p95',
      title: 'Step → frame, mid-run, p95',
      value: quantile(midWork, 0.95),
      unit: 'ms',
      baseline: quantile(ignoredWork, 0.95),
      baselineName: 'a key the debugger ignores, timed the same way',
      goal: { max: 16 },
    },
    {
      name: 'debugger.jump-frame.p95',
      title:
        'Jump → frame (scrubber across the run, End, Home, run to the next timer), without the wait for the frame, p95',
      value: jw.p95,
      unit: 'ms',
      baseline: quantile(ignoredWork, 0.95),
      baselineName: 'a key the debugger ignores, timed the same way',
      goal: { max: 16 },
      detail: { p50: jw.p50, n: jw.n, moves: jumpNames, work: jumps.map((s) => s.work) },
    },
    {
      name: 'debugger.key-to-frame.p95',
      title: 'Key press to the new step on screen, incl. the wait for the frame, mid-run, p95',
      value: quantile(
        mid.map((s) => s.total),
        0.95,
      ),
      unit: 'ms',
      baseline: quantile(
        empty.map((s) => s.total),
        0.95,
      ),
      baselineName: 'an empty frame asked for from a fresh task (the wait for a frame)',
    },
  ];
}
