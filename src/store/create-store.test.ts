import { describe, expect, it } from 'vitest';
import { createPlaygroundStore } from './create-store';
import { readFileSync } from 'node:fs';
import { CONSOLE_CHAR_LIMIT, CONSOLE_CHUNK_CHARS, appendChunked } from './slices/console';
import { selectBootFraction, selectCanRun, selectIsBusy } from './selectors';

const init = { code: 'print(1)\n', filename: 'main.py' };

describe('createPlaygroundStore', () => {
  it('gives every playground its own state', () => {
    const a = createPlaygroundStore(init);
    const b = createPlaygroundStore(init);
    a.getState().setCode('print(2)\n');
    a.getState().appendOutput('stdout', 'hi');
    expect(b.getState().code).toBe('print(1)\n');
    expect(b.getState().consoleChunks).toEqual([]);
  });

  it('does not notify when the code is set to the same text, and clears a stale error line', () => {
    const store = createPlaygroundStore(init);
    let calls = 0;
    store.subscribe(() => calls++);
    store.getState().setCode('print(1)\n');
    expect(calls).toBe(0);
    store.getState().setErrorLine({ line: 1, message: 'ZeroDivisionError' });
    store.getState().setCode('print(3)\n');
    expect(store.getState().errorLine).toBeNull();
  });

  it('merges console output by stream and truncates past the limit with a notice', () => {
    const store = createPlaygroundStore(init);
    const s = () => store.getState();
    s().appendOutput('stdout', 'a');
    s().appendOutput('stdout', 'b');
    s().appendOutput('stderr', 'c');
    expect(s().consoleChunks).toEqual([
      { stream: 'stdout', text: 'ab' },
      { stream: 'stderr', text: 'c' },
    ]);
    s().appendOutput('stdout', 'x\n'.repeat(CONSOLE_CHAR_LIMIT / 2));
    expect(s().consoleChars).toBe(CONSOLE_CHAR_LIMIT);
    expect(s().consoleTruncated).toBe(true);
    expect(s().consoleChunks.at(-1)).toMatchObject({ stream: 'system' });
    const before = s().consoleChunks;
    s().appendOutput('stdout', 'more');
    expect(s().consoleChunks).toBe(before);
    s().clearConsole();
    expect(s()).toMatchObject({ consoleChunks: [], consoleChars: 0, consoleTruncated: false });
  });

  it("keeps more than the engine's output cap, so a run's output is cut once, by the engine", () => {
    const runner = readFileSync(new URL('../python/loopscope/_runner.py', import.meta.url), 'utf8');
    const cap = Number(/'max_output': ([\d_]+),/.exec(runner)![1].replace(/_/g, ''));
    expect(cap).toBe(1_000_000);
    // The engine's note after its cut ("[loopscope: output past ... dropped ...]") fits too.
    expect(CONSOLE_CHAR_LIMIT).toBeGreaterThan(cap + 200);
  });

  it('keeps chunks small and starting at line ends, losing no text', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i}\n`);
    let chunks = appendChunked([], 'stdout', 'partial ');
    for (let i = 0; i < lines.length; i += 7) {
      chunks = appendChunked(chunks, 'stdout', lines.slice(i, i + 7).join(''));
    }
    chunks = appendChunked(chunks, 'stderr', 'err\n');
    expect(chunks.map((c) => c.text).join('')).toBe('partial ' + lines.join('') + 'err\n');
    expect(chunks.length).toBeGreaterThan(3);
    for (const [i, c] of chunks.entries()) {
      expect(c.text.length).toBeLessThanOrEqual(CONSOLE_CHUNK_CHARS + 16);
      if (i > 0 && chunks[i - 1].stream === c.stream)
        expect(chunks[i - 1].text.endsWith('\n')).toBe(true);
    }
    expect(chunks.at(-1)).toEqual({ stream: 'stderr', text: 'err\n' });
    // A line longer than a chunk is still kept whole in content.
    const long = 'y'.repeat(CONSOLE_CHUNK_CHARS * 2 + 5);
    expect(
      appendChunked([], 'stdout', long)
        .map((c) => c.text)
        .join(''),
    ).toBe(long);
  });

  it('numbers runs and keeps the last result', () => {
    const store = createPlaygroundStore(init);
    const s = () => store.getState();
    expect(s().beginRun()).toBe(1);
    expect(s().running).toBe(true);
    s().endRun({ kind: 'done', outcome: 0, detail: '', stats: null }, null);
    expect(s()).toMatchObject({ running: false, lastRun: { seq: 1, kind: 'done' } });
    expect(s().beginRun()).toBe(2);
  });

  it('derives run/busy/progress through selectors', () => {
    const store = createPlaygroundStore(init);
    const s = () => store.getState();
    expect(selectCanRun(s())).toBe(false);
    expect(selectBootFraction(s())).toBeNull();
    s().setBootProgress('fetch-runtime', 5, 10);
    expect(selectBootFraction(s())).toBe(0.5);
    s().setRuntimeStatus('running');
    expect(selectCanRun(s())).toBe(true);
    expect(selectIsBusy(s())).toBe(true);
    s().setRuntimeInfo({ pythonVersion: '3.14', interruptible: true, bootMs: 1 });
    s().setRuntimeStatus('booting');
    expect(s().runtimeInfo).toBeNull();
    // A run started while Python boots waits for it, and can be stopped meanwhile.
    expect(selectIsBusy(s())).toBe(false);
    s().beginRun();
    expect(selectIsBusy(s())).toBe(true);
    s().endRun({ kind: 'cancelled', outcome: -1, detail: '', stats: null }, null);
    expect(selectIsBusy(s())).toBe(false);
  });

  it('numbers notices so a repeated sentence is still new', () => {
    const store = createPlaygroundStore(init);
    store.getState().setNotice('info', 'Stopping…');
    const first = store.getState().notice!.seq;
    store.getState().setNotice('info', 'Stopping…');
    expect(store.getState().notice!.seq).toBe(first + 1);
  });
});
