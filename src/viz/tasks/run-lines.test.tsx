import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import type { RunLines } from '../../editor/line-map';
import type { TraceState } from '../../trace/types';
import { cancelState } from '../fixtures';
import { LoopPanel } from '../loop/LoopPanel';
import { FuturesList } from '../futures/FuturesPanel';
import { RunLinesContext } from './run-lines';
import { TasksPanel } from './TasksPanel';

/** Two lines typed at the top since the run, and the run's line 20 deleted. */
const EDITED: RunLines = { version: 1, lineOf: (line) => (line === 20 ? 0 : line + 2) };

const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

function tasks(state: TraceState, lines: RunLines | null): string {
  return renderToStaticMarkup(
    <RunLinesContext value={lines}>
      <TasksPanel state={state} selectedTask={-1} onSelectTask={() => {}} onRevealLine={() => {}} />
    </RunLinesContext>,
  );
}

describe('panel line numbers after edits (RunLinesContext)', () => {
  afterEach(() => setLanguage('en', { persist: false }));

  it('show the run’s numbers while no line moved', () => {
    const html = plain(tasks(cancelState, null));
    expect(html).toContain('now at line 13');
    expect(html).toContain('created by the program, line 20');
  });

  it('show the editor’s number for a moved line, and strike a deleted one', () => {
    const raw = tasks(cancelState, EDITED);
    const html = plain(raw);
    expect(html).toContain('now at line 15');
    expect(html).toContain('created by main, line 12');
    expect(html).not.toContain('now at line 13');
    // The run's line 20 is gone: its number struck through, no link to a line that is not there.
    expect(raw).toMatch(
      /<del class="ls-line is-gone" data-run-line="20" title="Line 20 of the run: deleted from the code since">line 20<\/del>/,
    );
  });

  it('map a line inside what a task awaits', () => {
    const parked = cancelState.tasks.find((t) => t.awaiting);
    expect(parked, 'a task awaiting something in the fixture').toBeDefined();
    const state: TraceState = {
      ...cancelState,
      tasks: cancelState.tasks.map((t) =>
        t === parked
          ? { ...t, awaiting: { ...t.awaiting!, text: 'a Future created at line 7' } }
          : t,
      ),
    };
    expect(plain(tasks(state, null))).toContain('awaits a Future created at line 7');
    expect(plain(tasks(state, EDITED))).toContain('awaits a Future created at line 9');
    const struck = tasks(state, { version: 2, lineOf: (line) => (line === 7 ? 0 : line) });
    expect(struck).toMatch(
      /created at line <del class="ls-text-line is-gone" data-run-line="7"[^>]*>7<\/del>/,
    );
  });

  it('map the loop panel’s current line and the futures’ lines too', () => {
    const loop = plain(
      renderToStaticMarkup(
        <RunLinesContext value={EDITED}>
          <LoopPanel state={cancelState} />
        </RunLinesContext>,
      ),
    );
    const before = plain(renderToStaticMarkup(<LoopPanel state={cancelState} />));
    expect(before).toContain(`line ${cancelState.currentLine}`);
    expect(loop).toContain(`line ${cancelState.currentLine + 2}`);
    const withLine = cancelState.futures.find((f) => f.line > 0 && f.line !== 20);
    expect(withLine, 'a future with a line in the fixture').toBeDefined();
    const futures = plain(
      renderToStaticMarkup(
        <RunLinesContext value={EDITED}>
          <FuturesList state={cancelState} selectedTask={-1} onSelectTask={() => {}} />
        </RunLinesContext>,
      ),
    );
    expect(futures).toContain(`line ${withLine!.line + 2}`);
  });
});
