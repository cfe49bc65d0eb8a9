/**
 * Pure helpers for embeds: the grid an embed uses for its chosen panels, and the `<iframe>`
 * snippet the Embed button copies.
 */
import { encodeLink } from './link';
import type { LinkOptions, PanelId } from './link';

/**
 * What an embed shows when its link names no `panels`, and what the Embed dialog starts with:
 * code, output, the loop and the tasks. From STACK_BELOW_PX wide they fit a 520 px frame side by
 * side, where the full page's layout (made for a window, not a fixed-height frame) would stack
 * every panel in a column and push the console out of the frame; narrower, they stack and the
 * frame scrolls (embedGrid).
 */
export const DEFAULT_EMBED_PANELS: readonly PanelId[] = ['editor', 'loop', 'tasks', 'console'];

/**
 * Height the first row of panels (the editor, beside the loop) keeps however little room the
 * frame has: about six lines of code under the panel's header. A frame too short for it and the
 * rows above scrolls instead of squeezing the code away.
 */
export const MIN_FIRST_ROW_PX = 160;

/**
 * Height the tasks region keeps below the first row: the Tasks panel's header and first card.
 * With the futures and resources tabs under it (`futures` or `resources` asked for), their strip
 * and first line too (MIN_TASKS_WITH_TABS_PX; course.css splits the region). Less, and a 520 px
 * frame showed half a card header over an empty tab strip.
 */
export const MIN_TASKS_PX = 124;
export const MIN_TASKS_WITH_TABS_PX = 226;

/**
 * The playground's layout regions (see app/Layout.tsx), and the inspector (the futures and
 * resources tabs), which sits in the tasks region under the Tasks panel.
 */
export type Region =
  'debugbar' | 'editor' | 'console' | 'loop' | 'tasks' | 'inspector' | 'timeline';

export interface EmbedGrid {
  /** Regions to hide. */
  hidden: Region[];
  /** CSS grid values for the layout. */
  areas: string;
  rows: string;
  columns: string;
}

/**
 * Below this frame width (px) an embed's regions stack in one column: side by side, the code
 * column of a 600 px frame holds about 30 characters of a line, too few to read a program by.
 * Above it, the 520 px height the Embed button writes keeps everything in view (qa-embed.spec.ts
 * measures 720 px).
 */
export const STACK_BELOW_PX = 640;

/** The media query that is true where an embed stacks (LaunchedPlayground follows it). */
export const STACKED_QUERY = `(max-width: ${STACK_BELOW_PX - 0.02}px)`;

/**
 * Lays out the regions an embed shows. Code and output go on the left, the debugger's panels on
 * the right. The debug bar (step controls and explanation) spans the width under the toolbar
 * whenever any debugger panel is asked for. The toolbar's and the debug bar's rows are as tall as
 * their contents (course.css lets their height count); every other row has a floor.
 *
 * `stacked` (a frame narrower than STACK_BELOW_PX) puts every region in one column instead, in
 * reading order: the code, its output, the loop, the tasks, the timeline. Their floors add up to
 * more than a 520 px frame holds, so such a frame scrolls to the panels under the code.
 */
export function embedGrid(
  panels: readonly PanelId[],
  { stacked = false }: { stacked?: boolean } = {},
): EmbedGrid {
  const want = new Set(panels);
  const debuggerWanted = ['loop', 'tasks', 'futures', 'resources', 'timeline', 'explanation'].some(
    (p) => want.has(p as PanelId),
  );
  const shown: Record<Region, boolean> = {
    debugbar: debuggerWanted,
    editor: want.has('editor'),
    console: want.has('console'),
    loop: want.has('loop'),
    tasks: want.has('tasks') || want.has('futures') || want.has('resources'),
    inspector: want.has('futures') || want.has('resources'),
    timeline: want.has('timeline'),
  };
  // An embed with nothing to show would be useless: fall back to code and output.
  if (!Object.values(shown).some(Boolean)) {
    shown.editor = true;
    shown.console = true;
  }
  const hidden = (Object.keys(shown) as Region[]).filter((r) => !shown[r]);
  const left = (['editor', 'console'] as const).filter((r) => shown[r]);
  const right = (['loop', 'tasks'] as const).filter((r) => shown[r]);
  const twoColumns = left.length > 0 && right.length > 0;
  const tasksFloor = shown.inspector ? MIN_TASKS_WITH_TABS_PX : MIN_TASKS_PX;
  if (stacked && twoColumns) return stackedGrid(hidden, shown, [...left, ...right], tasksFloor);
  const rowCount = Math.max(left.length, right.length);
  const rows: string[] = [];
  const full = (name: string) => `'${twoColumns ? `${name} ${name}` : name}'`;
  const areaRows: string[] = [full('toolbar')];
  rows.push('auto');
  if (shown.debugbar) {
    areaRows.push(full('debugbar'));
    rows.push('auto');
  }
  for (let i = 0; i < rowCount; i++) {
    // A column with fewer regions stretches its last one down.
    const l = left[Math.min(i, left.length - 1)];
    const r = right[Math.min(i, right.length - 1)];
    areaRows.push(`'${twoColumns ? `${l} ${r}` : (l ?? r)}'`);
    rows.push(
      i === 0
        ? `minmax(${MIN_FIRST_ROW_PX}px, 1.6fr)`
        : r === 'tasks'
          ? `minmax(${tasksFloor}px, 1fr)`
          : 'minmax(100px, 1fr)',
    );
  }
  if (shown.timeline) {
    areaRows.push(full('timeline'));
    // The timeline panel is never shorter than 120 px (viz/timeline/timeline.css).
    rows.push('minmax(120px, 160px)');
  }
  return {
    hidden,
    areas: areaRows.join(' '),
    rows: rows.join(' '),
    columns: twoColumns ? 'minmax(0, 1.15fr) minmax(0, 1fr)' : 'minmax(0, 1fr)',
  };
}

/**
 * Floors of the stacked regions: enough for a dozen lines of code, a few lines of output, and
 * the loop's and tasks' first cards, since nothing beside them competes for the width.
 */
const STACKED_ROWS: Record<'editor' | 'console' | 'loop', string> = {
  editor: 'minmax(220px, 2fr)',
  console: 'minmax(120px, 1fr)',
  loop: 'minmax(160px, 1fr)',
};

function stackedGrid(
  hidden: Region[],
  shown: Record<Region, boolean>,
  regions: readonly ('editor' | 'console' | 'loop' | 'tasks')[],
  tasksFloor: number,
): EmbedGrid {
  const areas = ["'toolbar'"];
  const rows = ['auto'];
  if (shown.debugbar) {
    areas.push("'debugbar'");
    rows.push('auto');
  }
  for (const r of regions) {
    areas.push(`'${r}'`);
    // Alone in the width, the tasks keep 160 px (two cards); with the tabs under them, more.
    rows.push(r === 'tasks' ? `minmax(${Math.max(tasksFloor, 160)}px, 1fr)` : STACKED_ROWS[r]);
  }
  if (shown.timeline) {
    areas.push("'timeline'");
    rows.push('minmax(120px, 160px)');
  }
  return { hidden, areas: areas.join(' '), rows: rows.join(' '), columns: 'minmax(0, 1fr)' };
}

/** Attribute-safe text. */
function attr(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Height of the snippet's frame for these panels (px). Measured in an 880 px wide frame, a common
 * course-page column: code and output alone fit 420; the debug bar and the loop and task panels
 * beside them 520; the timeline is a row of its own, 160 px and a gap. The futures and resources
 * tabs under the Tasks panel need 100 px more for the tasks' row (MIN_TASKS_WITH_TABS_PX); the
 * explanation is part of the debug bar and adds nothing.
 * Narrower frames wrap the toolbar and the debug bar onto more lines and scroll; below
 * STACK_BELOW_PX they stack (embedGrid) and scroll to the panels under the code.
 */
export function embedHeight(panels: readonly PanelId[] | undefined): number {
  const grid = embedGrid(panels ?? DEFAULT_EMBED_PANELS);
  const shown = (r: Region) => !grid.hidden.includes(r);
  let height = shown('debugbar') || shown('loop') || shown('tasks') ? 520 : 420;
  if (shown('inspector')) height += 100;
  if (shown('timeline')) height += 170;
  return height;
}

/**
 * The snippet for a course page. `embedUrl` is the embed entry (…/embed.html) of this
 * deployment. Height follows the panels (embedHeight).
 */
export function embedSnippet(args: {
  embedUrl: string;
  code: string;
  options: LinkOptions;
  title: string;
}): string {
  const src = encodeLink(args.embedUrl, { code: args.code, options: args.options });
  const height = embedHeight(args.options.panels);
  return [
    '<iframe',
    `  src="${attr(src)}"`,
    `  title="${attr(args.title)}"`,
    '  width="100%"',
    `  height="${height}"`,
    '  loading="lazy"',
    '  style="border: 1px solid #8884; border-radius: 6px"',
    '></iframe>',
  ].join('\n');
}
