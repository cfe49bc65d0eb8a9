import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { make, type Reply } from '../runtime/protocol';
import { PlaygroundStoreContext } from '../store/context';
import { createPlaygroundStore } from '../store/create-store';
import { Outcome } from '../trace/schema';
import { ConsolePanel } from '../viz/console/ConsolePanel';
import { resolveConfig } from './config';
import { BootingWorker } from './booting-worker.testutil';
import { PlaygroundController } from './controller';

/** Resolves once the store says the runtime is ready (the worker double has booted). */
function runtimeReady(store: ReturnType<typeof createPlaygroundStore>): Promise<void> {
  return new Promise((resolve) => {
    const stop = store.subscribe((s) => {
      if (s.runtimeStatus !== 'ready') return;
      stop();
      resolve();
    });
  });
}

/** A worker double that boots at once and answers each run with the given end. */
class FakeWorker extends BootingWorker {
  /** Ends the last run: its stderr as live output, then the result. */
  end(outcome: number, outcomeDetail: string, stderr: string): void {
    const run = this.sent.filter((m) => m.type === 'run').pop()!;
    this.onMessage(make<Reply>({ type: 'output', id: run.id, stream: 'stderr', text: stderr }));
    this.onMessage(
      make<Reply>({
        type: 'run-result',
        id: run.id,
        result: {
          trace: null,
          stdout: '',
          stderr,
          outcome,
          outcomeDetail,
          exitCode: 1,
          stats: { events: 1, tasks: 1, virtualTime: 0, wallMs: 1, outcome },
          outputTruncated: false,
        },
      }),
    );
  }
}

async function runEndingWith(outcome: number, detail: string, stderr: string) {
  const store = createPlaygroundStore({ code: 'main()\n', filename: 'main.py' });
  const worker = new FakeWorker();
  const controller = new PlaygroundController(store, resolveConfig({ storageKey: null }), {
    createWorker: () => worker,
    isolated: false,
    baseUrl: 'http://localhost/',
  });
  controller.start();
  await runtimeReady(store);
  const done = controller.run();
  worker.end(outcome, detail, stderr);
  await done;
  controller.dispose();
  const state = store.getState();
  return {
    notice: state.notice,
    console: state.consoleChunks.map((c) => c.text).join(''),
    /** The notice as the console header shows it, in the language of the moment. */
    header: () => panelText(/data-testid="notice"[^>]*>(.*?)<\/p>/s),
    /** The console panel's whole text, in the language of the moment. */
    panel: () => panelText(/^(.*)$/s),
  };

  /** The text `part` picks from the rendered console panel, code written back in backticks. */
  function panelText(part: RegExp) {
    const html = renderToStaticMarkup(
      createElement(
        PlaygroundStoreContext.Provider,
        { value: { ...store, getInitialState: store.getState } },
        createElement(ConsolePanel),
      ),
    );
    return part
      .exec(html)?.[1]
      ?.replace(/<code[^>]*>(.*?)<\/code>/g, '`$1`')
      .replace(/<[^>]+>/g, '')
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  }
}

afterEach(() => setLanguage('en', { persist: false }));

describe("the controller's run-end notices and console lines", () => {
  const killed = 'loopscope: the program was killed by SIGTERM (Terminated)\n';

  it('are the engine’s words in English, as before', async () => {
    setLanguage('en', { persist: false });
    const r = await runEndingWith(Outcome.EXCEPTION, 'killed by signal SIGTERM', killed);
    expect(r.notice?.text).toBe(killed.trim());
    expect(r.console).toBe(killed);
    const stop = await runEndingWith(
      Outcome.LIMIT_EVENTS,
      'event limit of 2000000 reached',
      'loopscope: run stopped: event limit of 2000000 reached\n',
    );
    expect(stop.console).toBe('loopscope: run stopped: event limit of 2000000 reached\n');
    const exit = await runEndingWith(Outcome.EXCEPTION, 'os._exit(3)', '');
    expect(exit.notice?.text).toBe('os._exit(3)');
  });

  it('read in Chinese, and a notice follows a later switch of language', async () => {
    setLanguage('zh-CN', { persist: false });
    const r = await runEndingWith(Outcome.EXCEPTION, 'killed by signal SIGTERM', killed);
    expect(r.notice?.text).toBe('loopscope：程序被信号 SIGTERM 终止');
    expect(r.console).toBe('loopscope：程序被信号 SIGTERM 终止\n');
    const stop = await runEndingWith(
      Outcome.LIMIT_EVENTS,
      'event limit of 2000000 reached',
      'Traceback? no, the program wrote this\nloopscope: run stopped: event limit of 2000000 reached\n',
    );
    expect(stop.console).toBe(
      'Traceback? no, the program wrote this\nloopscope：运行已停止：已达到 2000000 个事件的上限\n',
    );
    const exit = await runEndingWith(Outcome.EXCEPTION, 'os._exit(3)', '');
    expect(exit.header()).toBe('程序调用 os._exit(3) 结束了进程');
    // A notice set in English reads in Chinese after a switch.
    setLanguage('en', { persist: false });
    const sysExit = await runEndingWith(Outcome.EXCEPTION, 'SystemExit: 3', '');
    expect(sysExit.header()).toBe('SystemExit: 3');
    setLanguage('zh-CN', { persist: false });
    expect(sysExit.header()).toBe('程序以 SystemExit 退出：3');
  });
});

describe('the deadlock notice', () => {
  // _blocking.py's detail is whole sentences; _describe.py's names who waits for what.
  const blocking =
    "deadlock: queue.Queue.get() at line 4 waits for another thread, and there is none: Loopscope runs the program in one thread, so nothing can end the wait. In async code use asyncio's own (asyncio.Queue, asyncio.Event, await the future) or give the wait a timeout.";
  const graph = 'deadlock: Task-1 (main) waits for Event `e` to be set at line 4';

  it("is one sentence in the header; the detail is the console's closing line, translated", async () => {
    for (const [detail, zhDetail] of [
      [blocking, '第 4 行的 queue.Queue.get() 在等待另一个线程'],
      [graph, 'Task-1 (main) 在第 4 行等待事件 `e` 被设置'],
    ]) {
      setLanguage('en', { persist: false });
      const en = await runEndingWith(Outcome.DEADLOCK, detail, `loopscope: ${detail}\n`);
      expect(en.header()).toBe('Deadlock: the program waits for something that can never happen.');
      expect(en.panel()).toContain(`loopscope: ${detail}`);
      // The header follows a language switch; the console's lines are written in the language
      // of their run.
      setLanguage('zh-CN', { persist: false });
      expect(en.header()).toBe('死锁：程序在等待一件永远不会发生的事。');
      const zh = await runEndingWith(Outcome.DEADLOCK, detail, `loopscope: ${detail}\n`);
      expect(zh.panel()).toContain(`loopscope：死锁：${zhDetail}`);
      expect(zh.panel()).not.toMatch(/waits for/);
    }
  });
});

describe('the run options', () => {
  it("are the config's, in every run (a replay's recording sets them: launch.ts pageRunOptions)", async () => {
    const store = createPlaygroundStore({ code: 'print(1)\n', filename: 'main.py' });
    const worker = new FakeWorker();
    const config = resolveConfig({ storageKey: null, runOptions: { seed: 3 } });
    const controller = new PlaygroundController(store, config, {
      createWorker: () => worker,
      isolated: false,
      baseUrl: 'http://localhost/',
    });
    const sentOptions = async () => {
      const done = controller.run();
      worker.end(Outcome.OK, '', '');
      await done;
      const run = worker.sent.filter((m) => m.type === 'run').pop();
      return run?.type === 'run' ? run.options : null;
    };
    controller.start();
    await runtimeReady(store);
    expect(await sentOptions()).toEqual({ seed: 3 });
    expect(await sentOptions()).toEqual({ seed: 3 });
    controller.dispose();
  });
});
