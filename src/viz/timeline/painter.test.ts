import { describe, expect, it } from 'vitest';
import { limitsFor } from './frame';
import { buildTimelineModel, stepX } from './model';
import { TimelinePainter } from './painter';
import type { CursorView, PlotView } from './painter';
import { DARK_THEME, HEADER_HEIGHT, LANE_HEIGHT } from './render';
import type { DrawOptions, TimelineLayout } from './render';
import { syntheticTrace } from './synthetic-trace';
import { TimeScale } from './time-scale';

/** A canvas whose 2D context records every call made on it (node has no canvas). */
function fakeCanvas() {
  const calls: { name: string; args: unknown[] }[] = [];
  const ctx = new Proxy(
    {},
    {
      get(_t, name) {
        if (name === 'measureText') return () => ({ width: 10 });
        return (...args: unknown[]) => calls.push({ name: String(name), args });
      },
      set: () => true,
    },
  );
  const canvas = { width: 0, height: 0, style: {}, getContext: () => ctx };
  return { canvas: canvas as unknown as HTMLCanvasElement, calls };
}

describe('TimelinePainter', () => {
  const model = buildTimelineModel(syntheticTrace({ tasks: 400, events: 60000 }));
  const layout: TimelineLayout = {
    width: 800,
    height: 300,
    plotLeft: 0,
    header: HEADER_HEIGHT,
    laneHeight: LANE_HEIGHT,
    scrollTop: 0,
  };
  const scale = TimeScale.fit(limitsFor(model, 'logical'), layout.width);
  const options: DrawOptions = {
    selectedLane: -1,
    hoverLane: -1,
    cursorStep: -1,
    arrows: [],
    brush: null,
    labels: false,
    theme: DARK_THEME,
  };
  const plotView: PlotView = {
    model,
    axis: 'logical',
    scale,
    firstLane: 0,
    lastLane: 14,
    layout,
    dpr: 1,
    options,
  };
  const cursorView = (step: number): CursorView => ({
    model,
    axis: 'logical',
    scale,
    layout,
    dpr: 1,
    step,
    theme: DARK_THEME,
  });

  it('moves the cursor without preparing or drawing the plot again', () => {
    const painter = new TimelinePainter();
    const plot = fakeCanvas();
    const cursor = fakeCanvas();
    expect(painter.plot(plot.canvas, plotView)).toBe(true);
    expect(painter.plotDraws).toBe(1);
    const plotCalls = plot.calls.length;
    expect(plotCalls).toBeGreaterThan(50);
    for (let step = 1000; step < 1100; step++) {
      // The component asks for both on every render; only the cursor has anything to do.
      expect(painter.plot(plot.canvas, { ...plotView })).toBe(false);
      expect(painter.cursor(cursor.canvas, cursorView(step))).toBe(true);
    }
    expect(painter.plotDraws).toBe(1);
    expect(plot.calls.length).toBe(plotCalls);
    expect(painter.cursorDraws).toBe(100);
    // Each cursor draw clears the overlay and paints one line and one tick: a dozen calls.
    expect(cursor.calls.length / 100).toBeLessThan(15);
  });

  it('draws the cursor line at the step on the overlay', () => {
    const painter = new TimelinePainter();
    const cursor = fakeCanvas();
    painter.cursor(cursor.canvas, cursorView(30000));
    const x = Math.round(scale.toPx(stepX(model, 'logical', 30000))) - 1;
    expect(cursor.calls[0].name).toBe('setTransform');
    expect(cursor.calls.find((c) => c.name === 'clearRect')?.args).toEqual([0, 0, 800, 300]);
    expect(cursor.calls.find((c) => c.name === 'fillRect')?.args).toEqual([
      x,
      HEADER_HEIGHT,
      2,
      300 - HEADER_HEIGHT,
    ]);
    // The same step again costs nothing; no step (-1) clears the overlay and draws nothing.
    expect(painter.cursor(cursor.canvas, cursorView(30000))).toBe(false);
    const before = cursor.calls.length;
    expect(painter.cursor(cursor.canvas, cursorView(-1))).toBe(true);
    expect(cursor.calls.slice(before).map((c) => c.name)).toEqual(['setTransform', 'clearRect']);
  });

  it('redraws the plot when the view, the lanes, the size or the options change', () => {
    const painter = new TimelinePainter();
    const plot = fakeCanvas();
    painter.plot(plot.canvas, plotView);
    expect(painter.plot(plot.canvas, { ...plotView, scale: scale.zoomAt(400, 2) })).toBe(true);
    expect(painter.plot(plot.canvas, { ...plotView, firstLane: 3, lastLane: 17 })).toBe(true);
    expect(painter.plot(plot.canvas, { ...plotView, layout: { ...layout, height: 320 } })).toBe(
      true,
    );
    expect(painter.plot(plot.canvas, { ...plotView, options: { ...options, hoverLane: 2 } })).toBe(
      true,
    );
    expect(painter.plotDraws).toBe(5);
    // The canvas is sized to the layout in device pixels.
    painter.plot(plot.canvas, { ...plotView, dpr: 2 });
    expect([plot.canvas.width, plot.canvas.height]).toEqual([1600, 600]);
  });
});
