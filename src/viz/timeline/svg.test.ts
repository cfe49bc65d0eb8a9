import { describe, expect, it } from 'vitest';
import { RESOURCES, flatten } from '../../i18n/resources';
import type { Tree } from '../../i18n/resources';
import type { Translate } from '../english';
import { createFrame, limitsFor, prepareFrame } from './frame';
import { buildTimelineModel, describeMarker, describeSpan, laneSubtitle } from './model';
import { DARK_THEME, HEADER_HEIGHT, LANE_HEIGHT } from './render';
import { frameToSvg, xmlEscape } from './svg';
import { syntheticTrace } from './synthetic-trace';
import { tinyTrace } from './test-trace';
import { TimeScale } from './time-scale';

/**
 * A strict little XML well-formedness check (Node has no DOMParser; the e2e test parses the
 * downloaded file with the browser's): balanced tags, quoted attributes, known entities only.
 */
function checkXml(src: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const re =
    /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:lt|gt|amp|quot|apos|#\d+);)/g;
  let m: RegExpExecArray | null;
  let roots = 0;
  while ((m = re.exec(src))) {
    if (m[0] === '<') {
      problems.push(`stray < at ${m.index}: ${src.slice(m.index, m.index + 40)}`);
      continue;
    }
    if (m[0].startsWith('&')) {
      problems.push(`bad entity at ${m.index}`);
      continue;
    }
    const [, close, name, , self] = m;
    if (close) {
      if (stack.pop() !== name) problems.push(`unbalanced </${name}>`);
    } else if (!self) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length) problems.push(`unclosed ${stack.join(',')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

describe('SVG export', () => {
  const model = buildTimelineModel(tinyTrace());
  const width = 900;
  const plotLeft = 200;
  const scale = TimeScale.fit(limitsFor(model, 'logical'), width - plotLeft);
  const frame = prepareFrame(createFrame(), model, 'logical', scale, 0, model.laneCount);
  const layout = {
    width,
    height: HEADER_HEIGHT + LANE_HEIGHT * model.laneCount + 28,
    plotLeft,
    header: HEADER_HEIGHT,
    laneHeight: LANE_HEIGHT,
    scrollTop: 0,
    footer: 28,
  };
  const svg = frameToSvg(frame, model, layout, {
    selectedLane: 2,
    hoverLane: -1,
    cursorStep: 25,
    arrows: [1, 2],
    brush: null,
    labels: true,
    theme: DARK_THEME,
  });

  it('is well-formed XML with one svg root of the view size', () => {
    expect(checkXml(svg)).toEqual([]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="900" height="122"/);
  });

  it('contains the lane labels, the axis, the cursor and the arrows', () => {
    expect(svg).toContain('>event loop<');
    expect(svg).toContain('>worker<tspan');
    expect(svg).toContain('worker()');
    expect(svg).toMatch(/<text[^>]*>\d+<\/text>/); // step ticks
    expect(svg.match(/fill="none" stroke=/g)).toHaveLength(2);
    expect(svg).toContain('fill-opacity="0.9"'); // the cursor line
    expect(svg).toContain('>main.py · steps<'); // the heading
    expect(svg).toContain('>CancelledError<'); // the legend strip
    expect(svg).toContain('>await sleep(0.5)<'); // what the worker waits on, inside its span
  });

  it('escapes text from the program', () => {
    expect(xmlEscape(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    expect(checkXml('<svg><text>a < b</text></svg>')).not.toEqual([]);
  });

  it('draws its words through the translator (heading, lanes, legend, tooltips)', () => {
    const zh = flatten(RESOURCES['zh-CN'].translation as Tree);
    const tr: Translate = (key, english, params) =>
      (zh[key] ?? english).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params?.[k]));
    const zhSvg = frameToSvg(frame, model, layout, {
      selectedLane: -1,
      hoverLane: -1,
      cursorStep: -1,
      arrows: [],
      brush: null,
      labels: true,
      theme: DARK_THEME,
      t: tr,
    });
    expect(checkXml(zhSvg)).toEqual([]);
    expect(zhSvg).toContain('>main.py · 步骤<');
    expect(zhSvg).toContain('>事件循环<');
    expect(zhSvg).toContain('<title>Loopscope 时间线 · main.py</title>');
    for (const word of ['运行中', '就绪', '已挂起', '已取消', '结果', '输出'])
      expect(zhSvg).toContain(`>${word}<`);
    expect(zhSvg).not.toContain('>event loop<');
    expect(zhSvg).not.toContain('>running<');
    expect(laneSubtitle(model, 0, tr)).toBe('一次只运行一个回调');
    // Loop-lane spans: the handle in words.
    // No space between Chinese and Chinese (QA: "正在运行 句柄 0").
    expect(describeSpan(model, 0, tr)).toMatch(/^正在运行句柄 0 · /);
    expect(describeSpan(model, 0, tr)).toMatch(/第 \d+–\d+ 步$/);
    if (model.markers.kind.length > 0) expect(describeMarker(model, 0, tr)).toMatch(/第 \d+ 步$/);
    // The loop's own callbacks are named in Chinese: a task step, a wakeup, a sleep's timer.
    const big = buildTimelineModel(syntheticTrace({ tasks: 3, events: 300 }));
    const spans = Array.from({ length: big.spans.s0.length }, (_, i) => i);
    const timer = spans.find((i) => describeSpan(big, i).includes('sleep timer'));
    expect(timer).toBeDefined();
    expect(describeSpan(big, timer!, tr)).toContain('sleep 定时器');
    expect(describeSpan(big, timer!, tr)).not.toContain('sleep timer');
  });
});
