import { describe, expect, it } from 'vitest';
import { decodeLink } from './link';
import {
  DEFAULT_EMBED_PANELS,
  MIN_FIRST_ROW_PX,
  MIN_TASKS_PX,
  MIN_TASKS_WITH_TABS_PX,
  STACKED_QUERY,
  embedGrid,
  embedHeight,
  embedSnippet,
} from './embed-layout';

describe('embedGrid', () => {
  it('shows code and output alone in one column', () => {
    const g = embedGrid(['editor', 'console']);
    expect(g.hidden.sort()).toEqual(['debugbar', 'inspector', 'loop', 'tasks', 'timeline']);
    expect(g.areas).toBe("'toolbar' 'editor' 'console'");
    expect(g.columns).toBe('minmax(0, 1fr)');
  });

  it('puts the debugger on the right and keeps the step controls for any debugger panel', () => {
    const g = embedGrid(['editor', 'tasks', 'console']);
    expect(g.hidden.sort()).toEqual(['inspector', 'loop', 'timeline']);
    expect(g.areas).toBe("'toolbar toolbar' 'debugbar debugbar' 'editor tasks' 'console tasks'");
  });

  it('stretches the shorter column and adds the timeline row', () => {
    const g = embedGrid(['editor', 'loop', 'tasks', 'timeline']);
    expect(g.areas).toBe(
      "'toolbar toolbar' 'debugbar debugbar' 'editor loop' 'editor tasks' 'timeline timeline'",
    );
    expect(g.rows).toBe(
      `auto auto minmax(160px, 1.6fr) minmax(${MIN_TASKS_PX}px, 1fr) minmax(120px, 160px)`,
    );
  });

  it('shows the futures and resources tabs only when asked, with room for them', () => {
    const plain = embedGrid(['editor', 'tasks', 'console']);
    expect(plain.hidden).toContain('inspector');
    expect(plain.rows).toBe(`auto auto minmax(160px, 1.6fr) minmax(${MIN_TASKS_PX}px, 1fr)`);
    for (const tab of ['futures', 'resources'] as const) {
      const g = embedGrid(['editor', 'tasks', tab, 'console']);
      expect(g.hidden).not.toContain('inspector');
      expect(g.rows).toBe(
        `auto auto minmax(160px, 1.6fr) minmax(${MIN_TASKS_WITH_TABS_PX}px, 1fr)`,
      );
      expect(embedGrid(['editor', 'tasks', tab, 'console'], { stacked: true }).rows).toContain(
        `minmax(${MIN_TASKS_WITH_TABS_PX}px, 1fr)`,
      );
    }
    // The tasks' row below the code keeps a card of them in any case.
    expect(MIN_TASKS_PX).toBeGreaterThanOrEqual(120);
    expect(MIN_TASKS_WITH_TABS_PX).toBeGreaterThan(MIN_TASKS_PX + 80);
  });

  it('never lets the first row (the code) shrink to nothing', () => {
    const all = ['editor', 'loop', 'tasks', 'futures', 'resources', 'console', 'timeline'] as const;
    for (const panels of [['editor', 'console'], all] as const) {
      expect(embedGrid(panels).rows).toContain(`auto minmax(${MIN_FIRST_ROW_PX}px, 1.6fr)`);
    }
  });

  it('stacks the default embed in one column, code first, in a narrow frame', () => {
    const g = embedGrid(DEFAULT_EMBED_PANELS, { stacked: true });
    expect(g.areas).toBe("'toolbar' 'debugbar' 'editor' 'console' 'loop' 'tasks'");
    expect(g.columns).toBe('minmax(0, 1fr)');
    expect(g.rows.split(' minmax')).toHaveLength(5);
    expect(g.hidden.sort()).toEqual(['inspector', 'timeline']);
    // The code gets more than the side-by-side floor: it has the whole width and the frame scrolls.
    expect(g.rows).toMatch(/^auto auto minmax\((\d+)px/);
    expect(Number(/^auto auto minmax\((\d+)px/.exec(g.rows)![1])).toBeGreaterThan(MIN_FIRST_ROW_PX);
    const all = embedGrid(['editor', 'loop', 'tasks', 'futures', 'console', 'timeline'], {
      stacked: true,
    });
    expect(all.areas).toBe("'toolbar' 'debugbar' 'editor' 'console' 'loop' 'tasks' 'timeline'");
    // One column already: nothing changes.
    expect(embedGrid(['editor', 'console'], { stacked: true })).toEqual(
      embedGrid(['editor', 'console']),
    );
    expect(STACKED_QUERY).toBe('(max-width: 639.98px)');
  });

  it('falls back to code and output when nothing usable is chosen', () => {
    expect(embedGrid([]).hidden.sort()).toEqual([
      'debugbar',
      'inspector',
      'loop',
      'tasks',
      'timeline',
    ]);
  });
});

describe('embedSnippet', () => {
  it('writes a lazy iframe whose src decodes back to the program and options', () => {
    const code = 'print("<b> & \\"q\\"")\n';
    const snippet = embedSnippet({
      embedUrl: 'https://ls.example/embed.html',
      code,
      options: { panels: ['editor', 'console'], readonly: true, step: 3 },
      title: 'Loopscope: "quotes" & <tags>',
    });
    expect(snippet).toContain('loading="lazy"');
    expect(snippet).toContain('height="420"');
    expect(snippet).toContain('title="Loopscope: &quot;quotes&quot; &amp; &lt;tags&gt;"');
    const src = /src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&');
    const decoded = decodeLink(src);
    expect(decoded.ok && decoded.link).toMatchObject({
      code,
      options: { panels: ['editor', 'console'], readonly: true, step: 3 },
    });
    expect(new URL(src).pathname).toBe('/embed.html');
  });

  it('gives more room when debugger panels are shown', () => {
    const snippet = embedSnippet({
      embedUrl: 'https://ls.example/embed.html',
      code: 'x',
      options: {},
      title: 't',
    });
    expect(snippet).toContain('height="520"');
  });

  it('makes the frame taller for the timeline, which is a row of its own', () => {
    const snippet = embedSnippet({
      embedUrl: 'https://ls.example/embed.html',
      code: 'x',
      options: { panels: ['editor', 'loop', 'tasks', 'console', 'timeline'] },
      title: 't',
    });
    expect(snippet).toContain('height="690"');
    // The debug bar's explanation adds nothing; the futures and resources tabs room for them.
    expect(embedHeight(['editor', 'tasks', 'explanation', 'console'])).toBe(520);
    expect(embedHeight(['editor', 'tasks', 'futures', 'resources', 'explanation', 'console'])).toBe(
      620,
    );
    expect(embedHeight(['editor', 'loop', 'tasks', 'futures', 'console', 'timeline'])).toBe(790);
    expect(embedHeight(['editor', 'console', 'timeline'])).toBe(690);
    expect(embedHeight(['editor', 'console'])).toBe(420);
    expect(embedHeight(undefined)).toBe(520);
  });
});
