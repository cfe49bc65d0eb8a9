import { describe, expect, it } from 'vitest';
import { createFrame, limitsFor, prepareFrame } from './frame';
import { LaneKind, buildTimelineModel } from './model';
import { frameTicks, laneLabel } from './render';
import { tinyTrace } from './test-trace';
import { TimeScale } from './time-scale';

describe('lane labels', () => {
  it('show a short coroutine name whole, and hide only a subtitle cut down to a stub', () => {
    const trace = tinyTrace();
    trace.strings = trace.strings.map((s) => (s === 'worker()' ? 'a()' : s));
    const model = buildTimelineModel(trace);
    const lane = Array.from({ length: model.laneCount }, (_, i) => i).find(
      (i) =>
        model.laneKind[i] === LaneKind.TASK &&
        trace.strings[trace.tasks.coro[model.laneRef[i]]] === 'a()',
    );
    expect(lane).toBeDefined();
    expect(laneLabel(model, lane!, 240).subtitle).toBe('a()');
    // So narrow that only a letter and an ellipsis would be left: nothing rather than "a…".
    const long = tinyTrace();
    long.strings = long.strings.map((s) => (s === 'worker()' ? 'download_one_flag()' : s));
    const longModel = buildTimelineModel(long);
    const narrow = laneLabel(longModel, lane!, 30 + 6.5 * 9).subtitle;
    expect(narrow === '' || narrow.length > 3).toBe(true);
  });

  it("show the event loop's subtitle whole at the page's label width (200 px)", () => {
    const model = buildTimelineModel(tinyTrace());
    const loop = Array.from({ length: model.laneCount }, (_, i) => i).find(
      (i) => model.laneKind[i] === LaneKind.LOOP,
    );
    expect(loop).toBeDefined();
    expect(laneLabel(model, loop!, 200)).toMatchObject({
      title: 'event loop',
      subtitle: 'one by one',
    });
  });
});

describe('step axis', () => {
  it('never labels a tick "-0" on a trace of a few steps', () => {
    const model = buildTimelineModel(tinyTrace());
    const limits = limitsFor(model, 'logical');
    // The view starts half a step before the first one, as the fitted view of a tiny run does.
    const scale = new TimeScale(-0.6, 2.4, 700, limits);
    const frame = prepareFrame(createFrame(), model, 'logical', scale, 0, model.laneCount);
    const labels = frameTicks(frame).map((t) => t.label);
    expect(labels[0]).toBe('0');
    expect(labels).not.toContain('-0');
  });
});
