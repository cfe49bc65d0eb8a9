import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage, t } from '../i18n';
import { TraceBuilder } from './builder';
import { explain, renderExplanation } from './explain';
import { normalizeTrace } from './normalize';
import { EventKind as K, Outcome } from './schema';

/** The last sentence of a run that ended with `outcome` and the engine's `detail`. */
function runEnd(outcome: number, detail: string) {
  const b = new TraceBuilder({ outcome, outcomeDetail: detail });
  b.at(0, -1, 0).emit(K.RUN_END, outcome, b.str(detail));
  const msg = explain(normalizeTrace(b.build()), 0);
  return { msg, english: renderExplanation(msg), chinese: () => t(msg.key, msg.params) };
}

afterEach(() => setLanguage('en', { persist: false }));

describe("the run's last sentence", () => {
  // The details the engine writes when a program ends its own process (tests/py/outcome-text).
  const cases: [string, string, string][] = [
    [
      'killed by signal SIGTERM',
      'The program was killed by signal SIGTERM.',
      '程序被信号 SIGTERM 终止。',
    ],
    [
      'killed by signal SIGABRT',
      'The program aborted: signal SIGABRT ended its process.',
      '程序异常中止：信号 SIGABRT 结束了它的进程。',
    ],
    [
      'stopped by signal SIGSTOP',
      'The program was stopped by signal SIGSTOP, so the run ends here.',
      '程序被信号 SIGSTOP 停止，运行到此结束。',
    ],
    [
      'os._exit(3)',
      'The program exited through os._exit(3), ending its process.',
      '程序通过 os._exit(3) 退出，结束了自己的进程。',
    ],
    ['SystemExit: 3', 'The program exited with SystemExit: 3.', '程序以 SystemExit 退出：3。'],
  ];

  it.each(cases)('says what ended the process (%s), in English and Chinese', (detail, en, zh) => {
    const end = runEnd(Outcome.EXCEPTION, detail);
    expect(end.english).toBe(en);
    expect(end.english).not.toMatch(/uncaught exception/);
    setLanguage('zh-CN', { persist: false });
    expect(end.chinese()).toBe(zh);
  });

  it('still says an uncaught exception ended the run when one did', () => {
    expect(runEnd(Outcome.EXCEPTION, 'ValueError: killed by signal SIGTERM').english).toBe(
      'The program ended with an uncaught exception.',
    );
    // The words matter only for the EXCEPTION outcome: Stop is its own.
    expect(runEnd(Outcome.INTERRUPTED, 'interrupted').msg.key).toBe('explain.runEnd.interrupted');
  });

  it('quotes a budget or Stop detail after a colon, as one sentence (QA: "interrupted. stopped")', () => {
    expect(runEnd(Outcome.INTERRUPTED, 'stopped by the user').english).toBe(
      'The run was interrupted: stopped by the user.',
    );
    expect(runEnd(Outcome.LIMIT_WALL_TIME, 'wall-time limit of 20 s reached').english).toBe(
      'The run stopped at its wall-time budget: wall-time limit of 20 s reached.',
    );
  });
});

/** The sentence for one event emitted by `emit` into an otherwise empty trace. */
function sentence(emit: (b: TraceBuilder) => void) {
  const b = new TraceBuilder();
  emit(b);
  const msg = explain(normalizeTrace(b.build()), 0);
  return {
    msg,
    english: renderExplanation(msg),
    inEnglish: () => t(msg.key, msg.params),
    chinese: () => {
      setLanguage('zh-CN', { persist: false });
      return t(msg.key, msg.params);
    },
  };
}

describe('a loop iteration', () => {
  const iteration = (ready: number, timers: number) =>
    sentence((b) => b.emit(K.LOOP_ITER, 4, ready, timers));

  it.each([
    [1, 1, 'The loop starts iteration 4: 1 callback ready, 1 timer pending.'],
    [2, 0, 'The loop starts iteration 4: 2 callbacks ready, 0 timers pending.'],
    [0, 3, 'The loop starts iteration 4: 0 callbacks ready, 3 timers pending.'],
  ])('counts %i callbacks and %i timers in the right number', (ready, timers, english) => {
    const s = iteration(ready, timers);
    expect(s.english).toBe(english);
    // i18next renders the same resource the same way (the page's path).
    expect(s.inEnglish()).toBe(english);
  });

  it('reads right in Chinese, which has no plural', () => {
    expect(iteration(1, 1).chinese()).toBe(
      '事件循环开始第 4 轮：有 1 个回调就绪，1 个定时器待触发。',
    );
    expect(iteration(2, 0).chinese()).toBe(
      '事件循环开始第 4 轮：有 2 个回调就绪，0 个定时器待触发。',
    );
  });
});

describe('output in a sentence', () => {
  // What CPython writes for a syntax error: indented, with quotes, on several lines.
  const TRACEBACK =
    '  File "main.py", line 7\n    x = (1,\n        ^\nSyntaxError: \'(\' was never closed\n';
  const written = (kind: number, text: string) =>
    sentence((b) => {
      const main = b.task('main', 'main()');
      b.at(0, main, 3).emit(kind, b.str(text));
    });

  it('quotes what the program wrote as it reads, with no escapes (QA: File \\"main.py\\")', () => {
    const s = written(K.STDERR, TRACEBACK);
    expect(s.english).toBe('main writes “File "main.py", line 7 …” to stderr.');
    expect(s.english).not.toContain('\\');
    expect(s.chinese()).toBe('main 向 stderr 写入了“File "main.py", line 7 …”。');
  });

  it('keeps backslashes and quotes, drops only the line end, and shortens a long line', () => {
    expect(written(K.STDOUT, 'C:\\temp "x"\n').english).toBe('main prints “C:\\temp "x"”.');
    expect(written(K.STDOUT, '\n').english).toBe('main prints “”.');
    const long = written(K.STDOUT, `${'a'.repeat(80)}\n`).english;
    expect(long).toBe(`main prints “${'a'.repeat(59)}…”.`);
    expect(written(K.STDOUT, 'one\ntwo\n').english).toBe('main prints “one …”.');
  });

  it("shows a spinner's blank redraws by their escapes, not as “” (QA)", () => {
    expect(written(K.STDOUT, '\r          \r').english).toBe('main prints “\\r          \\r”.');
    expect(written(K.STDOUT, '\b\b\b').english).toBe('main prints “\\b\\b\\b”.');
    expect(written(K.STDOUT, '\x1b[2K').english).toBe('main prints “\\x1b[2K”.');
    expect(written(K.STDOUT, '\r\n').english).toBe('main prints “”.');
  });
});
