import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { parkedTrace } from '../../trace/parked.testutil';
import { buildIndex, stateAt } from '../../trace/index';
import type { TraceIndex } from '../../trace/index';
import { ResourcesPanel } from '../resources/ResourcesPanel';
import { TasksPanel } from '../tasks/TasksPanel';
import { ExplanationBar } from './ExplanationBar';
import { readText } from '../html-text.testutil';

const text = readText;

/** main parked in a method of a resource, or at the end of a TaskGroup (parked.testutil.ts). */
function parked(how: 'join' | 'readline' | 'taskgroup') {
  const { trace, suspended, resumed } = parkedTrace(how);
  return { index: buildIndex(trace), suspended, resumed };
}

function panels(index: TraceIndex, step: number): string {
  const state = stateAt(index, step);
  const noop = () => {};
  return text(
    renderToStaticMarkup(
      <>
        <TasksPanel state={state} selectedTask={-1} onSelectTask={noop} />
        <ResourcesPanel state={state} selectedTask={-1} onSelectTask={noop} />
      </>,
    ),
  );
}

function sentence(index: TraceIndex, step: number): string {
  const state = stateAt(index, step);
  return text(
    renderToStaticMarkup(
      <ExplanationBar
        explanation={state.explanation}
        explanationMessage={state.explanationMessage}
        warnings={[]}
      />,
    ),
  ).trim();
}

describe('a task parked in a queue, connection or TaskGroup method', () => {
  afterEach(() => setLanguage('en', { persist: false }));

  it('q.join(): awaits the queue, listed as its waiter, in English and in Chinese', () => {
    const { index, suspended, resumed } = parked('join');
    expect(stateAt(index, suspended).tasks[0].awaiting).toMatchObject({
      text: 'queue `q`.join()',
      resource: 0,
    });
    expect(stateAt(index, suspended).resources[0].waiters).toEqual([0]);
    setLanguage('en', { persist: false });
    // The name is code (a space where its element ends).
    expect(panels(index, suspended)).toMatch(/awaits queue q ?\.join\(\)/);
    expect(sentence(index, suspended)).toMatch(/waiting for queue q ?\.join\(\)/);
    expect(sentence(index, resumed)).toBe(
      'main resumed because every item put in Queue q was marked done.',
    );
    setLanguage('zh-CN', { persist: false });
    expect(panels(index, suspended)).toMatch(/队列 q ?的 join\(\)/);
    expect(sentence(index, resumed)).toBe('main 被唤醒，因为放入队列 q 的每一项都已标记完成。');
    expect(sentence(index, resumed) + panels(index, suspended)).not.toMatch(/Future|queue/);
  });

  it('readline(): awaits its connection, listed as its waiter, in English and in Chinese', () => {
    const { index, suspended, resumed } = parked('readline');
    const conn = 'connection `127.0.0.1:50000 -> 127.0.0.1:8888`';
    expect(stateAt(index, suspended).tasks[0].awaiting?.text).toBe(`readline() on ${conn}`);
    expect(stateAt(index, suspended).resources[0].waiters).toEqual([0]);
    setLanguage('en', { persist: false });
    expect(panels(index, suspended)).toContain(
      'awaits readline() on connection 127.0.0.1:50000 -> 127.0.0.1:8888',
    );
    expect(sentence(index, resumed)).toBe(
      'main resumed because connection 127.0.0.1:50000 -> 127.0.0.1:8888 received data or end of file.',
    );
    setLanguage('zh-CN', { persist: false });
    expect(panels(index, suspended)).toContain(
      '连接 127.0.0.1:50000 -> 127.0.0.1:8888 上的 readline()',
    );
    expect(sentence(index, resumed)).toBe(
      'main 被唤醒，因为连接 127.0.0.1:50000 -> 127.0.0.1:8888 收到了数据或文件结束符（EOF）。',
    );
  });

  it('the end of a TaskGroup: awaits the tasks of its TaskGroup, in English and in Chinese', () => {
    const { index, suspended, resumed } = parked('taskgroup');
    expect(stateAt(index, suspended).tasks[0].awaiting?.text).toBe('the tasks of its TaskGroup');
    setLanguage('en', { persist: false });
    expect(panels(index, suspended)).toContain('awaits the tasks of its TaskGroup');
    expect(sentence(index, resumed)).toBe(
      'main resumed because every task of its TaskGroup has finished.',
    );
    setLanguage('zh-CN', { persist: false });
    expect(panels(index, suspended)).toContain('它的 TaskGroup 里的任务');
    expect(sentence(index, resumed)).toBe('main 被唤醒，因为它的 TaskGroup 里的任务都已结束。');
  });
});
