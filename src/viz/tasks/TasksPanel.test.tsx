import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { cancelState } from '../fixtures';
import type { TraceState } from '../../trace/types';
import { TasksPanel } from './TasksPanel';

/** One card's text as it reads: tags removed, nothing added between them. */
function cardText(state: TraceState, name: string): string {
  const html = renderToStaticMarkup(
    <TasksPanel state={state} selectedTask={-1} onSelectTask={() => {}} onRevealLine={() => {}} />,
  );
  const card = new RegExp(
    `<div role="listitem"[^>]*data-task="[^"]*"[^>]*aria-label="[^"]*${name}`,
  );
  const start = html.search(card);
  expect(start, name).toBeGreaterThanOrEqual(0);
  const next = html.indexOf('<div role="listitem"', start + 1);
  return html
    .slice(start, next < 0 ? undefined : next)
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'");
}

/** main without a chain: where it runs, with no "frames as of" hint. */
const noChain: TraceState = {
  ...cancelState,
  tasks: cancelState.tasks.map((t) => (t.id === 0 ? { ...t, chain: [] } : t)),
};

describe('task cards: where a task was created and where it runs', () => {
  afterEach(() => setLanguage('en', { persist: false }));

  it('read as before in English', () => {
    setLanguage('en', { persist: false });
    const main = cardText(cancelState, 'main');
    expect(main).toContain('now at line 13 (frames as of its last await)');
    expect(main).toContain('created by the program, line 20');
    expect(cardText(cancelState, 'alpha')).toContain('created by main, line 10');
    expect(cardText(noChain, 'main')).toContain('now at line 13created by');
  });

  it('read as Chinese sentences: no English comma, no space against Chinese', () => {
    setLanguage('zh-CN', { persist: false });
    const main = cardText(cancelState, 'main');
    expect(main).toContain('当前位于第 13 行（帧信息截至它上一次 await）');
    expect(main).toContain('由主程序在第 20 行创建');
    // A task's name is Latin text: spaced from the Chinese around it.
    expect(cardText(cancelState, 'alpha')).toContain('由 main 在第 10 行创建');
    expect(cardText(noChain, 'main')).toContain('当前位于第 13 行由主程序');
    const created = { ...cancelState.tasks[0], createdLine: 0 };
    expect(cardText({ ...cancelState, tasks: [created] }, 'main')).toContain('由主程序创建');
  });
});

describe("a parked task's frames", () => {
  afterEach(() => setLanguage('en', { persist: false }));

  // QA: a parked frame's Lock read [unlocked] while the Resources tab said it was held.
  it('say in a tooltip that their values are the ones it left at its last await', () => {
    setLanguage('en', { persist: false });
    const html = renderToStaticMarkup(
      <TasksPanel
        state={cancelState}
        selectedTask={-1}
        onSelectTask={() => {}}
        onRevealLine={() => {}}
      />,
    );
    const frozen = [...html.matchAll(/<ol class="ls-chain is-frozen"[^>]*>/g)].map((m) => m[0]);
    expect(frozen.length).toBeGreaterThan(0);
    for (const tag of frozen) {
      expect(tag).toMatch(/title="Lines and values as \S+ left them at its last await;/);
    }
    // A running task's chain is live: no such tooltip.
    expect(html).not.toMatch(/<ol class="ls-chain"[^>]*title=/);
  });
});
