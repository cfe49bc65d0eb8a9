import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { createPlaygroundStore } from '../store/create-store';
import { TraceBuilder } from '../trace/builder';
import { traceFromJson } from '../trace/json';
import { EventKind as K, Outcome } from '../trace/schema';
import { showRecordedRun } from './TraceReplay';

function replay(trace: ReturnType<TraceBuilder['build']>) {
  const store = createPlaygroundStore({ code: '', filename: 'main.py' });
  showRecordedRun(store.getState(), trace);
  return store.getState();
}

/** A run that ends as the engine said, with what it wrote to stdout and stderr recorded. */
function recorded(outcome: number, detail: string, stderr = '', stdout = '') {
  const b = new TraceBuilder({ source: 'print(1)\nraise ValueError("x")\n', outcome });
  b.meta.outcomeDetail = detail;
  if (stdout) b.at(0, -1, 1).emit(K.STDOUT, b.str(stdout));
  if (stderr) b.at(0, -1, 2).emit(K.STDERR, b.str(stderr));
  b.at(0, -1, 0).emit(K.RUN_END, outcome, b.str(detail));
  return b.build();
}

afterEach(() => setLanguage('en', { persist: false }));

describe('a replayed trace', () => {
  it("shows the deadlock notice a live run shows, and follows the page's language", () => {
    const golden = readFileSync(
      new URL('../../tests/golden/deadlock.trace.json', import.meta.url),
      'utf8',
    );
    const state = replay(traceFromJson(golden));
    expect(state.notice).toMatchObject({ level: 'warning', key: 'status.deadlock' });
    expect(state.notice?.text).toBe(
      'Deadlock: the program waits for something that can never happen.',
    );
    expect(state.code).toContain('async def first(a, b)');
  });

  it('shows the budget, the exception and its line, and a signal as a live run does', () => {
    expect(
      replay(recorded(Outcome.LIMIT_EVENTS, 'event limit of 5000 reached')).notice,
    ).toMatchObject({ level: 'warning', key: 'status.stoppedEvents' });
    const traceback =
      'Traceback (most recent call last):\n  File "main.py", line 2, in <module>\n    raise ValueError("x")\nValueError: x\n';
    const failed = replay(recorded(Outcome.EXCEPTION, 'ValueError: x', traceback));
    expect(failed.notice).toMatchObject({ level: 'error', text: 'ValueError: x (line 2)' });
    expect(failed.errorLine).toEqual({ line: 2, message: 'ValueError: x' });
    setLanguage('zh-CN', { persist: false });
    // The engine's closing line, added from the detail, is what the notice says, as live
    // (controller.test.ts: the same run's notice).
    const killed = replay(recorded(Outcome.EXCEPTION, 'killed by signal SIGTERM'));
    expect(killed.notice).toMatchObject({ level: 'error', key: 'outcome.line.killedBy' });
    expect(killed.notice?.text).toBe('loopscope：程序被信号 SIGTERM 终止');
  });

  it("ends the console with the engine's closing stderr line, as a live run's does", () => {
    const consoleOf = (outcome: number, detail: string, stderr = '') =>
      replay(recorded(outcome, detail, stderr, 'waiting\n'))
        .consoleChunks.map((c) => `${c.stream}:${c.text}`)
        .join('|');
    // The engine's words (src/python/loopscope/_runner.py `_conclude`), which it writes after
    // everything the trace records.
    const deadlock = 'deadlock: Task-1 (main) waits for Event `ready` to be set at line 6';
    expect(consoleOf(Outcome.DEADLOCK, deadlock)).toBe(
      `stdout:waiting\n|stderr:loopscope: ${deadlock}\n`,
    );
    for (const [outcome, detail] of [
      [Outcome.LIMIT_EVENTS, 'event limit of 2000000 reached'],
      [Outcome.LIMIT_VIRTUAL_TIME, 'virtual-time limit of 3600 s reached'],
      [Outcome.LIMIT_WALL_TIME, 'wall-time limit of 20 s reached'],
      [Outcome.INTERRUPTED, 'stopped by the user'],
    ] as const) {
      expect(consoleOf(outcome, detail)).toBe(
        `stdout:waiting\n|stderr:loopscope: run stopped: ${detail}\n`,
      );
    }
    // A finished run and an exception end with what they wrote, the traceback recorded.
    expect(consoleOf(Outcome.OK, '')).toBe('stdout:waiting\n');
    const traceback = 'Traceback (most recent call last):\nValueError: x\n';
    expect(consoleOf(Outcome.EXCEPTION, 'ValueError: x', traceback)).toBe(
      `stdout:waiting\n|stderr:${traceback}`,
    );
    // A run a signal ended: the engine's line after the output, as _signals.py `kill` words it
    // (tests/py/signals.test.mjs checks every signal against the engine).
    expect(consoleOf(Outcome.EXCEPTION, 'killed by signal SIGTERM')).toBe(
      'stdout:waiting\n|stderr:loopscope: the program was killed by SIGTERM (Terminated)\n',
    );
    expect(consoleOf(Outcome.EXCEPTION, 'stopped by signal SIGSTOP')).toBe(
      'stdout:waiting\n|stderr:loopscope: the program was stopped by SIGSTOP (Stopped (signal))\n',
    );
    // A trace that records the line already (a later engine) does not get it twice.
    const line = 'loopscope: run stopped: event limit of 500 reached\n';
    expect(consoleOf(Outcome.LIMIT_EVENTS, 'event limit of 500 reached', line)).toBe(
      `stdout:waiting\n|stderr:${line}`,
    );
  });

  it("words the closing line in the page's language, as the live console does", () => {
    setLanguage('zh-CN', { persist: false });
    const state = replay(recorded(Outcome.LIMIT_EVENTS, 'event limit of 2000000 reached'));
    // The controller's live console for the same run (controller.test.ts).
    expect(state.consoleChunks.map((c) => c.text).join('')).toBe(
      'loopscope：运行已停止：已达到 2000000 个事件的上限\n',
    );
    expect(state.notice).toMatchObject({ level: 'warning', key: 'status.stoppedEvents' });
  });

  it('runs again as the file it was recorded from', () => {
    const b = new TraceBuilder({ source: 'print(1)\n', filename: 'exc.py' });
    b.at(0, -1, 0).emit(K.RUN_END, 0, b.str(''));
    const state = replay(b.build());
    expect(state.filename).toBe('exc.py');
    expect(state.code).toBe('print(1)\n');
  });
});
