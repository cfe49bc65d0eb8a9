import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { TraceBuilder } from '../../trace/builder';
import { buildIndex, stateAt } from '../../trace/index';
import { Done, EventKind as K, FutureKind } from '../../trace/schema';
import { FuturesPanel } from './FuturesPanel';

/** What a person reads: tags removed, entities and spaces tidied. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

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

function rows(): string[] {
  const html = renderToStaticMarkup(
    <FuturesPanel state={cancelledFutures()} selectedTask={-1} onSelectTask={() => {}} />,
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
