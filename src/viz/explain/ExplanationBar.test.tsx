import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import type { WarningView } from '../../trace/types';
import { ExplanationBar } from './ExplanationBar';

/** What a person reads: tags removed, entities and spaces tidied. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const WARNINGS: WarningView[] = [
  {
    kind: 'blocking-call',
    message:
      'time.sleep(0.5) blocked the event loop for 0.5 s: no other task ran meanwhile (use await asyncio.sleep)',
    line: 6,
    step: 10,
  },
  {
    kind: 'python',
    message: "RuntimeWarning: coroutine 'work' was never awaited",
    line: 9,
    step: 20,
  },
];
const MESSAGE = {
  key: 'explain.suspended',
  params: { task: 'main', line: 4, awaiting: 'Lock `db`' },
};
const ENGLISH = 'main suspends at line 4, waiting for Lock `db`; the loop can run something else.';

function render() {
  return text(
    renderToStaticMarkup(
      <ExplanationBar explanation={ENGLISH} explanationMessage={MESSAGE} warnings={WARNINGS} />,
    ),
  );
}

describe('ExplanationBar', () => {
  afterEach(() => setLanguage('en', { persist: false }));

  it('shows the English sentence and warnings as the trace model words them', () => {
    setLanguage('en', { persist: false });
    const shown = render();
    expect(shown).toContain(ENGLISH.replace(/`/g, ''));
    for (const w of WARNINGS) expect(shown).toContain(w.message);
  });

  it('in Chinese, translates the fragments in the sentence and the tracer warnings', () => {
    setLanguage('zh-CN', { persist: false });
    const shown = render();
    expect(shown).toContain('main 在第 4 行挂起，等待 锁 db；');
    expect(shown).toContain('time.sleep(0.5) 让事件循环阻塞了 0.5 秒');
    expect(shown).not.toMatch(/Lock db|blocked the event loop/);
    // Python's own warning is Python's words.
    expect(shown).toContain("RuntimeWarning: coroutine 'work' was never awaited");
  });
});
