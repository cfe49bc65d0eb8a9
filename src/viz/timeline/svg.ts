/**
 * The current view as SVG, generated from the same prepared Frame and styles the canvas draws, so
 * the vector export matches the screen. Rectangles of one style share one <path>, keeping the file
 * small enough for slides even when thousands of spans are visible.
 */
import { english } from '../english';
import type { Frame } from './frame';
import type { TimelineModel } from './model';
import { ArrowKind, MarkerKind, stepX } from './model';
import type { DrawOptions, TimelineLayout, TimelineTheme } from './render';
import {
  arrowGeometry,
  displayKey,
  frameTicks,
  laneLabel,
  exportTitle,
  laneY,
  legendLayout,
  markerShape,
  spanLabels,
  spanStyle,
} from './render';

/** Escapes text for XML character data and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;',
  );
}

const r = (v: number) => Math.round(v * 10) / 10;

function markerSvg(kind: number, x: number, cy: number, theme: TimelineTheme): string {
  const d = markerShape(kind)
    .polys.map((p) => {
      let s = `M${r(x + p[0])} ${r(cy + p[1])}`;
      for (let k = 2; k < p.length; k += 2) s += `L${r(x + p[k])} ${r(cy + p[k + 1])}`;
      return `${s}z`;
    })
    .join('');
  const stroke =
    kind !== MarkerKind.STDOUT && kind !== MarkerKind.STDERR
      ? ` stroke="${theme.background}" stroke-width="0.75"`
      : '';
  return `<path d="${d}" fill="${theme.markerFill[kind]}"${stroke}/>`;
}

export function frameToSvg(
  frame: Frame,
  model: TimelineModel,
  layout: TimelineLayout,
  opts: DrawOptions,
): string {
  const { theme } = opts;
  const tr = opts.t ?? english;
  const { width, height, plotLeft, header, laneHeight: lh } = layout;
  const plotW = frame.scale.width;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${xmlEscape(theme.font)}">`,
  );
  out.push(
    `<title>${xmlEscape(tr('timeline.draw.svgTitle', 'Loopscope timeline · {{file}}', { file: model.trace.meta.filename || 'main.py' }))}</title>`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="${theme.background}"/>`);
  for (let lane = frame.firstLane; lane < frame.lastLane; lane++) {
    const fill = lane === opts.selectedLane ? theme.selected : lane % 2 === 1 ? theme.stripe : '';
    if (fill)
      out.push(
        `<rect x="0" y="${r(laneY(layout, lane))}" width="${width}" height="${lh}" fill="${fill}"/>`,
      );
  }
  out.push(
    `<defs><clipPath id="plot"><rect x="${plotLeft}" y="${header}" width="${plotW}" height="${height - header}"/></clipPath></defs>`,
  );
  out.push(`<g clip-path="url(#plot)">`);
  const ticks = frameTicks(frame);
  for (const t of ticks) {
    out.push(
      `<rect x="${r(plotLeft + t.x)}" y="${header}" width="1" height="${height - header}" fill="${theme.gridStrong}"/>`,
    );
  }
  // Spans, one path per style.
  const groups = new Map<string, { d: string[]; fill: string; alpha: number }>();
  const inner = lh - 6;
  for (let i = 0; i < frame.rectCount; i++) {
    const st = spanStyle(displayKey(frame.rectKey[i], frame.rectLane[i], opts.focusTask ?? -1));
    const id = `${st.fill}|${st.alpha}|${st.top}|${st.height}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { d: [], fill: st.fill, alpha: st.alpha }));
    const x = r(plotLeft + frame.rectX0[i]);
    const w = r(Math.max(0.5, frame.rectX1[i] - frame.rectX0[i]));
    const y = r(laneY(layout, frame.rectLane[i]) + 3 + st.top * inner);
    const h = r(Math.max(1, st.height * inner));
    g.d.push(`M${x} ${y}h${w}v${h}h${-w}z`);
  }
  for (const g of groups.values()) {
    out.push(
      `<path d="${g.d.join('')}" fill="${g.fill}"${g.alpha < 1 ? ` fill-opacity="${g.alpha}"` : ''}/>`,
    );
  }
  for (const l of spanLabels(frame, model, layout, tr)) {
    out.push(
      `<text x="${r(l.x)}" y="${r(l.y)}" font-size="10" fill="${l.onFill ? '#0a0c10' : theme.textDim}"${l.onFill ? ' fill-opacity="0.85"' : ''}>${xmlEscape(l.text)}</text>`,
    );
  }
  // Markers.
  for (let i = 0; i < frame.markCount; i++) {
    const kind = frame.markKind[i];
    const x = plotLeft + frame.markX[i];
    const cy = laneY(layout, frame.markLane[i]) + lh / 2;
    const shape = markerShape(kind);
    const d = shape.polys
      .map((p) => {
        let s = `M${r(x + p[0])} ${r(cy + p[1])}`;
        for (let k = 2; k < p.length; k += 2) s += `L${r(x + p[k])} ${r(cy + p[k + 1])}`;
        return `${s}z`;
      })
      .join('');
    const stroke =
      kind !== MarkerKind.STDOUT && kind !== MarkerKind.STDERR
        ? ` stroke="${theme.background}"`
        : '';
    out.push(`<path d="${d}" fill="${theme.markerFill[kind]}"${stroke}/>`);
  }
  // Cause arrows.
  const ar = model.arrows;
  for (const i of opts.arrows) {
    const x0 = plotLeft + frame.scale.toPx(stepX(model, frame.axis, ar.fromStep[i]));
    const x1 = plotLeft + frame.scale.toPx(stepX(model, frame.axis, ar.toStep[i]));
    const y0 = laneY(layout, ar.fromLane[i]) + lh / 2;
    const y1 = laneY(layout, ar.toLane[i]) + lh / 2;
    const g = arrowGeometry(x0, y0, x1, y1);
    const c = theme.arrowStroke[ar.kind[i]];
    const dash = ar.kind[i] === ArrowKind.SPAWN ? ' stroke-dasharray="3 3"' : '';
    out.push(
      `<path d="M${r(x0)} ${r(y0)}C${r(g.c1x)} ${r(g.c1y)} ${r(g.c2x)} ${r(g.c2y)} ${r(x1)} ${r(y1)}" fill="none" stroke="${c}" stroke-width="1.5"${dash}/>`,
      `<path d="M${r(x1)} ${r(y1)}L${r(g.h1x)} ${r(g.h1y)}L${r(g.h2x)} ${r(g.h2y)}z" fill="${c}"/>`,
    );
  }
  out.push('</g>');
  // Header with the axis.
  out.push(`<rect width="${width}" height="${header}" fill="${theme.header}"/>`);
  out.push(`<rect y="${header - 1}" width="${width}" height="1" fill="${theme.gridStrong}"/>`);
  for (const t of ticks) {
    if (t.x < 0 || t.x > plotW) continue;
    out.push(
      `<text x="${r(plotLeft + t.x + 4)}" y="${header / 2 + 4}" font-size="11" fill="${theme.textDim}">${xmlEscape(t.label)}</text>`,
    );
  }
  if (opts.cursorStep >= 0) {
    const x = plotLeft + frame.scale.toPx(stepX(model, frame.axis, opts.cursorStep));
    if (x >= plotLeft && x <= plotLeft + plotW) {
      out.push(
        `<rect x="${r(x - 1)}" y="${header}" width="2" height="${height - header}" fill="${theme.cursor}" fill-opacity="0.9"/>`,
        `<path d="M${r(x - 6)} ${header - 8}L${r(x + 6)} ${header - 8}L${r(x)} ${header}z" fill="${theme.cursor}"/>`,
      );
    }
  }
  if (opts.labels) {
    out.push(
      `<text x="10" y="${header / 2 + 4}" font-size="12" font-weight="600" fill="${theme.text}">${xmlEscape(exportTitle(model, frame.axis, tr))}</text>`,
    );
    for (let lane = frame.firstLane; lane < frame.lastLane; lane++) {
      const y = laneY(layout, lane) + lh / 2;
      if (y < header) continue;
      const l = laneLabel(model, lane, plotLeft, tr, theme);
      out.push(`<rect x="8" y="${r(y - 4)}" width="8" height="8" fill="${l.swatch}"/>`);
      out.push(
        `<text x="22" y="${r(y + 4)}" font-size="12"${lane === 0 ? ' font-weight="600"' : ''} fill="${theme.text}">${xmlEscape(l.title)}${
          l.subtitle
            ? `<tspan dx="6" font-size="11" fill="${theme.textDim}">${xmlEscape(l.subtitle)}</tspan>`
            : ''
        }</text>`,
      );
    }
  }
  if (layout.footer) {
    const h = layout.footer;
    const top = height - h;
    const cy = top + h / 2;
    out.push(`<rect y="${top}" width="${width}" height="${h}" fill="${theme.header}"/>`);
    out.push(`<rect y="${top}" width="${width}" height="1" fill="${theme.gridStrong}"/>`);
    for (const { x, item, label } of legendLayout(12, tr)) {
      if (item.key !== undefined) {
        const st = spanStyle(item.key);
        const bh = Math.max(2, st.height * 12);
        out.push(
          `<rect x="${x}" y="${r(cy - bh / 2)}" width="20" height="${r(bh)}" fill="${st.fill}"${st.alpha < 1 ? ` fill-opacity="${st.alpha}"` : ''}/>`,
        );
      } else if (item.marker !== undefined) {
        out.push(markerSvg(item.marker, x + 10, cy, theme));
      }
      out.push(
        `<text x="${r(x + 26)}" y="${r(cy + 4)}" font-size="11" fill="${theme.textDim}">${xmlEscape(label)}</text>`,
      );
    }
  }
  out.push('</svg>');
  return out.join('\n');
}
