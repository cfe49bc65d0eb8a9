/**
 * The wording of the explanation sentences (QA): who is credited with what a loop callback does,
 * plurals, sentences that started lowercase, "creates a Future created at ...", and the Chinese
 * "执行一步" doubled by templates that already say 执行.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage, t } from '../i18n';
import { EXPLAIN_ZH } from '../i18n/explain-zh';
import { TraceBuilder } from './builder';
import { EXPLAIN_EN, explain, handleSubjectParam, renderExplanation } from './explain';
import { traceFromJson } from './json';
import { normalizeTrace } from './normalize';
import { Done, EventKind as K, FutureKind, HandleKind, ResourceKind, Step } from './schema';

afterEach(() => setLanguage('en', { persist: false }));

/** The English sentence at step s, and its Chinese through i18next (parameters untranslated). */
function sentence(b: TraceBuilder, s: number) {
  const msg = explain(normalizeTrace(b.build()), s);
  return {
    msg,
    english: renderExplanation(msg),
    chinese: () => {
      setLanguage('zh-CN', { persist: false });
      return t(msg.key, msg.params);
    },
  };
}

/**
 * Task-1 (main, created at line 9) sleeps 0.1 s at line 4; at t=0.1 the sleep's timer runs:
 * it sets the sleep future's result, which schedules Task-1's next step.
 */
function sleepWakes() {
  const b = new TraceBuilder();
  const main = b.task('Task-1', 'main', -1, 9);
  const step = b.handle(HandleKind.SOON, 0, null, main);
  const scheduledByProgram = b.at(0, -1, 9).emit(K.HANDLE_SCHEDULED, step);
  b.at(0, -1, 0).emit(K.HANDLE_START, step);
  b.at(0, main, 4);
  const sleep = b.future(FutureKind.SLEEP, 'sleep(0.1)', main, 4);
  b.emit(K.FUTURE_CREATED, sleep);
  const timer = b.handle(HandleKind.LATER, 0.1, null, -1, 4);
  b.emit(K.HANDLE_SCHEDULED, timer);
  b.emit(K.TASK_STEP_END, main, Step.SUSPENDED, sleep);
  b.at(0, -1, 0).emit(K.HANDLE_END, step);
  const start = b.emit(K.HANDLE_START, timer);
  b.at(0.1, -1, 0);
  const done = b.emit(K.FUTURE_DONE, sleep, Done.RESULT, b.str('None'));
  const wake = b.handle(HandleKind.SOON, 0, null, main);
  const scheduled = b.emit(K.HANDLE_SCHEDULED, wake);
  const end = b.emit(K.HANDLE_END, timer);
  return { b, scheduledByProgram, start, done, scheduled, end };
}

describe('a loop callback is the subject of what it does, not "The program"', () => {
  it('names the running sleep timer when it schedules the task (QA: "The program schedules")', () => {
    const run = sleepWakes();
    const s = sentence(run.b, run.scheduled);
    expect(s.msg.key).toBe('explain.scheduledSoonStepByHandle');
    expect(s.english).toBe(
      "The sleep(0.1) timer of Task-1 schedules Task-1's next step to run soon: it joins the ready queue.",
    );
    expect(s.chinese()).toBe(
      'sleep(0.1) timer of Task-1 安排 Task-1 的下一步尽快运行：它被加入就绪队列。',
    );
    expect(s.chinese()).not.toMatch(/主程序|执行一步/);
  });

  it('keeps "The program" for module-level code outside any handle', () => {
    const run = sleepWakes();
    expect(sentence(run.b, run.scheduledByProgram).english).toBe(
      "The program schedules Task-1's next step to run soon: it joins the ready queue.",
    );
  });

  /** A network delivery (world/net.py) hands bytes to a connection outside any task. */
  function delivery(bytes: number) {
    const b = new TraceBuilder();
    const conn = b.resource(ResourceKind.CONNECTION, 'c', 5);
    const h = b.handle(HandleKind.LATER, 0.004, 'virtual_network.deliver');
    b.at(0.004, -1, 0).emit(K.HANDLE_START, h);
    const recv = b.emit(K.NET_RECV, conn, bytes);
    const out = b.emit(K.STDOUT, b.str('got it'));
    b.emit(K.HANDLE_END, h);
    return { b, recv, out };
  }

  it('names a network delivery receiving data (QA: "The program receives 12 bytes")', () => {
    const run = delivery(12);
    const s = sentence(run.b, run.recv);
    expect(s.msg.key).toBe('explain.netRecvByHandle');
    expect(handleSubjectParam(s.msg.key)).toBe('who');
    expect(s.english).toBe('The virtual_network.deliver receives 12 bytes on connection `c`.');
    expect(s.chinese()).toBe('virtual_network.deliver 从 connection `c` 收到了 12 字节。');
    expect(sentence(run.b, run.out).english).toBe('The virtual_network.deliver prints “got it”.');
  });

  it('says a read of 0 bytes is the end of file, not "receives 0 bytes"', () => {
    const run = delivery(0);
    const s = sentence(run.b, run.recv);
    expect(s.msg.key).toBe('explain.netEof');
    expect(s.english).toBe(
      'The connection `c` reaches end of file (EOF): the other side will send no more data.',
    );
    expect(s.english).not.toMatch(/0 bytes/);
    expect(s.chinese()).toBe('connection `c` 读到了文件结束符（EOF）：对方不会再发送数据了。');
  });

  it("names a callback of the program's own by its qualified name, as written", () => {
    const b = new TraceBuilder();
    const h = b.handle(HandleKind.SOON, 0, 'on_tick', -1, 12);
    b.at(0, -1, 0).emit(K.HANDLE_START, h);
    const line = b.at(0, -1, 3).emit(K.LINE);
    const out = b.emit(K.STDOUT, b.str('tick'));
    const fut = b.future(FutureKind.PLAIN, 'Future', -1, 3);
    const created = b.emit(K.FUTURE_CREATED, fut);
    b.emit(K.HANDLE_END, h);
    expect(sentence(b, line).english).toBe('on_tick runs line 3.');
    expect(sentence(b, out).english).toBe('on_tick prints “tick”.');
    expect(sentence(b, created).english).toBe('on_tick creates a Future at line 3.');
  });

  it('gives every "ByHandle" key a Chinese sentence and the subject parameter', () => {
    const keys = Object.keys(EXPLAIN_EN).filter((k) => k.includes('ByHandle'));
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      expect(EXPLAIN_EN[key], key).toMatch(/^The \{\{(who|task)\}\}/);
      expect(EXPLAIN_ZH[key], key).toBeTruthy();
      const param = handleSubjectParam(key.replace(/_(one|other)$/, ''));
      expect(EXPLAIN_EN[key], key).toContain(`{{${param}}}`);
    }
    expect(handleSubjectParam('explain.scheduledSoon')).toBeNull();
  });
});

describe('English plurals (QA: "1 frames deep", "1 items", "1 bytes")', () => {
  function chain(depth: number) {
    const b = new TraceBuilder();
    const main = b.task('Task-1', 'main', -1, 9);
    const frames = JSON.stringify(Array.from({ length: depth }, (_, i) => [`f${i}`, i + 1, {}]));
    const s = b.at(0, main, 4).emit(K.AWAIT_CHAIN, main, b.str(frames));
    return sentence(b, s);
  }

  it('counts await-chain frames', () => {
    expect(chain(1).english).toBe("Task-1's await chain is 1 frame deep.");
    expect(chain(3).english).toBe("Task-1's await chain is 3 frames deep.");
    expect(chain(1).chinese()).toBe('Task-1 的 await 调用链有 1 层。');
  });

  function queue(items: number) {
    const b = new TraceBuilder();
    const q = b.resource(ResourceKind.QUEUE, 'q', 3);
    return sentence(b, b.at(0, -1, 0).emit(K.RESOURCE_VALUE, q, items));
  }

  it('counts queue items', () => {
    expect(queue(1).english).toBe('Queue `q` now holds 1 item.');
    expect(queue(0).english).toBe('Queue `q` now holds 0 items.');
    expect(queue(2).english).toBe('Queue `q` now holds 2 items.');
    expect(queue(1).chinese()).toBe('Queue `q` 中现在有 1 个元素。');
  });

  function net(kind: number, bytes: number) {
    const b = new TraceBuilder();
    const main = b.task('main', 'main', -1, 9);
    const conn = b.resource(ResourceKind.CONNECTION, 'c', 5);
    return sentence(b, b.at(0, main, 6).emit(kind, conn, bytes));
  }

  it('counts bytes sent and received', () => {
    expect(net(K.NET_SEND, 1).english).toBe('main sends 1 byte on connection `c`.');
    expect(net(K.NET_SEND, 6).english).toBe('main sends 6 bytes on connection `c`.');
    expect(net(K.NET_RECV, 1).english).toBe('main receives 1 byte on connection `c`.');
    expect(net(K.NET_RECV, 12).english).toBe('main receives 12 bytes on connection `c`.');
    expect(net(K.NET_SEND, 1).chinese()).toBe('main 通过 connection `c` 发送了 1 字节。');
  });

  it('gives every plural key both forms in English and Chinese (zh uses `_other`)', () => {
    for (const table of [EXPLAIN_EN, EXPLAIN_ZH]) {
      for (const key of Object.keys(table)) {
        const m = /^(.*)_(one|other)$/.exec(key);
        if (!m) continue;
        expect(table[`${m[1]}_one`], key).toBeTruthy();
        expect(table[`${m[1]}_other`], key).toBeTruthy();
        expect(table[key], key).toContain('{{count}}');
      }
    }
  });
});

describe('sentences start with a capital (QA: "a Future created at line 4 gets ...")', () => {
  function done(kind: number, label: string, how: number, value: string | null) {
    const b = new TraceBuilder();
    const main = b.task('Task-3', 'work', -1, 9);
    const f = kind === FutureKind.TASK ? b.taskFuture(main) : b.future(kind, label, -1, 4);
    return sentence(b, b.at(0, -1, 0).emit(K.FUTURE_DONE, f, how, b.str(value)));
  }

  it('words a future completing with "Now" before its lowercase label', () => {
    expect(done(FutureKind.PLAIN, 'Future', Done.RESULT, 'True').english).toBe(
      'Now a Future created at line 4 is done with the result True; its callbacks are scheduled.',
    );
    expect(done(FutureKind.TASK, '', Done.RESULT, 'None').english).toBe(
      'Now task `Task-3` is done with the result None; its callbacks are scheduled.',
    );
    expect(done(FutureKind.TASK, '', Done.EXCEPTION, 'ValueError: boom').english).toBe(
      'Now task `Task-3` is done with the exception ValueError: boom; its callbacks are scheduled.',
    );
    expect(done(FutureKind.PLAIN, 'TaskGroup', Done.CANCELLED, null).english).toBe(
      'Now future `TaskGroup` is cancelled; its callbacks are scheduled.',
    );
    expect(done(FutureKind.PLAIN, 'Future', Done.RESULT, 'True').chinese()).toBe(
      'a Future created at line 4 得到结果 True；它的回调被安排执行。',
    );
  });

  it('words an await edge, resources and timers so no sentence starts with a fragment', () => {
    const b = new TraceBuilder();
    const t1 = b.task('Task-1', 'main', -1, 9);
    const t2 = b.task('Task-2', 'child', t1, 10);
    const edge = b.at(0, t1, 10).emit(K.AWAIT_EDGE, b.taskFuture(t1), b.taskFuture(t2), 2);
    const server = b.resource(ResourceKind.SERVER, 's', 11);
    const conn = b.resource(ResourceKind.CONNECTION, 'c', 12);
    const listen = b.emit(K.NET_LISTEN, server);
    const close = b.emit(K.NET_CLOSE, conn);
    const wake = b.emit(K.RESOURCE_WAKE, conn, t1);
    const timer = b.handle(HandleKind.LATER, 0.1, null, -1, 4);
    const sleep = b.future(FutureKind.SLEEP, 'sleep(0.1)', t1, 4);
    const made = b.at(0, t1, 4).emit(K.FUTURE_CREATED, sleep);
    b.emit(K.HANDLE_SCHEDULED, timer);
    const due = b.at(0.1, -1, 0).emit(K.HANDLE_READY, timer);
    b.emit(K.HANDLE_START, timer);
    const end = b.emit(K.HANDLE_END, timer);
    expect(sentence(b, edge).english).toBe(
      'Now task `Task-1` waits for task `Task-2` (TaskGroup).',
    );
    expect(sentence(b, listen).english).toBe('The server `s` starts listening.');
    expect(sentence(b, close).english).toBe('The connection `c` is closed.');
    expect(sentence(b, wake).english).toBe('The connection `c` wakes Task-1.');
    // "The timer for sleep(0.1) timer of Task-1" said "timer" twice.
    expect(sentence(b, due).english).toBe(
      'At t=0.100 s, the sleep(0.1) timer of Task-1 is due: it moves to the ready queue.',
    );
    // QA: "The loop takes sleep(0.1) timer of Task-4 from the ready queue" lacked its article.
    expect(sentence(b, due + 1).english).toBe(
      'The loop takes the sleep(0.1) timer of Task-1 from the ready queue and runs it.',
    );
    // QA: "Task-2 creates sleep(0.3)." read oddly.
    expect(sentence(b, made).english).toBe(
      'Task-1 calls sleep(0.1), which makes a future to wait on.',
    );
    expect(sentence(b, end).english).toBe(
      'Control goes back to the loop: the sleep(0.1) timer of Task-1 has finished.',
    );
  });

  const GOLDEN = fileURLToPath(new URL('../../tests/golden/', import.meta.url));
  /** A first word of the model's fragments, never a name the program chose. */
  const LOWERCASE_START =
    /^(?:a|an|the|task|future|queue|server|connection|worker|resource|sleep|gather|network) /;

  it('starts no sentence of the golden runs with a lowercase fragment', () => {
    let count = 0;
    for (const file of readdirSync(GOLDEN).filter((f) => f.endsWith('.trace.json'))) {
      const nz = normalizeTrace(traceFromJson(readFileSync(`${GOLDEN}${file}`, 'utf8')));
      for (let s = 0; s < nz.eventCount; s++) {
        const english = renderExplanation(explain(nz, s));
        expect(english, `${file} step ${s}`).not.toMatch(LOWERCASE_START);
        expect(english, `${file} step ${s}`).not.toMatch(/\b1 (?:frames|items|bytes)\b/);
        expect(english, `${file} step ${s}`).not.toMatch(
          /created at line \d+ created|timer for .* timer/,
        );
        count++;
      }
    }
    expect(count).toBeGreaterThan(100);
  });
});

describe('a plain Future made at a line (QA: "creates a Future created at line 4")', () => {
  it('says where it was made once, in both languages', () => {
    const b = new TraceBuilder();
    const t3 = b.task('Task-3', 'work', -1, 9);
    const f = b.future(FutureKind.PLAIN, 'Future', -1, 4);
    const s = sentence(b, b.at(0, t3, 4).emit(K.FUTURE_CREATED, f));
    expect(s.msg.key).toBe('explain.futureCreatedAt');
    expect(s.english).toBe('Task-3 creates a Future at line 4.');
    expect(s.chinese()).toBe('Task-3 在第 4 行创建了一个 Future。');
  });

  it('keeps other futures named as before', () => {
    const b = new TraceBuilder();
    const t3 = b.task('Task-3', 'work', -1, 9);
    const f = b.future(FutureKind.PLAIN, 'TaskGroup', -1, 4);
    expect(sentence(b, b.at(0, t3, 4).emit(K.FUTURE_CREATED, f)).english).toBe(
      'Task-3 creates future `TaskGroup`.',
    );
  });
});

describe('a task\'s step in a sentence (QA: "Task-2 执行一步执行完毕")', () => {
  it('says "the next step" / "this step" instead of the card label', () => {
    const run = sleepWakes();
    const b = run.b;
    const nz = normalizeTrace(b.build());
    const keys: string[] = [];
    for (let s = 0; s < nz.eventCount; s++) keys.push(explain(nz, s).key);
    expect(keys).toContain('explain.handleStartStep');
    expect(keys).toContain('explain.handleEndStep');
    const at = (key: string) => {
      const msg = explain(nz, keys.indexOf(key));
      setLanguage('en', { persist: false });
      const english = renderExplanation(msg);
      setLanguage('zh-CN', { persist: false });
      return [english, t(msg.key, msg.params)];
    };
    expect(at('explain.handleStartStep')).toEqual([
      "The loop takes Task-1's next step from the ready queue and runs it.",
      '事件循环从就绪队列中取出 Task-1 的下一步并执行。',
    ]);
    expect(at('explain.handleEndStep')).toEqual([
      'This step of Task-1 is over; control goes back to the loop.',
      'Task-1 的这一步执行完毕，控制权交还给事件循环。',
    ]);
    expect(at('explain.scheduledSoonStep')).toEqual([
      "The program schedules Task-1's next step to run soon: it joins the ready queue.",
      // (The page translates "The program": src/viz/fragment-text.ts.)
      'The program 安排 Task-1 的下一步尽快运行：它被加入就绪队列。',
    ]);
  });

  it('says a task schedules its own next step (sleep(0)) without naming it twice', () => {
    const b = new TraceBuilder();
    const main = b.task('Task-1', 'main', -1, 9);
    const step = b.handle(HandleKind.SOON, 0, null, main);
    const s = sentence(b, b.at(0, main, 4).emit(K.HANDLE_SCHEDULED, step));
    expect(s.english).toBe(
      'Task-1 schedules its own next step to run soon: it joins the ready queue.',
    );
    expect(s.chinese()).toBe('Task-1 安排自己的下一步尽快运行：它被加入就绪队列。');
  });

  it('never hands a step label ("Task-2 step", 执行一步) to a sentence of the golden runs', () => {
    const GOLDEN = fileURLToPath(new URL('../../tests/golden/', import.meta.url));
    for (const file of readdirSync(GOLDEN).filter((f) => f.endsWith('.trace.json'))) {
      const nz = normalizeTrace(traceFromJson(readFileSync(`${GOLDEN}${file}`, 'utf8')));
      for (let s = 0; s < nz.eventCount; s++) {
        const { key, params } = explain(nz, s);
        for (const name of ['label', 'who']) {
          const value = params[name];
          if (typeof value === 'string') expect(value, `${file} ${s} ${key}`).not.toMatch(/ step$/);
        }
      }
    }
  });
});
