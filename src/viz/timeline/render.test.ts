import { describe, expect, it } from 'vitest';
import { arrowsFor, createFrame, limitsFor, prepareFrame } from './frame';
import { buildTimelineModel } from './model';
import {
  DARK_THEME,
  HEADER_HEIGHT,
  LANE_HEIGHT,
  LIGHT_THEME,
  TimelineRenderer,
  timelineThemeFor,
} from './render';
import type { DrawOptions, TimelineTheme } from './render';
import { frameToSvg } from './svg';
import { syntheticTrace } from './synthetic-trace';
import { tinyTrace } from './test-trace';
import { TimeScale } from './time-scale';

/** A 2D context that records the colours assigned to it, in order (node has no canvas). */
function colourRecorder() {
  const colours: string[] = [];
  const ctx = new Proxy(
    {},
    {
      get: (_t, name) => (name === 'measureText' ? () => ({ width: 10 }) : () => undefined),
      set(_t, name, value) {
        if (name === 'fillStyle' || name === 'strokeStyle') colours.push(String(value));
        return true;
      },
    },
  );
  return { ctx: ctx as CanvasRenderingContext2D, colours };
}

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const model = buildTimelineModel(tinyTrace());
const layout = {
  width: 900,
  height: HEADER_HEIGHT + LANE_HEIGHT * model.laneCount + 28,
  plotLeft: 200,
  header: HEADER_HEIGHT,
  laneHeight: LANE_HEIGHT,
  scrollTop: 0,
  footer: 28,
};
const scale = TimeScale.fit(limitsFor(model, 'logical'), 700);
const frame = prepareFrame(createFrame(), model, 'logical', scale, 0, model.laneCount);
const options = (theme: TimelineTheme): DrawOptions => ({
  selectedLane: 2,
  hoverLane: 1,
  cursorStep: 20,
  arrows: [0, 1, 2, 3, 4],
  brush: null,
  labels: true,
  theme,
});
/** The chrome colours of the dark theme: none may show on a light picture. */
const DARK_CHROME = [
  DARK_THEME.background,
  DARK_THEME.stripe,
  DARK_THEME.selected,
  DARK_THEME.header,
  DARK_THEME.gridStrong,
  DARK_THEME.cursor,
  DARK_THEME.text,
  DARK_THEME.loopSwatch,
];

describe('themes', () => {
  it('follows the page: light for data-theme="light", dark otherwise', () => {
    expect(timelineThemeFor('light')).toBe(LIGHT_THEME);
    expect(timelineThemeFor('dark')).toBe(DARK_THEME);
    expect(timelineThemeFor(undefined)).toBe(DARK_THEME);
  });

  it('draws a light canvas in the light theme, with no dark chrome', () => {
    const { ctx, colours } = colourRecorder();
    new TimelineRenderer().draw(ctx, frame, model, layout, options(LIGHT_THEME));
    expect(colours[0]).toBe(LIGHT_THEME.background);
    for (const c of [LIGHT_THEME.selected, LIGHT_THEME.header, LIGHT_THEME.cursor]) {
      expect(colours).toContain(c);
    }
    // Markers and arrows take the light palette (the tiny run has markers and five arrows).
    expect(colours.filter((c) => LIGHT_THEME.markerFill.includes(c)).length).toBeGreaterThan(3);
    expect(colours).toContain(LIGHT_THEME.arrowStroke[0]);
    for (const c of DARK_CHROME) expect(colours).not.toContain(c);
  });

  it('keeps the dark picture as it was', () => {
    const { ctx, colours } = colourRecorder();
    new TimelineRenderer().draw(ctx, frame, model, layout, options(DARK_THEME));
    expect(colours[0]).toBe(DARK_THEME.background);
    expect(colours).toContain(DARK_THEME.cursor);
    expect(colours).not.toContain(LIGHT_THEME.background);
  });

  it('exports SVG in the theme it is drawn in', () => {
    const svg = frameToSvg(frame, model, layout, options(LIGHT_THEME));
    expect(svg).toContain(`fill="${LIGHT_THEME.background}"`);
    for (const c of DARK_CHROME) expect(svg).not.toContain(`"${c}"`);
  });

  it('keeps markers and arrows at 3:1 contrast or more against their background', () => {
    for (const theme of [DARK_THEME, LIGHT_THEME]) {
      for (const c of [...theme.markerFill, ...theme.arrowStroke, theme.cursor, theme.loopSwatch]) {
        expect(contrast(c, theme.background), `${c} on ${theme.background}`).toBeGreaterThan(3);
      }
    }
  });
});

describe('cause arrows', () => {
  /** A 2D context that records every y its paths go through (node has no canvas). */
  function pathRecorder() {
    const ys: number[] = [];
    const ctx = new Proxy(
      {},
      {
        get: (_t, name) => {
          if (name === 'measureText') return () => ({ width: 10 });
          if (name === 'moveTo' || name === 'lineTo') return (_x: number, y: number) => ys.push(y);
          if (name === 'bezierCurveTo') return (...a: number[]) => ys.push(a[1], a[3], a[5]);
          return () => undefined;
        },
        set: () => true,
      },
    );
    return { ctx: ctx as CanvasRenderingContext2D, ys };
  }

  it('ends an arrow to a lane far outside the view just past its edge', () => {
    // 60 tasks: main's arrows reach lanes far below a view two lanes high.
    const big = buildTimelineModel(syntheticTrace({ tasks: 60, events: 4000 }));
    const fit = TimeScale.fit(limitsFor(big, 'logical'), 700);
    const arrows = arrowsFor(big, 1, 'logical', fit.start, fit.end);
    const lanes = arrows.map((i) => Math.max(big.arrows.fromLane[i], big.arrows.toLane[i]));
    expect(Math.max(...lanes)).toBeGreaterThan(40);
    const draw = (height: number, lastLane: number) => {
      const view = { ...layout, height, footer: 0 };
      const f = prepareFrame(createFrame(), big, 'logical', fit, 0, lastLane);
      const rec = pathRecorder();
      new TimelineRenderer().draw(rec.ctx, f, big, view, { ...options(DARK_THEME), arrows });
      return rec.ys;
    };
    const shortHeight = HEADER_HEIGHT + 2 * LANE_HEIGHT;
    expect(Math.max(...draw(shortHeight, 2))).toBeLessThanOrEqual(shortHeight + 2 * LANE_HEIGHT);
    // The whole picture (an export) still draws them to their lanes.
    const fullHeight = HEADER_HEIGHT + big.laneCount * LANE_HEIGHT;
    expect(Math.max(...draw(fullHeight, big.laneCount))).toBeGreaterThan(40 * LANE_HEIGHT);
  });
});
