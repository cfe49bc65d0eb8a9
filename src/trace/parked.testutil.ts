/**
 * A trace for tests of how a wait is worded: `main` parks for 1 s of virtual time and is woken
 * when the future it awaits completes. That future is a FUTURE_CALL labelled with the method
 * (Queue.join, StreamReader.readline), linked to its resource by RESOURCE_WAIT, as the engine
 * records them; the end of a TaskGroup block (FUTURE_TASKGROUP); or the plain future of an empty
 * queue's get() or of a held Lock; or a `run_in_executor` job's FUTURE_EXECUTOR, which a worker
 * thread completes (WORKER_START names the job).
 */
import { TraceBuilder } from './builder';
import { Done, EventKind as K, FutureKind, HandleKind, ResourceKind, Step, Wake } from './schema';
import type { TraceColumns } from './schema';

export type ParkedIn = 'join' | 'readline' | 'taskgroup' | 'get' | 'lock' | 'executor';

/** The connection a readline() waits on. */
export const PARKED_CONNECTION = '127.0.0.1:50000 -> 127.0.0.1:8888';

/** The trace, and the steps where main suspends and where it resumes. */
export function parkedTrace(how: ParkedIn): {
  trace: TraceColumns;
  suspended: number;
  resumed: number;
} {
  const b = new TraceBuilder();
  const main = b.task('main', 'main', -1, 1);
  const step = b.handle(HandleKind.SOON, 0, 'task step', main);
  const res =
    how === 'join' || how === 'get'
      ? b.resource(ResourceKind.QUEUE, 'q', 3)
      : how === 'lock'
        ? b.resource(ResourceKind.LOCK, 'db', 3)
        : how === 'executor'
          ? b.resource(ResourceKind.WORKER, 'asyncio_0', 7)
          : b.resource(ResourceKind.CONNECTION, PARKED_CONNECTION, 3);
  const fut =
    how === 'taskgroup'
      ? b.future(FutureKind.TASKGROUP, 'TaskGroup', main, 7)
      : how === 'join' || how === 'readline'
        ? b.future(FutureKind.CALL, how, main, 7)
        : how === 'executor'
          ? b.future(FutureKind.EXECUTOR, 'job(1)', main, 7)
          : b.future(FutureKind.PLAIN, 'Future', main, 7);
  b.at(0, -1, 0);
  b.emit(K.FUTURE_CREATED, b.taskFuture(main));
  b.emit(K.TASK_CREATED, main);
  b.emit(K.RESOURCE_CREATED, res);
  b.emit(K.HANDLE_SCHEDULED, step);
  b.emit(K.HANDLE_START, step);
  b.at(0, main, 7);
  b.emit(K.TASK_STEP_START, main, Wake.FIRST, -1);
  b.emit(K.FUTURE_CREATED, fut);
  if (how === 'executor') b.emit(K.WORKER_START, res, b.str('job(1)'), fut);
  else if (how !== 'taskgroup') b.emit(K.RESOURCE_WAIT, res, main, fut);
  const suspended = b.emit(K.TASK_STEP_END, main, Step.SUSPENDED, fut);
  b.at(0, -1, 0);
  b.emit(K.HANDLE_END, step);
  b.at(1, -1, 0);
  const done = b.emit(K.FUTURE_DONE, fut, Done.RESULT, b.str('None'));
  const wake = b.handle(HandleKind.SOON, 1, 'task wakeup', main);
  b.emit(K.HANDLE_SCHEDULED, wake);
  b.emit(K.HANDLE_START, wake);
  b.at(1, main, 7);
  const resumed = b.emit(K.TASK_STEP_START, main, Wake.FUTURE, done);
  b.emit(K.TASK_STEP_END, main, Step.RETURNED, b.str('None'));
  b.at(1, -1, 0);
  b.emit(K.HANDLE_END, wake);
  return { trace: b.build(), suspended, resumed };
}
