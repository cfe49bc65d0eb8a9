import { describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n';
import { TraceBuilder } from '../../trace/builder';
import { PARKED_CONNECTION, parkedTrace } from '../../trace/parked.testutil';
import type { ParkedIn } from '../../trace/parked.testutil';
import { normalizeTrace } from '../../trace/normalize';
import {
  Done,
  EventKind as K,
  FutureKind,
  HandleKind,
  ResourceKind,
  Step,
  Wake,
} from '../../trace/schema';
import { translatorFor } from '../i18n';
import type { Translate } from '../english';
import { createFrame, limitsFor, prepareFrame } from './frame';
import { buildTimelineModel, describeSpan, spanLabel, SpanState } from './model';
import type { TimelineModel } from './model';
import { toTraceEvents } from './perfetto';
import { DARK_THEME, HEADER_HEIGHT, LANE_HEIGHT, spanLabels } from './render';
import { frameToSvg } from './svg';
import { TimeScale } from './time-scale';

initI18n('en');
const inLang = translatorFor;
const zh = inLang('zh-CN');
const en = inLang('en');

type How = ParkedIn;

const CONNECTION = PARKED_CONNECTION;

const parked = (how: How) => parkedTrace(how).trace;

/** The span of main's wait. */
function waitSpan(model: TimelineModel): number {
  const lane = model.taskLane[0];
  for (let i = model.spans.offsets[lane]; i < model.spans.offsets[lane + 1]; i++)
    if (model.spans.state[i] === SpanState.SUSPENDED) return i;
  throw new Error('main never waits');
}

const CASES: [How, string, string][] = [
  ['join', 'queue `q`.join()', '队列 `q` 的 join()'],
  [
    'readline',
    `readline() on connection \`${CONNECTION}\``,
    `连接 \`${CONNECTION}\` 上的 readline()`,
  ],
  ['taskgroup', 'the tasks of its TaskGroup', '它的 TaskGroup 里的任务'],
  ['get', 'queue `q`.get()', '队列 `q` 的 get()'],
  ['lock', 'Lock `db`', '锁 `db`'],
  ['executor', 'job(1) in a worker thread', '工作线程中的 job(1)'],
];

describe("a wait's words on the timeline", () => {
  it.each(CASES)('%s: label and tooltip name what the task card names', (how, english) => {
    const model = buildTimelineModel(parked(how));
    const i = waitSpan(model);
    expect(spanLabel(model, i)).toBe(`await ${english}`);
    expect(spanLabel(model, i, en)).toBe(`await ${english}`);
    expect(describeSpan(model, i, en)).toMatch(
      new RegExp(`^suspended on ${english.replace(/[.()]/g, '\\$&')} · t=0 s–1 s`),
    );
  });

  it.each(CASES)('%s: in Chinese, "等待" and no space before the Chinese', (how, _, chinese) => {
    const model = buildTimelineModel(parked(how));
    const i = waitSpan(model);
    expect(spanLabel(model, i, zh)).toBe(`等待${chinese}`);
    expect(describeSpan(model, i, zh)).toMatch(/^挂起，等待\S/);
    expect(describeSpan(model, i, zh).split(' · ')[0]).toBe(`挂起，等待${chinese}`);
    expect(spanLabel(model, i, zh) + describeSpan(model, i, zh)).not.toMatch(
      /await|suspended|Future|queue|the tasks/,
    );
  });

  it('uses the lifecycles the page passes, and derives them when none (or the wrong ones) are', () => {
    const trace = parked('join');
    const passed = buildTimelineModel(trace, normalizeTrace(trace));
    expect(passed.normalized?.trace).toBe(trace);
    expect(spanLabel(passed, waitSpan(passed))).toBe('await queue `q`.join()');
    // Lifecycles of another trace would name another run's resources: they are not used.
    const other = buildTimelineModel(trace, normalizeTrace(parked('lock')));
    expect(other.normalized).toBeNull();
    expect(spanLabel(other, waitSpan(other))).toBe('await queue `q`.join()');
  });

  it('a sleep keeps its own short label, with the space before code in Chinese', () => {
    const b = new TraceBuilder();
    const main = b.task('main', 'main', -1, 1);
    const step = b.handle(HandleKind.SOON, 0, 'task step', main);
    const sleep = b.future(FutureKind.SLEEP, 'sleep(0.5)', main, 2);
    b.at(0, -1, 0);
    b.emit(K.TASK_CREATED, main);
    b.emit(K.HANDLE_SCHEDULED, step);
    b.emit(K.HANDLE_START, step);
    b.at(0, main, 2);
    b.emit(K.TASK_STEP_START, main, Wake.FIRST, -1);
    b.emit(K.FUTURE_CREATED, sleep);
    b.emit(K.TASK_STEP_END, main, Step.SUSPENDED, sleep);
    b.at(0.5, -1, 0);
    b.emit(K.FUTURE_DONE, sleep, Done.RESULT, b.str('None'));
    const model = buildTimelineModel(b.build());
    const i = waitSpan(model);
    expect(spanLabel(model, i)).toBe('await sleep(0.5)');
    expect(spanLabel(model, i, zh)).toBe('等待 sleep(0.5)');
    expect(describeSpan(model, i, zh)).toMatch(/^挂起，等待 sleep\(0\.5\) · /);
  });

  it('the Perfetto export names the slice as the label does', () => {
    for (const [how, english] of CASES) {
      const events = toTraceEvents(buildTimelineModel(parked(how))).traceEvents;
      const waits = events.filter((e) => e.ph === 'X' && e.cat === 'suspended');
      expect(
        waits.map((e) => e.name),
        how,
      ).toEqual([`await ${english}`]);
    }
  });

  it('two waits in a row keep a label each on the virtual axis', () => {
    // main joins the queue until t=0.3, then at once waits for its TaskGroup until t=0.7: on the
    // clock the loop's steps between the two take no time at all.
    const b = new TraceBuilder();
    const main = b.task('main', 'main', -1, 1);
    const q = b.resource(ResourceKind.QUEUE, 'q', 2);
    const join = b.future(FutureKind.CALL, 'join', main, 5);
    const group = b.future(FutureKind.TASKGROUP, 'TaskGroup', main, 8);
    const step = b.handle(HandleKind.SOON, 0, 'task step', main);
    b.at(0, -1, 0);
    b.emit(K.TASK_CREATED, main);
    b.emit(K.RESOURCE_CREATED, q);
    b.emit(K.HANDLE_SCHEDULED, step);
    b.emit(K.HANDLE_START, step);
    b.at(0, main, 5);
    b.emit(K.TASK_STEP_START, main, Wake.FIRST, -1);
    b.emit(K.FUTURE_CREATED, join);
    b.emit(K.RESOURCE_WAIT, q, main, join);
    b.emit(K.TASK_STEP_END, main, Step.SUSPENDED, join);
    b.at(0, -1, 0);
    b.emit(K.HANDLE_END, step);
    let fut = join;
    for (const [time, next] of [
      [0.3, group],
      [0.7, -1],
    ]) {
      b.at(time, -1, 0);
      const done = b.emit(K.FUTURE_DONE, fut, Done.RESULT, b.str('None'));
      const wake = b.handle(HandleKind.SOON, time, 'task wakeup', main);
      b.emit(K.HANDLE_SCHEDULED, wake);
      b.emit(K.HANDLE_START, wake);
      b.at(time, main, 8);
      b.emit(K.TASK_STEP_START, main, Wake.FUTURE, done);
      if (next >= 0) {
        b.emit(K.FUTURE_CREATED, next);
        b.emit(K.TASK_STEP_END, main, Step.SUSPENDED, next);
      } else b.emit(K.TASK_STEP_END, main, Step.RETURNED, b.str('None'));
      b.at(time, -1, 0);
      b.emit(K.HANDLE_END, wake);
      fut = next;
    }
    const model = buildTimelineModel(b.build());
    const scale = TimeScale.fit(limitsFor(model, 'virtual'), 700);
    const frame = prepareFrame(createFrame(), model, 'virtual', scale, 0, model.laneCount);
    const layout = {
      width: 900,
      height: HEADER_HEIGHT + LANE_HEIGHT * model.laneCount,
      plotLeft: 200,
      header: HEADER_HEIGHT,
      laneHeight: LANE_HEIGHT,
      scrollTop: 0,
      footer: 0,
    };
    // Drawn text has no markup: the queue's name without its backticks.
    expect(spanLabels(frame, model, layout).map((l) => l.text)).toEqual([
      'await queue q.join()',
      'await the tasks of its TaskGroup',
    ]);
  });

  it('the SVG export draws the Chinese label', () => {
    const model = buildTimelineModel(parked('join'));
    const width = 900;
    const plotLeft = 200;
    const scale = TimeScale.fit(limitsFor(model, 'virtual'), width - plotLeft);
    const frame = prepareFrame(createFrame(), model, 'virtual', scale, 0, model.laneCount);
    const layout = {
      width,
      height: HEADER_HEIGHT + LANE_HEIGHT * model.laneCount + 28,
      plotLeft,
      header: HEADER_HEIGHT,
      laneHeight: LANE_HEIGHT,
      scrollTop: 0,
      footer: 28,
    };
    const svg = (t: Translate) =>
      frameToSvg(frame, model, layout, {
        selectedLane: -1,
        hoverLane: -1,
        cursorStep: -1,
        arrows: [],
        brush: null,
        labels: true,
        theme: DARK_THEME,
        t,
      });
    expect(svg(zh)).toContain('>等待队列 q 的 join()<');
    expect(svg(zh)).not.toContain('await');
    expect(svg(en)).toContain('>await queue q.join()<');
  });
});
