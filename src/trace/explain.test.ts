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
