import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage, t } from '../i18n';
import { TraceBuilder } from './builder';
import { explain, renderExplanation } from './explain';
import { buildIndex, nextStop, stateAt } from './index';
import { checkAgainstReplay } from './replay.testutil';
import { Dropped, EventKind as K, HandleKind, Step, Wake } from './schema';

/**
 * What asyncio.run leaves when its loop closes, as the engine records it (tests/py/loop-close):
 *
 *     async def main():
 *         loop.call_soon(note)              # line 3, still ready at close
 *         asyncio.create_task(other())      # line 4, its first step still ready at close
 *         loop.call_later(10, print, "x")   # line 5, pending at close
 *     asyncio.run(main())                   # line 7
 *
 * BaseEventLoop.close() empties the ready queue and the timer heap without running or cancelling
 * anything: one HANDLE_DROPPED per handle, queue first, at the line that closed the loop.
 */
function closedTrace() {
  const b = new TraceBuilder();
  b.at(0, -1, 7);
  const main = b.task('Task-1', 'main', -1, 7);
  b.emit(K.FUTURE_CREATED, b.taskFuture(main));
  b.emit(K.TASK_CREATED, main);
  const step = b.handle(HandleKind.SOON, 0, 'task step', main, 7);
  b.emit(K.HANDLE_SCHEDULED, step);
  b.at(0, -1, 0).emit(K.LOOP_ITER, 1, 1, 0);
  b.emit(K.HANDLE_START, step);
  b.at(0, main, 1).emit(K.TASK_STEP_START, main, Wake.FIRST, -1);
  const note = b.handle(HandleKind.SOON, 0, 'note', -1, 3);
  b.at(0, main, 3).emit(K.HANDLE_SCHEDULED, note);
  const other = b.task('Task-2', 'other', main, 4);
  b.at(0, main, 4).emit(K.FUTURE_CREATED, b.taskFuture(other));
  b.emit(K.TASK_CREATED, other);
  const otherStep = b.handle(HandleKind.SOON, 0, 'task step', other, 4);
  b.emit(K.HANDLE_SCHEDULED, otherStep);
  const timer = b.handle(HandleKind.LATER, 10, 'print', -1, 5);
  b.at(0, main, 5).emit(K.HANDLE_SCHEDULED, timer);
  b.emit(K.TASK_STEP_END, main, Step.RETURNED, b.str('None'));
  const end = b.at(0, -1, 0).emit(K.HANDLE_END, step);
  b.at(0, -1, 7);
  const drops = [
    b.emit(K.HANDLE_DROPPED, note, Dropped.READY),
    b.emit(K.HANDLE_DROPPED, otherStep, Dropped.READY),
    b.emit(K.HANDLE_DROPPED, timer, Dropped.TIMER),
  ];
  b.at(0, -1, 0).emit(K.RUN_END, 0, -1);
  return { trace: b.build(), end, drops };
}

afterEach(() => setLanguage('en', { persist: false }));

describe('loop.close() dropping what is left', () => {
  const { trace, end, drops } = closedTrace();
  const index = buildIndex(trace);
  const last = index.eventCount - 1;
  const sentence = (s: number) => renderExplanation(explain(index.nz, s));

  it('shows the ready queue and the timer heap full before the close, empty after it', () => {
    const before = stateAt(index, end);
    expect(before.ready.map((h) => h.label)).toEqual(['note', 'Task-2 step']);
    expect(before.timers.map((h) => h.label)).toEqual(['print']);
    const after = stateAt(index, last);
    expect(after.ready).toEqual([]);
    expect(after.timers).toEqual([]);
    // One by one, in the order the events say.
    expect(stateAt(index, drops[0]).ready.map((h) => h.label)).toEqual(['Task-2 step']);
    expect(stateAt(index, drops[1]).ready).toEqual([]);
    expect(stateAt(index, drops[1]).timers.map((h) => h.label)).toEqual(['print']);
    expect(stateAt(index, drops[2]).timers).toEqual([]);
  });

  it('leaves a task whose first step was dropped pending, not ready', () => {
    const other = (s: number) => stateAt(index, s).tasks.find((x) => x.name === 'Task-2')!;
    expect(other(end).state).toBe('ready');
    expect(other(last).state).toBe('pending');
  });

  it('names each dropped handle, and a timer with its due time, in English and Chinese', () => {
    expect(sentence(drops[0])).toBe(
      'loop.close() drops note from the ready queue without running it: closing a loop empties its ready queue, neither running nor cancelling what is left.',
    );
    expect(sentence(drops[1])).toBe(
      "loop.close() drops Task-2's next step from the ready queue: Task-2 will never run again, since closing a loop neither runs nor cancels what is left.",
    );
    expect(sentence(drops[2])).toBe(
      'loop.close() drops the timer print, due at t=10.000 s, without running it: closing a loop empties its timer heap, neither running nor cancelling what is left.',
    );
    setLanguage('zh-CN', { persist: false });
    const msg = explain(index.nz, drops[2]);
    expect(t(msg.key, msg.params)).toBe(
      'loop.close() 丢弃了定时器 print（原定 t=10.000 秒到期），它不会再执行：关闭事件循环会清空定时器堆，剩下的回调既不执行也不取消。',
    );
  });

  it('stops on each drop when stepping by task step or callback', () => {
    expect(nextStop(index, 'step', end)).toBe(drops[0]);
    expect(nextStop(index, 'step', drops[0])).toBe(drops[1]);
    expect(nextStop(index, 'step', drops[2])).toBe(-1);
  });

  it('matches a plain forward replay at every step', () => {
    checkAgainstReplay(index, 11);
  });
});
