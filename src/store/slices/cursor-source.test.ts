import { describe, expect, it } from 'vitest';
import type { TraceIndex } from '../../trace/index';
import { EventKind, Step } from '../../trace/schema';
import { failureMarks } from './cursor-source';

describe('failureMarks', () => {
  it('marks where a failed task raised, with its name and error apart for the hover’s words', () => {
    // Task 1 runs line 4, then its step ends raising strings[1]; task 2's step returns.
    const column = (xs: number[]) => Int32Array.from(xs);
    const index = {
      eventCount: 3,
      trace: {
        strings: ['worker', 'ValueError: bad input'],
        tasks: { name: column([0, 0, 0]) },
        events: {
          kind: column([EventKind.LINE, EventKind.TASK_STEP_END, EventKind.TASK_STEP_END]),
          task: column([1, 1, 2]),
          line: column([4, 0, 0]),
          a: column([0, 1, 2]),
          b: column([0, Step.RAISED, Step.RETURNED]),
          c: column([0, 1, 0]),
        },
      },
    } as unknown as TraceIndex;
    expect(failureMarks(index)).toEqual([
      {
        step: 1,
        line: 4,
        type: 'worker raised ValueError: bad input',
        traceback: '',
        taskName: 'worker',
        raised: 'ValueError: bad input',
      },
    ]);
  });
});
