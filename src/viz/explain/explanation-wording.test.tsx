/**
 * The explanation bar's sentences as a person reads them, in English and Chinese (QA): a loop
 * callback named as the subject of what it does, plurals, capitals, a Future made at a line, and
 * a task's step without the doubled 执行.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { TraceBuilder } from '../../trace/builder';
import { explain, renderExplanation } from '../../trace/explain';
import type { ExplainMessage } from '../../trace/explain';
import { traceFromJson } from '../../trace/json';
import { normalizeTrace } from '../../trace/normalize';
import type { Normalized } from '../../trace/normalize';
import {
  Done,
  EventKind as K,
  FutureKind,
  HandleKind,
  ResourceKind,
  Step,
} from '../../trace/schema';
import { ExplanationBar } from './ExplanationBar';
import { readText } from '../html-text.testutil';

const text = (html: string) => readText(html, '').trim();

function bar(msg: ExplainMessage, lang: 'en' | 'zh-CN'): string {
  setLanguage(lang, { persist: false });
  return text(
    renderToStaticMarkup(
      <ExplanationBar
        explanation={renderExplanation(msg)}
        explanationMessage={msg}
        warnings={[]}
      />,
    ),
  );
}

/** The sentence at step s in both languages. */
function both(nz: Normalized, s: number): [string, string] {
  const msg = explain(nz, s);
  return [bar(msg, 'en'), bar(msg, 'zh-CN')];
}

afterEach(() => setLanguage('en', { persist: false }));

describe('the running callback as the subject (QA: "The program schedules", "主程序安排")', () => {
  it("names a sleep's timer scheduling its task's next step", () => {
    const b = new TraceBuilder();
    const main = b.task('Task-2', 'beta', -1, 9);
    const sleep = b.future(FutureKind.SLEEP, 'sleep(0.1)', main, 4);
    b.at(0, main, 4).emit(K.FUTURE_CREATED, sleep);
    const timer = b.handle(HandleKind.LATER, 0.1, null, -1, 4);
    b.emit(K.HANDLE_SCHEDULED, timer);
    b.emit(K.TASK_STEP_END, main, Step.SUSPENDED, sleep);
    b.at(0.1, -1, 0).emit(K.HANDLE_START, timer);
    b.emit(K.FUTURE_DONE, sleep, Done.RESULT, b.str('None'));
    const s = b.emit(K.HANDLE_SCHEDULED, b.handle(HandleKind.SOON, 0, null, main));
    b.emit(K.HANDLE_END, timer);
    expect(both(normalizeTrace(b.build()), s)).toEqual([
      "The sleep(0.1) timer of Task-2 schedules Task-2's next step to run soon: it joins the ready queue.",
      'Task-2 的 sleep(0.1) 定时器安排 Task-2 的下一步尽快运行：它被加入就绪队列。',
    ]);
  });

  function delivery() {
    const b = new TraceBuilder();
    const conn = b.resource(ResourceKind.CONNECTION, 'c', 5);
    const h = b.handle(HandleKind.LATER, 0.004, 'virtual_network.deliver');
    b.at(0.004, -1, 0).emit(K.HANDLE_START, h);
    const recv = b.emit(K.NET_RECV, conn, 12);
    const one = b.emit(K.NET_RECV, conn, 1);
    const eof = b.emit(K.NET_RECV, conn, 0);
    b.emit(K.HANDLE_END, h);
    return { nz: normalizeTrace(b.build()), recv, one, eof };
  }

  it('names a network delivery receiving data, and says a read of 0 bytes is EOF', () => {
    const run = delivery();
    expect(both(run.nz, run.recv)).toEqual([
      'The network delivery (data in flight arrives) receives 12 bytes on connection c.',
      '网络投递（传输中的数据到达）从连接 c 收到了 12 字节。',
    ]);
    expect(both(run.nz, run.one)[0]).toBe(
      'The network delivery (data in flight arrives) receives 1 byte on connection c.',
    );
    expect(both(run.nz, run.eof)).toEqual([
      'The connection c reaches end of file (EOF): the other side will send no more data.',
      '连接 c 读到了文件结束符（EOF）：对方不会再发送数据了。',
    ]);
  });

  it('keeps "The program" (主程序) for module-level code', () => {
    const b = new TraceBuilder();
    const main = b.task('Task-1', 'main', -1, 9);
    const s = b.at(0, -1, 9).emit(K.HANDLE_SCHEDULED, b.handle(HandleKind.SOON, 0, null, main));
    expect(both(normalizeTrace(b.build()), s)).toEqual([
      "The program schedules Task-1's next step to run soon: it joins the ready queue.",
      '主程序安排 Task-1 的下一步尽快运行：它被加入就绪队列。',
    ]);
  });
});

describe('counts, capitals and a Future made at a line', () => {
  it('words the sentences QA quoted', () => {
    const b = new TraceBuilder();
    const t1 = b.task('Task-1', 'main', -1, 9);
    const t3 = b.task('Task-3', 'work', t1, 10);
    const q = b.resource(ResourceKind.QUEUE, 'q', 3);
    const f = b.future(FutureKind.PLAIN, 'Future', -1, 4);
    const chain = b.at(0, t1, 4).emit(K.AWAIT_CHAIN, t1, b.str('[["main", 4, {}]]'));
    const holds = b.emit(K.RESOURCE_VALUE, q, 1);
    const created = b.at(0, t3, 4).emit(K.FUTURE_CREATED, f);
    const result = b.at(0, -1, 0).emit(K.FUTURE_DONE, f, Done.RESULT, b.str('True'));
    const edge = b.at(0, t1, 10).emit(K.AWAIT_EDGE, b.taskFuture(t1), b.taskFuture(t3), 2);
    const nz = normalizeTrace(b.build());
    expect(both(nz, chain)).toEqual([
      "Task-1's await chain is 1 frame deep.",
      'Task-1 的 await 调用链有 1 层。',
    ]);
    expect(both(nz, holds)).toEqual(['Queue q now holds 1 item.', '队列 q 中现在有 1 个元素。']);
    expect(both(nz, created)).toEqual([
      'Task-3 creates a Future at line 4.',
      'Task-3 在第 4 行创建了一个 Future。',
    ]);
    expect(both(nz, result)).toEqual([
      'Now a Future created at line 4 is done with the result True; its callbacks are scheduled.',
      '第 4 行创建的 Future 得到结果 True；它的回调被安排执行。',
    ]);
    expect(both(nz, edge)).toEqual([
      'Now task Task-1 waits for task Task-3 (TaskGroup).',
      '任务 Task-1 现在等待任务 Task-3（TaskGroup）。',
    ]);
  });
});

describe('every sentence of the golden runs, as the bar shows it', () => {
  const GOLDEN = fileURLToPath(new URL('../../../tests/golden/', import.meta.url));
  const LOWERCASE_START =
    /^(?:a|an|the|task|future|queue|server|connection|worker|resource|sleep|network) /;

  it('starts each English sentence with a capital or a name, and doubles no Chinese word', () => {
    let count = 0;
    for (const file of readdirSync(GOLDEN).filter((f) => f.endsWith('.trace.json'))) {
      const nz = normalizeTrace(traceFromJson(readFileSync(`${GOLDEN}${file}`, 'utf8')));
      for (let s = 0; s < nz.eventCount; s++) {
        const [en, zh] = both(nz, s);
        const where = `${file} step ${s}: ${en}`;
        expect(en, where).not.toMatch(LOWERCASE_START);
        expect(en, where).not.toMatch(/\b1 (?:frames|items|bytes)\b|timer for .* timer/);
        // The step label (执行一步) inside a template that says 执行, and "创建了第 4 行创建的".
        expect(zh, where).not.toMatch(/执行一步|创建了第 \d+ 行创建的/);
        count++;
      }
    }
    expect(count).toBeGreaterThan(100);
  });
});
