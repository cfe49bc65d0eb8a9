import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { TraceBuilder } from '../../trace/builder';
import { explain, renderExplanation } from '../../trace/explain';
import { normalizeTrace } from '../../trace/normalize';
import { EventKind as K, Outcome } from '../../trace/schema';
import type { WarningView } from '../../trace/types';
import type { RunLines } from '../../editor/line-map';
import { RunLinesContext } from '../tasks/run-lines';
import { ExplanationBar, listedWarnings } from './ExplanationBar';
import { readText } from '../html-text.testutil';

const text = (html: string) => readText(html, '');

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
type ExplanationMessage = { key: string; params: Record<string, string | number> };
const MESSAGE: ExplanationMessage = {
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

  it("keeps room for the run's warnings still to come, hidden, from its first step", () => {
    setLanguage('en', { persist: false });
    const at = (shown: number) =>
      renderToStaticMarkup(
        <ExplanationBar
          explanation={ENGLISH}
          warnings={WARNINGS.slice(0, shown)}
          runWarnings={WARNINGS}
        />,
      );
    const start = at(0);
    expect(text(start)).toContain('No warnings yet: this run raises 2 later.');
    // Both warnings are there, unseen and not read out, so the list is as tall as at the end.
    expect(
      start.match(/<li class="ls-warning is-[a-z-]+ is-later" aria-hidden="true"/g),
    ).toHaveLength(2);
    const middle = at(1);
    expect(text(middle)).not.toContain('No warnings yet');
    expect(middle.match(/ is-later"/g)).toHaveLength(1);
    expect(at(2)).not.toContain('is-later');
    // A run without warnings has no list at all.
    expect(
      renderToStaticMarkup(<ExplanationBar explanation={ENGLISH} warnings={[]} runWarnings={[]} />),
    ).not.toContain('ls-warnings');
  });

  it('shows the English sentence and warnings as the trace model words them', () => {
    setLanguage('en', { persist: false });
    const shown = render();
    expect(shown).toContain(ENGLISH.replace(/`/g, ''));
    for (const w of WARNINGS) expect(shown).toContain(w.message);
  });

  it('in Chinese, translates the fragments in the sentence and the tracer warnings', () => {
    setLanguage('zh-CN', { persist: false });
    const shown = render();
    // No space between 等待 and the Chinese 锁 (QA: "等待 队列 `q`"); one beside the name main.
    expect(shown).toContain('main 在第 4 行挂起，等待锁 db；');
    expect(shown).toContain('time.sleep(0.5) 让事件循环阻塞了 0.5 秒');
    expect(shown).not.toMatch(/Lock db|blocked the event loop/);
    // Python's own warning is Python's words.
    expect(shown).toContain("RuntimeWarning: coroutine 'work' was never awaited");
  });
});

describe('line numbers after the code was edited under the run', () => {
  afterEach(() => setLanguage('en', { persist: false }));
  /** Two lines typed at the top since the run; its line 4 deleted in a second edit. */
  const moved: RunLines = { version: 1, lineOf: (line) => line + 2 };
  const gone: RunLines = { version: 2, lineOf: (line) => (line === 4 ? 0 : line + 2) };
  const CANCEL = {
    key: 'explain.cancelTask',
    params: { who: 'main', task: 'w', msg: '', line: 14, awaitLine: 4 },
  };
  const barWith = (
    lines: RunLines | null,
    message: { key: string; params: Record<string, string | number> } = MESSAGE,
  ) =>
    renderToStaticMarkup(
      <RunLinesContext value={lines}>
        <ExplanationBar explanation="" explanationMessage={message} warnings={WARNINGS} />
      </RunLinesContext>,
    );

  it('says the editor’s line in the sentence and the warnings', () => {
    setLanguage('en', { persist: false });
    const shown = text(barWith(moved));
    expect(shown).toContain('main suspends at line 6, waiting for Lock db;');
    // The warnings' links (lines 6 and 9 of the run).
    expect(shown).toContain('line 8');
    expect(shown).toContain('line 11');
    expect(text(barWith(null))).toContain('main suspends at line 4,');
    setLanguage('zh-CN', { persist: false });
    expect(text(barWith(moved))).toContain('main 在第 6 行挂起');
  });

  it('strikes a line deleted since, and maps each line parameter on its own', () => {
    setLanguage('en', { persist: false });
    const html = barWith(gone, CANCEL);
    expect(text(html)).toContain(
      'main called w.cancel() at line 16: CancelledError will be thrown into w at its await on line 4.',
    );
    expect(html).toContain('<del class="ls-text-line is-gone" data-run-line="4"');
  });

  it('maps the lines inside the model’s fragments too', () => {
    const future = {
      key: 'explain.suspended',
      params: { task: 'main', line: 9, awaiting: 'a Future created at line 4' },
    };
    setLanguage('en', { persist: false });
    expect(text(barWith(moved, future))).toContain(
      'main suspends at line 11, waiting for a Future created at line 6;',
    );
    const html = barWith(gone, future);
    expect(text(html)).toContain('waiting for a Future created at line 4;');
    expect(html).toContain('<del class="ls-text-line is-gone" data-run-line="4"');
    setLanguage('zh-CN', { persist: false });
    expect(text(barWith(moved, future))).toMatch(/第 ?6 ?行/);
  });
});

describe('a syntax error written to stderr', () => {
  afterEach(() => setLanguage('en', { persist: false }));
  // The first step of a run that ended in a syntax error: the program writes the traceback.
  const b = new TraceBuilder({ outcome: Outcome.SYNTAX_ERROR });
  b.at(0, -1, 0).emit(
    K.STDERR,
    b.str(
      '  File "main.py", line 7\n    x = (1,\n        ^\nSyntaxError: \'(\' was never closed\n',
    ),
  );
  const msg = explain(normalizeTrace(b.build()), 0);
  const bar = () =>
    text(
      renderToStaticMarkup(
        <ExplanationBar
          explanation={renderExplanation(msg)}
          explanationMessage={msg}
          warnings={[]}
        />,
      ),
    );

  it('quotes the output as it reads, in English and in Chinese', () => {
    expect(bar()).toBe('The program writes “File "main.py", line 7 …” to stderr.');
    setLanguage('zh-CN', { persist: false });
    // No escapes, and no space between 主程序 and 向 (QA: "主程序 向 stderr 写入了").
    expect(bar()).toBe('主程序向 stderr 写入了“File "main.py", line 7 …”。');
  });
});

const note = (construct: string) =>
  `Legacy asyncio: ${construct}. Modern equivalent: \`async def\` with \`await\` instead of \`yield from\``;

/** As legacy-generators.py raises them: three notes before its first line, then later ones. */
const LEGACY: WarningView[] = [
  { kind: 'legacy', line: 4, step: 10, message: note('@asyncio.coroutine generator coroutine') },
  { kind: 'legacy', line: 11, step: 11, message: note('@asyncio.coroutine generator coroutine') },
  { kind: 'legacy', line: 21, step: 12, message: note('asyncio.async(...)') },
  { ...WARNINGS[0], line: 7, step: 40 },
  { kind: 'legacy', line: 9, step: 90, message: note('bare coroutines passed to asyncio.wait') },
  { kind: 'legacy', line: 9, step: 95, message: note('bare coroutines passed to asyncio.wait') },
];

/** The line of each listed warning, top to bottom, as its button reads in either language. */
function listedLines(): number[] {
  const html = renderToStaticMarkup(<ExplanationBar explanation="" warnings={LEGACY} />);
  return [...html.matchAll(/<li [^>]*class="ls-warning[\s\S]*?<\/li>/g)].map((m) =>
    Number(/>(?:line |第 )(\d+)/.exec(m[0])?.[1]),
  );
}

describe('the warnings list', () => {
  afterEach(() => setLanguage('en', { persist: false }));

  it('lists the newest first, but a batch of legacy notes in the order they were raised', () => {
    expect(listedWarnings(LEGACY).map((w) => w.step)).toEqual([95, 90, 40, 10, 11, 12]);
    // Bounded to the last ones; the part of a batch inside the bound still reads in line order.
    expect(listedWarnings(LEGACY, 5).map((w) => w.step)).toEqual([95, 90, 40, 11, 12]);
    // Other warnings at consecutive steps stay newest first.
    const blocked = [LEGACY[3], { ...LEGACY[3], step: 41, line: 8 }];
    expect(listedWarnings(blocked).map((w) => w.line)).toEqual([8, 7]);
  });

  it('shows legacy notes in line order, the same in English and in Chinese', () => {
    setLanguage('en', { persist: false });
    const english = listedLines();
    expect(english).toEqual([9, 9, 7, 4, 11, 21]);
    setLanguage('zh-CN', { persist: false });
    expect(
      text(renderToStaticMarkup(<ExplanationBar explanation="" warnings={LEGACY} />)),
    ).toContain('旧式 asyncio 写法@asyncio.coroutine 生成器协程。现在的写法：');
    expect(listedLines()).toEqual(english);
  });

  it("says a legacy note's label once, in English and in Chinese", () => {
    const listed = () =>
      [
        ...renderToStaticMarkup(
          <ExplanationBar explanation="" warnings={LEGACY.slice(0, 1)} />,
        ).matchAll(/<li [^>]*class="ls-warning[\s\S]*?<\/li>/g),
      ].map((m) => text(m[0]));
    setLanguage('en', { persist: false });
    expect(listed()).toEqual([
      'Legacy asyncio@asyncio.coroutine generator coroutine. Modern equivalent: async def with await instead of yield fromline 4',
    ]);
    setLanguage('zh-CN', { persist: false });
    expect(listed()).toEqual([
      '旧式 asyncio 写法@asyncio.coroutine 生成器协程。现在的写法：用 async def 定义协程，用 await 代替 yield from第 4 行',
    ]);
  });
});

describe("the run's end", () => {
  afterEach(() => setLanguage('en', { persist: false }));
  const blocking =
    "deadlock: queue.Queue.get() at line 5 waits for another thread, and there is none: Loopscope runs the program in one thread, so nothing can end the wait. In async code use asyncio's own (asyncio.Queue, asyncio.Event, await the future) or give the wait a timeout.";
  const end = (key: string, detail: string, english: string) =>
    text(
      renderToStaticMarkup(
        <ExplanationBar
          explanation={english}
          explanationMessage={{ key: `explain.runEnd.${key}`, params: { detail } }}
          warnings={[{ kind: 'deadlock', line: 5, step: 9, message: blocking }]}
        />,
      ),
    );

  it("quotes the engine's detail in English as before, and says it in Chinese", () => {
    const english = 'The run stopped at its event budget: event limit of 2000000 reached.';
    setLanguage('en', { persist: false });
    expect(end('limit-events', 'event limit of 2000000 reached', english)).toContain(english);
    // The warnings list: the "Deadlock" label, then the description without its own
    // "deadlock: ".
    const listed = end('limit-events', 'event limit of 2000000 reached', english);
    expect(listed).toContain(`Deadlock${blocking.slice('deadlock: '.length)}`);
    expect(listed).not.toMatch(/deadlock: /i);
    setLanguage('zh-CN', { persist: false });
    const zh = end('limit-events', 'event limit of 2000000 reached', english);
    expect(zh).toContain('运行在事件数上限处停止：已达到 2000000 个事件的上限。');
    // The blocking-wait deadlock, in the warnings list (after its label "死锁", said once) and
    // in the sentence.
    expect(zh).toContain('死锁第 5 行的 queue.Queue.get() 在等待另一个线程');
    expect(zh).not.toContain('死锁死锁');
    expect(end('interrupted', 'stopped by the user', '')).toContain('运行被中断：用户按下了停止。');
    // One "死锁：" (the detail's), and a full stop after it.
    expect(end('deadlock', blocking, '')).toMatch(
      /^没有就绪的回调.*在等待。死锁：第 5 行的 queue.*设置超时。/,
    );
    expect(zh + end('deadlock', blocking, '')).not.toMatch(/reached|waits for|another thread/);
    // The one-sentence deadlock (explain.ts deadlockEnd): its detail, without "deadlock: ", in
    // Chinese too, ending with one full stop.
    const thread = end('deadlockThread', blocking.slice('deadlock: '.length), '');
    expect(thread).toMatch(
      /^死锁：第 5 行的 queue\.Queue\.get\(\) 在等待另一个线程.*设置超时。(?!。)/,
    );
    expect(thread).not.toMatch(/waits for|another thread/);
  });

  it('does not say twice what the sentence says: a deadlock at the end is its kind and line', () => {
    const waits =
      'Task-2 (w) waits for Lock `b` held by Task-3 at line 8; Task-3 (v) waits for Lock `a` held by Task-2 at line 8';
    const rows = (lang: 'en' | 'zh-CN', message: ExplanationMessage) => {
      setLanguage(lang, { persist: false });
      const html = renderToStaticMarkup(
        <ExplanationBar
          explanation=""
          explanationMessage={message}
          warnings={[
            { kind: 'python', line: 3, step: 5, message: 'RuntimeWarning: never mind' },
            { kind: 'deadlock', line: 8, step: 90, message: `deadlock: ${waits}` },
          ]}
        />,
      );
      // Newest first.
      return [...html.matchAll(/<li [^>]*class="ls-warning[\s\S]*?<\/li>/g)].map((m) => m[0]);
    };
    for (const lang of ['en', 'zh-CN'] as const) {
      const [dead, other] = rows(lang, {
        key: 'explain.runEnd.deadlockWaits',
        params: { detail: waits },
      });
      // The sentence names the waiters; their row keeps its label and line link, and the
      // waiters as its title only.
      expect(dead, lang).toContain('is-said');
      expect(text(dead), lang).toMatch(/^(Deadlockline 8|死锁第 8 行)$/);
      expect(dead, lang).toMatch(/title="[^"`]*Task-3 [^"`]*"/);
      // A warning the sentence does not say keeps its text.
      expect(other, lang).not.toContain('is-said');
      expect(text(other), lang).toContain('never mind');
    }
    // A sentence about something else leaves the deadlock's waiters in its row.
    const [dead] = rows('en', MESSAGE);
    expect(dead).not.toContain('is-said');
    expect(text(dead)).toContain('waits for Lock b held by Task-3');
  });
});
