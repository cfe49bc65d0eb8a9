import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage, t } from '../i18n';
import { TraceBuilder } from './builder';
import { explain, renderExplanation } from './explain';
import { awaitingText, normalizeTrace, startServerLine } from './normalize';
import {
  Done,
  EventKind as K,
  FutureKind,
  HandleKind,
  Outcome,
  ResourceKind,
  Step,
  Wake,
} from './schema';

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

describe('a deadlock (QA: "…still waiting. deadlock: Task-1 (main) waits…")', () => {
  it('is one sentence that says "Deadlock" once, in English and Chinese', () => {
    const end = runEnd(
      Outcome.DEADLOCK,
      'deadlock: Task-1 (main) waits for a future nobody will complete at line 5',
    );
    expect(end.english).toBe(
      'Deadlock: nothing is ready and no timer is pending, yet Task-1 (main) waits for a future nobody will complete at line 5.',
    );
    expect(end.english.match(/deadlock/gi)).toHaveLength(1);
    setLanguage('zh-CN', { persist: false });
    // The page translates the detail (src/viz/fragment-text.ts); the sentence around it is this.
    expect(end.chinese()).toBe(
      '死锁：没有就绪的回调，也没有待触发的定时器，但 Task-1 (main) waits for a future nobody will complete at line 5。',
    );
  });

  it("words the tracer's other deadlock shapes without repeating themselves", () => {
    const thread =
      "deadlock: queue.Queue.get() at line 4 waits for another thread, and there is none: Loopscope runs the program in one thread, so nothing can end the wait. In async code use asyncio's own (asyncio.Queue, asyncio.Event, await the future) or give the wait a timeout.";
    expect(runEnd(Outcome.DEADLOCK, thread).english).toBe(
      `Deadlock: ${thread.slice('deadlock: '.length)}`,
    );
    const nothing = runEnd(
      Outcome.DEADLOCK,
      'deadlock: the loop has nothing left to run and nothing will ever wake it',
    );
    expect(nothing.english).toBe(
      'Deadlock: the loop has nothing left to run and nothing will ever wake it.',
    );
    setLanguage('zh-CN', { persist: false });
    expect(nothing.chinese()).toBe('死锁：事件循环已经无事可做，也不会再有任何东西唤醒它。');
  });
});

/**
 * main parks on future `label` (kind `kind`, made at line 7) and is woken when a callback of
 * kind `by` completes it: the trace, the wake's step, and the suspension's step.
 */
function parkedOn(kind: number, label: string, by: number = HandleKind.SOON) {
  const b = new TraceBuilder();
  const main = b.task('Task-1', 'main()', -1, 20);
  const f = b.future(kind, label, main, 7);
  b.at(0, main, 7).emit(K.FUTURE_CREATED, f);
  const suspend = b.emit(K.TASK_STEP_END, main, Step.SUSPENDED, f);
  const h = b.handle(by, by === HandleKind.SOON ? 0 : 1, 'callback');
  b.at(1, -1, 0).emit(K.HANDLE_START, h);
  const done = b.emit(K.FUTURE_DONE, f, Done.RESULT, b.str('None'));
  b.emit(K.HANDLE_END, h);
  const wake = b.at(1, main, 7).emit(K.TASK_STEP_START, main, Wake.FUTURE, done);
  const nz = normalizeTrace(b.build());
  const say = (s: number) => {
    const msg = explain(nz, s);
    return {
      english: renderExplanation(msg),
      chinese: () => {
        setLanguage('zh-CN', { persist: false });
        return t(msg.key, msg.params);
      },
    };
  };
  return { nz, f, wake: say(wake), suspend: say(suspend) };
}

describe('asyncio.wait (QA: "resumed because future Future is done")', () => {
  it('awaits asyncio.wait(), and says why it returned for each return_when', () => {
    const first = parkedOn(FutureKind.CALL, 'asyncio.wait FIRST_COMPLETED');
    expect(awaitingText(first.nz, first.f)).toBe('asyncio.wait()');
    expect(first.suspend.english).toBe(
      'Task-1 suspends at line 7, waiting for asyncio.wait(); the loop can run something else.',
    );
    expect(first.wake.english).toBe(
      'Task-1 resumed because one of the awaitables given to asyncio.wait() finished.',
    );
    expect(first.wake.chinese()).toBe(
      'Task-1 被唤醒，因为交给 asyncio.wait() 的可等待对象中有一个完成了。',
    );
    expect(parkedOn(FutureKind.CALL, 'asyncio.wait').wake.english).toBe(
      'Task-1 resumed because every awaitable given to asyncio.wait() has finished.',
    );
    expect(parkedOn(FutureKind.CALL, 'asyncio.wait FIRST_EXCEPTION').wake.english).toMatch(
      /because an awaitable given to asyncio\.wait\(\) raised an exception, or all of them finished/,
    );
  });

  it('says the timeout ran out when its timer completed the wait, not a callback', () => {
    const timedOut = parkedOn(FutureKind.CALL, 'asyncio.wait timeout', HandleKind.LATER);
    expect(timedOut.wake.english).toBe(
      'Task-1 resumed because the timeout given to asyncio.wait() ran out; the awaitables not done yet come back as pending.',
    );
    expect(timedOut.wake.chinese()).toMatch(
      /^Task-1 被唤醒，因为交给 asyncio\.wait\(\) 的超时时间到了/,
    );
    // Done before the timeout: the awaitables' callback completed it.
    expect(parkedOn(FutureKind.CALL, 'asyncio.wait FIRST_COMPLETED timeout').wake.english).toBe(
      'Task-1 resumed because one of the awaitables given to asyncio.wait() finished.',
    );
  });
});

describe('a plain Future (QA: "awaits future Future")', () => {
  it('is named by the line that made it, in the card and the sentences', () => {
    const plain = parkedOn(FutureKind.PLAIN, 'Future');
    expect(awaitingText(plain.nz, plain.f)).toBe('a Future created at line 7');
    expect(plain.wake.english).toBe('Task-1 resumed because a Future created at line 7 is done.');
    expect(plain.suspend.english).not.toMatch(/future `?Future/i);
  });
});

describe('a task start_server made for a connection (QA: "created by the program")', () => {
  /** A server made at line 26 accepts a connection; its protocol creates the handler's task. */
  function accepted(streams: boolean) {
    const b = new TraceBuilder();
    b.task('Task-1', 'main()', -1, 31);
    const server = b.resource(ResourceKind.SERVER, '127.0.0.1:8888', 26);
    const conn = b.resource(ResourceKind.CONNECTION, '127.0.0.1:8888 <- 127.0.0.1:50000', 15);
    const h = b.handle(HandleKind.LATER, 0.002, 'virtual_network.connect');
    b.at(0.002, -1, 0).emit(K.HANDLE_START, h);
    b.emit(K.NET_ACCEPT, conn, server, streams ? 1 : 0, 26);
    const handler = b.task('Task-2', 'handle', -1, 0);
    const created = b.emit(K.TASK_CREATED, handler);
    b.emit(K.HANDLE_END, h);
    const nz = normalizeTrace(b.build());
    const msg = explain(nz, created);
    return { nz, handler, msg, english: renderExplanation(msg) };
  }

  it("names start_server and its line, in the card's data and the sentence", () => {
    const s = accepted(true);
    expect(startServerLine(s.nz, s.handler)).toBe(26);
    expect(s.english).toBe(
      'start_server (line 26) created task Task-2 for handle to serve a new connection to server `127.0.0.1:8888`; it will start when the loop gets to it.',
    );
    setLanguage('zh-CN', { persist: false });
    expect(t(s.msg.key, s.msg.params)).toMatch(
      /^start_server（第 26 行）为 server `127\.0\.0\.1:8888` 上的一个新连接创建了任务 Task-2/,
    );
    expect(t('tasks.sentence.createdForConnectionAt', { line: '第 26 行' })).toBe(
      '由第 26 行的 start_server 为一个新连接创建',
    );
  });

  it('leaves tasks of a server of its own protocol (create_server) to the usual words', () => {
    const s = accepted(false);
    expect(startServerLine(s.nz, s.handler)).toBe(-1);
    // Its protocol's connection_made runs in the network's callback, which creates the task.
    expect(s.msg.key).toBe('explain.taskCreatedByHandleNoLine');
    expect(s.english).toMatch(/^The virtual_network\.connect created task Task-2/);
  });
});

describe('a task woken by a cancellation (QA: the supervisor read as cancelled itself)', () => {
  /** main awaits task `spinner` at line 25; `own`: main itself is cancelled, else spinner is. */
  function woken(own: boolean) {
    const b = new TraceBuilder();
    const main = b.task('Task-1', 'supervisor()', -1, 30);
    const spinner = b.task('Task-2', 'spin()', main, 20);
    const sf = b.taskFuture(spinner);
    const mf = b.taskFuture(main);
    b.at(0, main, 25).emit(K.TASK_STEP_END, main, Step.SUSPENDED, sf);
    b.at(1, -1, 0);
    if (own) b.emit(K.CANCEL_REQUESTED, mf, b.str(''), 1);
    else b.emit(K.CANCEL_REQUESTED, sf, b.str(''), 1);
    const done = b.emit(K.FUTURE_DONE, sf, Done.CANCELLED, -1);
    const wake = b.at(1, main, 25).emit(K.TASK_STEP_START, main, Wake.CANCEL, done);
    const msg = explain(normalizeTrace(b.build()), wake);
    return { english: renderExplanation(msg), msg };
  }

  it('says what was cancelled when the task only awaited it', () => {
    const awaited = woken(false);
    expect(awaited.english).toBe(
      'Task-1 resumed because task Task-2 was cancelled: its await on line 25 raises CancelledError.',
    );
    setLanguage('zh-CN', { persist: false });
    expect(t(awaited.msg.key, awaited.msg.params)).toBe(
      'Task-1 被唤醒，因为任务 Task-2 被取消了：它在第 25 行的 await 抛出 CancelledError。',
    );
  });

  it('says CancelledError is thrown into a task that was cancelled itself', () => {
    expect(woken(true).english).toBe(
      'CancelledError is thrown into Task-1 at its await on line 25.',
    );
  });
});
