import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { emptyState, cancelState } from './fixtures';
import { ExplanationBar } from './explain/ExplanationBar';
import { StaleBanner } from './explain/StaleBanner';
import { FuturesPanel } from './futures/FuturesPanel';
import { LoopPanel } from './loop/LoopPanel';
import { HelpOverlay } from './playback/HelpOverlay';
import { PlaybackControls } from './playback/PlaybackControls';
import { ResourcesPanel } from './resources/ResourcesPanel';
import { columnsFor, rowRuns, rowsToRender, TasksPanel } from './tasks/TasksPanel';
import type { TraceState } from '../trace/types';
import { readText } from './html-text.testutil';

const noop = () => {};
const text = readText;

describe('panels render the state', () => {
  it('event loop: clock, iteration, running handle, FIFO ready queue, timers soonest first', () => {
    const html = renderToStaticMarkup(<LoopPanel state={cancelState} />);
    const t = text(html);
    expect(t).toContain('t=0.200 s');
    expect(t).toContain('iteration 6');
    // Long runs group the digits, as the debug bar does.
    expect(
      text(renderToStaticMarkup(<LoopPanel state={{ ...cancelState, iteration: 12345 }} />)),
    ).toContain('iteration 12,345');
    expect(t).toContain('main step');
    expect(t.indexOf('future callback')).toBeLessThan(t.indexOf('user callback stage2'));
    expect(html).toContain('<code class="ls-code">stage2</code>');
    expect(t).toContain('t=0.300 s alpha step (sleep 0.3)');
    // the handle added at this step is marked fresh, the other is not
    expect(html).toMatch(/class="ls-handle is-fresh"[^>]*data-handle="15"/);
    expect(html).not.toMatch(/is-fresh[^>]*data-handle="14"/);
  });

  it('event loop: caps long queues', () => {
    const many: TraceState = {
      ...cancelState,
      ready: Array.from({ length: 100 }, (_, i) => ({ ...cancelState.ready[0], id: i })),
    };
    const html = renderToStaticMarkup(<LoopPanel state={many} limit={10} />);
    expect(html.match(/data-handle=/g)).toHaveLength(10 + 1 /* timer */);
    expect(text(html)).toContain('+90 more');
  });

  it('tasks: badges, awaits in words, chain with locals, creator', () => {
    const html = renderToStaticMarkup(
      <TasksPanel state={cancelState} selectedTask={1} onSelectTask={noop} onRevealLine={noop} />,
    );
    const t = text(html);
    expect(t).toContain('alpha suspended');
    expect(t).toContain('awaits sleep until t=0.30 s');
    expect(t).toContain("name 'alpha'");
    expect(t).toContain('created by main, line 10');
    expect(t).toContain("returned 'beta'");
    expect(html).toMatch(/aria-pressed="true"[^>]*>.*?alpha/);
    // the suspended task's frames are greyed
    expect(html).toContain('ls-chain is-frozen');
  });

  it("tasks: an object's default repr without its module path, the whole repr as the tooltip", () => {
    const sem = '<asyncio.locks.Semaphore object [locked, waiters:2]>';
    const state: TraceState = {
      ...cancelState,
      tasks: cancelState.tasks.map((t) =>
        t.id === 1 ? { ...t, chain: [{ func: 'worker', line: 5, locals: { sem, n: '3' } }] } : t,
      ),
    };
    const html = renderToStaticMarkup(
      <TasksPanel state={state} selectedTask={-1} onSelectTask={noop} />,
    );
    expect(text(html)).toContain('sem <Semaphore [locked, waiters:2]>');
    expect(html).toContain(`title="${sem.replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`);
  });

  it('futures and resources: holders, waiters, awaiters, values', () => {
    const f = text(
      renderToStaticMarkup(
        <FuturesPanel state={cancelState} selectedTask={-1} onSelectTask={noop} />,
      ),
    );
    expect(f).toContain('sleep(0.3)');
    expect(f).toContain('awaited by alpha');
    expect(f).toContain('task wakeup');
    expect(f.indexOf('sleep(0.3)')).toBeLessThan(f.indexOf('task beta')); // pending first
    const r = text(
      renderToStaticMarkup(
        <ResourcesPanel state={cancelState} selectedTask={-1} onSelectTask={noop} />,
      ),
    );
    expect(r).toContain('Lock db locked');
    expect(r).toContain('held by main');
    expect(r).toContain('waiting reader');
    expect(r).toContain('2 items of 5');
  });

  it('explanation, warnings and the stale banner', () => {
    const e = text(
      renderToStaticMarkup(
        <ExplanationBar explanation={cancelState.explanation} warnings={cancelState.warnings} />,
      ),
    );
    expect(e).toContain('main called alpha.cancel() at line 13');
    expect(e).toContain('Blocking call time.sleep(0.5) blocked the loop for 0.500 s line 7');
    expect(
      renderToStaticMarkup(<StaleBanner stale={false} onRerun={noop} runKeys="Ctrl+Enter" />),
    ).toBe('');
    expect(
      text(renderToStaticMarkup(<StaleBanner stale onRerun={noop} runKeys="Ctrl+Enter" />)),
    ).toContain('Run again Ctrl+Enter');
  });

  it('every panel renders the empty state', () => {
    for (const el of [
      <LoopPanel state={emptyState} />,
      <TasksPanel state={emptyState} selectedTask={-1} onSelectTask={noop} />,
      <FuturesPanel state={emptyState} selectedTask={-1} onSelectTask={noop} />,
      <ResourcesPanel state={emptyState} selectedTask={-1} onSelectTask={noop} />,
    ]) {
      expect(renderToStaticMarkup(el)).toMatch(/ls-empty/);
    }
  });

  it('futures: says no future is pending once every one finished long ago, not "none yet"', () => {
    // The end of a long run: every task done, and none of them within the recent window.
    const finished: TraceState = {
      ...cancelState,
      tasks: cancelState.tasks.map((task) => ({ ...task, state: 'done' })),
      futures: [],
    };
    const t = text(
      renderToStaticMarkup(<FuturesPanel state={finished} selectedTask={-1} onSelectTask={noop} />),
    );
    expect(t).toContain('No pending futures: all 4 tasks finished at least 2000 events ago.');
    expect(t).not.toContain('No futures yet.');
    const one = { ...finished, tasks: finished.tasks.slice(0, 1) };
    expect(
      text(
        renderToStaticMarkup(<FuturesPanel state={one} selectedTask={-1} onSelectTask={noop} />),
      ),
    ).toContain('No pending futures: the only task finished at least 2000 events ago.');
    const before = renderToStaticMarkup(
      <FuturesPanel state={emptyState} selectedTask={-1} onSelectTask={noop} />,
    );
    expect(text(before)).toContain('No futures yet.');
  });

  it('playback: named controls, disabled at the ends', () => {
    const cursor = new Proxy({}, { get: () => noop }) as never;
    const at = (step: number, length: number) =>
      renderToStaticMarkup(
        <PlaybackControls
          step={step}
          length={length}
          time={0.1}
          iteration={2}
          granularity="step"
          playing={false}
          speed={4}
          notice={null}
          cursor={cursor}
          onHelp={noop}
        />,
      );
    const start = at(0, 10);
    for (const name of [
      'Jump to start',
      'Step back',
      'Play',
      'Step forward',
      'Jump to end',
      'Scrubber',
      'Run to next timer firing',
      'Keyboard shortcuts',
    ]) {
      expect(start).toContain(`aria-label="${name}"`);
    }
    expect(start).toMatch(
      /disabled=""[^>]*aria-label="Step back"|aria-label="Step back"[^>]*disabled=""/,
    );
    expect(start).not.toMatch(/aria-label="Step forward"[^>]*disabled=""/);
    expect(start).toMatch(/role="radio" aria-checked="true"[^>]*>Task step/);
    const end = at(9, 10);
    expect(end).toMatch(/aria-label="Step forward"[^>]*disabled=""/);
    // A long run's position, digits grouped as the timeline's header groups them.
    const far = text(at(520_290, 1_040_581));
    expect(far).toContain('step 520,291 / 1,040,581');
    expect(at(520_290, 1_040_581)).toContain(
      'aria-valuetext="step 520,291 of 1,040,581, t=0.100 s"',
    );
  });
});

describe('panels in Chinese', () => {
  it('translate the labels and keep the data', async () => {
    const { setLanguage } = await import('../i18n');
    setLanguage('zh-CN', { persist: false });
    try {
      const html = renderToStaticMarkup(
        <TasksPanel state={cancelState} selectedTask={-1} onSelectTask={noop} />,
      );
      // The state badge and what a task awaits are translated; names and reprs are data.
      expect(html).not.toContain('>suspended<');
      expect(html).toContain('alpha');
      expect(html).toContain('sleep 结束（t=0.30 秒）');
      expect(html).not.toContain('sleep until');
      // A space before Latin text, none where Chinese meets Chinese (锁 is "Lock").
      expect(html).toContain('等待 <b>sleep 结束');
      expect(html).toMatch(/等待<b>(<span>)?锁 /);
    } finally {
      setLanguage('en', { persist: false });
    }
  });
});

describe('the futures panel in Chinese', () => {
  it("labels a pending future with the futures' word (未完成), not a task's (待启动)", async () => {
    const { setLanguage } = await import('../i18n');
    setLanguage('zh-CN', { persist: false });
    try {
      const html = renderToStaticMarkup(
        <FuturesPanel state={cancelState} selectedTask={-1} onSelectTask={noop} />,
      );
      const badges = [...html.matchAll(/class="ls-badge"[^>]*>([^<]*)</g)].map((m) => m[1]);
      // sleep(0.3) is pending, task beta done.
      expect(badges).toEqual(['未完成', '已完成']);
      expect(html).not.toContain('待启动');
      // The sleep's done-callback is the loop's own, named in Chinese as on the timeline.
      expect(html).toContain('任务唤醒');
      expect(html).not.toContain('task wakeup');
    } finally {
      setLanguage('en', { persist: false });
    }
  });

  it('says in Chinese that no future is pending once every one finished long ago', async () => {
    const { setLanguage } = await import('../i18n');
    setLanguage('zh-CN', { persist: false });
    try {
      const finished: TraceState = {
        ...cancelState,
        tasks: cancelState.tasks.map((task) => ({ ...task, state: 'done' })),
        futures: [],
      };
      const t = text(
        renderToStaticMarkup(
          <FuturesPanel state={finished} selectedTask={-1} onSelectTask={noop} />,
        ),
      );
      expect(t).toContain('没有未完成的 Future：全部 4 个任务都已在至少 2000 个事件之前结束。');
      expect(t).not.toContain('还没有 Future');
      // One task: its own sentence, not "all 1 tasks" (Chinese has no plural forms).
      const one = text(
        renderToStaticMarkup(
          <FuturesPanel
            state={{ ...finished, tasks: finished.tasks.slice(0, 1) }}
            selectedTask={-1}
            onSelectTask={noop}
          />,
        ),
      );
      expect(one).toContain('没有未完成的 Future：唯一的任务已在至少 2000 个事件之前结束。');
    } finally {
      setLanguage('en', { persist: false });
    }
  });
});

describe('the shortcut list in Chinese', () => {
  it('names the line-number clicks in Chinese too', async () => {
    const { setLanguage } = await import('../i18n');
    setLanguage('zh-CN', { persist: false });
    try {
      const html = renderToStaticMarkup(<HelpOverlay open onClose={noop} />);
      expect(html).toContain('单击 / Shift+单击');
      expect(html).not.toContain('Click / Shift+click');
    } finally {
      setLanguage('en', { persist: false });
    }
  });
});

describe('a long task list', () => {
  const many: TraceState = {
    ...cancelState,
    tasks: Array.from({ length: 100 }, (_, i) => ({
      ...cancelState.tasks[1],
      id: i,
      name: `w${i}`,
    })),
  };

  it('renders the cards in view and the selected one, each knowing its place in the list', () => {
    const html = renderToStaticMarkup(
      <TasksPanel state={many} selectedTask={80} onSelectTask={noop} renderAll={10} />,
    );
    const cards = html.match(/data-task="\d+"/g) ?? [];
    // Not all 100: a windowed list renders a screenful (plus overscan) and the selected card.
    expect(cards.length).toBeGreaterThan(1);
    expect(cards.length).toBeLessThan(20);
    expect(html).toContain('data-task="0"');
    expect(html).toContain('data-task="80"');
    expect(html).toMatch(/aria-posinset="81" aria-setsize="100"[^>]*data-task="80"/);
    expect(text(html)).toContain('100 tasks');
  });

  it('renders every card of a list no longer than renderAll', () => {
    const html = renderToStaticMarkup(
      <TasksPanel state={many} selectedTask={-1} onSelectTask={noop} renderAll={100} />,
    );
    expect(html.match(/data-task="\d+"/g)).toHaveLength(100);
  });
});

describe('task list windowing', () => {
  const range = { startIndex: 10, endIndex: 14, overscan: 2, count: 500 };

  it('fits columns as the grid does: 230 px cards, 8 px apart', () => {
    expect(columnsFor(0)).toBe(1);
    expect(columnsFor(229)).toBe(1);
    expect(columnsFor(230)).toBe(1);
    expect(columnsFor(468)).toBe(2);
    expect(columnsFor(467)).toBe(1);
    expect(columnsFor(1000)).toBe(4);
  });

  it('renders the rows in view plus overscan, and the selected row', () => {
    expect(rowsToRender(range, { windowed: true, selectedRow: -1 })).toEqual([
      8, 9, 10, 11, 12, 13, 14, 15, 16,
    ]);
    expect(rowsToRender(range, { windowed: true, selectedRow: 300 })).toEqual([
      8, 9, 10, 11, 12, 13, 14, 15, 16, 300,
    ]);
    expect(rowsToRender(range, { windowed: true, selectedRow: 3 })).toEqual([
      3, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    ]);
    expect(rowsToRender(range, { windowed: true, selectedRow: 12 })).toHaveLength(9);
  });

  it('stacks consecutive rows in one run, the selected row apart', () => {
    const at = (...indexes: number[]) => indexes.map((index) => ({ index }));
    const runs = (xs: number[], viewStart: number) =>
      rowRuns(at(...xs), viewStart).map((r) => [r.rows.map((row) => row.index), r.inView]);
    expect(runs([8, 9, 10], 8)).toEqual([[[8, 9, 10], true]]);
    expect(runs([3, 8, 9], 8)).toEqual([
      [[3], false],
      [[8, 9], true],
    ]);
    expect(runs([8, 9, 300], 8)).toEqual([
      [[8, 9], true],
      [[300], false],
    ]);
    // Before the virtualizer has a range: the first run is the view's.
    expect(runs([0, 1], -1)).toEqual([[[0, 1], true]]);
    expect(rowRuns([], 0)).toEqual([]);
  });

  it('renders every row of a short list', () => {
    const short = { startIndex: 0, endIndex: 1, overscan: 2, count: 30 };
    expect(rowsToRender(short, { windowed: false, selectedRow: -1 })).toHaveLength(30);
  });
});

describe('the task a selector loop starts to accept a connection', () => {
  it('says the event loop created it, not the program', () => {
    const accepting: TraceState = {
      ...cancelState,
      tasks: [
        {
          ...cancelState.tasks[0],
          id: 7,
          name: 'Task-7',
          coro: 'BaseSelectorEventLoop._accept_connection2',
          state: 'done',
          chain: [],
          createdLine: 0,
          parent: -1,
        },
      ],
    };
    const html = text(
      renderToStaticMarkup(<TasksPanel state={accepting} selectedTask={-1} onSelectTask={noop} />),
    );
    expect(html).toContain('created by the event loop to accept a connection');
    expect(html).not.toContain('created by the program');
  });
});

describe("the tasks asyncio.run's cleanup runs", () => {
  const closing: TraceState = {
    ...cancelState,
    tasks: [
      ...cancelState.tasks,
      {
        ...cancelState.tasks[0],
        id: 9,
        name: 'Task-9',
        coro: 'BaseEventLoop.shutdown_asyncgens',
        state: 'done',
        chain: [],
        createdLine: 0,
        parent: -1,
      },
    ],
  };

  it('say asyncio created them while closing the loop, not the program', async () => {
    const html = text(
      renderToStaticMarkup(<TasksPanel state={closing} selectedTask={-1} onSelectTask={noop} />),
    );
    expect(html).toContain('created by asyncio while closing the loop, after the main coroutine');
    // A task the program made at the top level still says so.
    expect(html).toContain('created by the program');
    const { setLanguage } = await import('../i18n');
    setLanguage('zh-CN', { persist: false });
    try {
      const zh = text(
        renderToStaticMarkup(<TasksPanel state={closing} selectedTask={-1} onSelectTask={noop} />),
      );
      expect(zh).toContain('由 asyncio 在主协程结束后、关闭事件循环时创建');
    } finally {
      setLanguage('en', { persist: false });
    }
  });
});
