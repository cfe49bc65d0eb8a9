/**
 * A stand-in runner used by the worker only while src/runtime/engine.ts (the loopscope tracer) is
 * not in the build: it runs the program on a tiny virtual-time event loop without tracing, so the
 * page can be built and tested on its own. It speaks the same result shape as the engine.
 */
import type { PyodideAPI } from 'pyodide';
import type { RunOptions, RunResultPayload } from './protocol';

const PLAIN_RUNNER = String.raw`
import asyncio, sys, time, traceback
from asyncio import base_events, events

class _Sel:
    def select(self, timeout=None):
        return []
    def close(self):
        pass

class _PlainLoop(base_events.BaseEventLoop):
    # Virtual time: when nothing is ready, jump the clock to the next timer instead of sleeping.
    def __init__(self):
        super().__init__()
        self._now = 0.0
        self._selector = _Sel()
    def time(self):
        return self._now
    def _process_events(self, event_list):
        pass
    def _write_to_self(self):
        pass
    def _run_once(self):
        if not self._ready and self._scheduled:
            when = self._scheduled[0]._when
            if when > self._now:
                self._now = when
        super()._run_once()

def _new_loop():
    return _PlainLoop()

def _run(main, *, debug=None, loop_factory=None):
    events._set_running_loop(None)
    with asyncio.Runner(debug=debug, loop_factory=_new_loop) as runner:
        return runner.run(main)

def _plain_run(source, filename):
    asyncio.run = _run
    events._set_running_loop(None)
    try:
        code = compile(source, filename, 'exec')
    except SyntaxError:
        traceback.print_exc(limit=0)
        return 7, 'SyntaxError'
    try:
        exec(code, {'__name__': '__main__', '__file__': filename})
        return 0, ''
    except KeyboardInterrupt:
        return 6, 'KeyboardInterrupt'
    except BaseException as e:
        # Only the user's own frames: asyncio's and this runner's are noise to a learner.
        frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == filename]
        sys.stderr.write('Traceback (most recent call last):\n')
        sys.stderr.write(''.join(traceback.format_list(frames)))
        sys.stderr.write(''.join(traceback.format_exception_only(type(e), e)))
        return 1, f'{type(e).__name__}: {e}'
`;

export function installPlain(pyodide: PyodideAPI): void {
  pyodide.runPython(PLAIN_RUNNER);
}

export function runPlain(
  pyodide: PyodideAPI,
  source: string,
  filename: string,
  _options: RunOptions,
  hooks: { onStdout?(text: string): void; onStderr?(text: string): void },
): RunResultPayload {
  let stdout = '';
  let stderr = '';
  const decoder = new TextDecoder();
  pyodide.setStdout({
    write: (buf) => {
      const text = decoder.decode(buf);
      stdout += text;
      hooks.onStdout?.(text);
      return buf.length;
    },
  });
  pyodide.setStderr({
    write: (buf) => {
      const text = decoder.decode(buf);
      stderr += text;
      hooks.onStderr?.(text);
      return buf.length;
    },
  });
  const started = performance.now();
  const run = pyodide.globals.get('_plain_run') as (s: string, f: string) => { toJs(): unknown };
  const proxy = run(source, filename);
  const [outcome, detail] = proxy.toJs() as [number, string];
  const wallMs = performance.now() - started;
  return {
    trace: null,
    stdout,
    stderr,
    outcome,
    outcomeDetail: detail,
    exitCode: outcome === 0 ? 0 : 1,
    stats: { events: 0, tasks: 0, virtualTime: 0, wallMs, outcome },
    outputTruncated: false,
  };
}
