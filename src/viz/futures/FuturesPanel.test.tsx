import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { TraceBuilder } from '../../trace/builder';
import { buildIndex, stateAt } from '../../trace/index';
import { parkedTrace } from '../../trace/parked.testutil';
import { Done, EventKind as K, FutureKind } from '../../trace/schema';
import { FuturesPanel } from './FuturesPanel';
import { readText } from '../html-text.testutil';

const text = readText;

/** Two plain futures, both cancelled: `quiet` with no message, `told` with one. */
function cancelledFutures() {
  const b = new TraceBuilder();
  const quiet = b.future(FutureKind.PLAIN, 'quiet');
  const told = b.future(FutureKind.PLAIN, 'told');
  b.at(0, -1, 0);
  b.emit(K.FUTURE_CREATED, quiet);
  b.emit(K.FUTURE_CREATED, told);
  b.emit(K.FUTURE_DONE, quiet, Done.CANCELLED, -1);
  b.emit(K.FUTURE_DONE, told, Done.CANCELLED, b.str('shutting down'));
  const index = buildIndex(b.build());
  return stateAt(index, index.trace.events.kind.length - 1);
}

function rows(state = cancelledFutures()): string[] {
  const html = renderToStaticMarkup(
    <FuturesPanel state={state} selectedTask={-1} onSelectTask={() => {}} />,
  );
  return [...html.matchAll(/<li [^>]*data-future[\s\S]*?<\/li>/g)].map((m) => text(m[0]).trim());
}

describe('a cancelled future in the Futures list', () => {
  afterEach(() => setLanguage('en', { persist: false }));

  it('reads as cancelled, not as a result named "cancelled" (QA: "result cancelled")', () => {
    setLanguage('en', { persist: false });
    const [quiet, told] = rows();
    expect(quiet).toBe('quiet Future cancelled');
    expect(told).toBe('told Future cancelled cancel message shutting down');
    for (const row of [quiet, told]) expect(row).not.toContain('result');
  });

  it('in Chinese too (QA: "结果 cancelled")', () => {
    setLanguage('zh-CN', { persist: false });
    const [quiet, told] = rows();
    expect(quiet).toBe('quiet Future 已取消');
    expect(told).toBe('told Future 已取消 取消消息 shutting down');
    for (const row of [quiet, told]) expect(row).not.toMatch(/结果|cancelled/);
  });
});

/** One pending FUTURE_CALL future per tracer label, with no resource (asyncio's own calls). */
function calls(labels: string[]) {
  const b = new TraceBuilder();
  const futures = labels.map((label) => b.future(FutureKind.CALL, label, -1, 7));
  b.at(0, -1, 0);
  for (const f of futures) b.emit(K.FUTURE_CREATED, f);
  const index = buildIndex(b.build());
  return stateAt(index, index.trace.events.kind.length - 1);
}

/** The title of each row (the future's name, before its kind), code marks removed. */
function titles(state: ReturnType<typeof calls>): string[] {
  const html = renderToStaticMarkup(
    <FuturesPanel state={state} selectedTask={-1} onSelectTask={() => {}} />,
  );
  return [
    ...html.matchAll(/<span class="ls-row-title">([\s\S]*?)<\/span><span class="ls-kind/g),
  ].map((m) => text(m[1].replace(/<[^>]+>/g, '')).trim());
}

const WAITS = [
  'asyncio.wait FIRST_COMPLETED timeout',
  'asyncio.wait FIRST_COMPLETED',
  'asyncio.wait FIRST_EXCEPTION',
  'asyncio.wait FIRST_EXCEPTION timeout',
  'asyncio.wait',
  'asyncio.wait timeout',
  'as_completed',
  'open_connection',
];

describe('a wait in a call (FUTURE_CALL) in the Futures list', () => {
  afterEach(() => setLanguage('en', { persist: false }));

  it("names asyncio.wait() and what ends it in words, not the tracer's raw label", () => {
    setLanguage('en', { persist: false });
    expect(titles(calls(WAITS))).toEqual([
      'asyncio.wait() until the first completes or it times out',
      'asyncio.wait() until the first completes',
      'asyncio.wait() until one raises or all complete',
      'asyncio.wait() until one raises, all complete or it times out',
      'asyncio.wait() until all complete',
      'asyncio.wait() until all complete or it times out',
      'as_completed()',
      'open_connection()',
    ]);
  });

  it('in Chinese too', () => {
    setLanguage('zh-CN', { persist: false });
    expect(titles(calls(WAITS))).toEqual([
      'asyncio.wait()，直到第一个完成或超时',
      'asyncio.wait()，直到第一个完成',
      'asyncio.wait()，直到有一个抛出异常或全部完成',
      'asyncio.wait()，直到有一个抛出异常、全部完成或超时',
      'asyncio.wait()，直到全部完成',
      'asyncio.wait()，直到全部完成或超时',
      'as_completed()',
      'open_connection()',
    ]);
  });

  it('names a method of a resource as the task card does (Queue.join, readline)', () => {
    const at = (how: 'join' | 'readline') => {
      const { trace, suspended } = parkedTrace(how);
      return stateAt(buildIndex(trace), suspended);
    };
    setLanguage('en', { persist: false });
    expect(titles(at('join'))).toEqual(['main', 'queue q.join()']);
    expect(titles(at('readline'))).toEqual([
      'main',
      'readline() on connection 127.0.0.1:50000 -> 127.0.0.1:8888',
    ]);
    setLanguage('zh-CN', { persist: false });
    expect(titles(at('join'))).toEqual(['main', '队列 q 的 join()']);
    expect(titles(at('readline'))).toEqual([
      'main',
      '连接 127.0.0.1:50000 -> 127.0.0.1:8888 上的 readline()',
    ]);
  });
});
