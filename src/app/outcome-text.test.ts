import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { initI18n } from '../i18n';
import { RESOURCES, flatten } from '../i18n/resources';
import type { Tree } from '../i18n/resources';
import { translatorFor } from '../viz/i18n';
import type { Translate } from '../viz/english';
import {
  engineStderrText,
  isOutcomeDetail,
  outcomeDetailText,
  outcomeMessage,
  runEndNotice,
} from './outcome-text';

initI18n('en');
const inLang = translatorFor;
const zh = inLang('zh-CN');
const en = inLang('en');

const BLOCKING_TAIL =
  " waits for another thread, and there is none: Loopscope runs the program in one thread, so nothing can end the wait. In async code use asyncio's own (asyncio.Queue, asyncio.Event, await the future) or give the wait a timeout.";

/** Every shape the engine ends a run with, as it words them, and what a Chinese reader sees. */
const DETAILS: [string, string][] = [
  ['event limit of 2000000 reached', '已达到 2000000 个事件的上限'],
  ['virtual-time limit of 3600 s reached', '虚拟时间已达到 3600 秒的上限'],
  ['virtual-time limit of 0.5 s reached', '虚拟时间已达到 0.5 秒的上限'],
  ['wall-time limit of 20 s reached', '实际运行时间已达到 20 秒的上限'],
  ['interrupted', '程序收到了中断'],
  ['stopped by the user', '用户按下了停止'],
  ['killed by signal SIGTERM', '程序被信号 SIGTERM 终止'],
  ['killed by signal signal 40', '程序被信号 signal 40 终止'],
  ['stopped by signal SIGSTOP', '程序被信号 SIGSTOP 停止'],
  ['os._exit(3)', '程序调用 os._exit(3) 结束了进程'],
  ['os._exit(-1)', '程序调用 os._exit(-1) 结束了进程'],
  ['SystemExit: 3', '程序以 SystemExit 退出：3'],
  [
    'deadlock: Task-1 (main) waits for Event `Event-1` to be set at line 3',
    '死锁：Task-1 (main) 在第 3 行等待事件 `Event-1` 被设置',
  ],
  [
    'deadlock: the loop has nothing left to run and nothing will ever wake it',
    '死锁：事件循环已经无事可做，也不会再有任何东西唤醒它',
  ],
  [
    `deadlock: queue.Queue.get() at line 5${BLOCKING_TAIL}`,
    '死锁：第 5 行的 queue.Queue.get() 在等待另一个线程，可是并没有别的线程：Loopscope 只用一个线程运行程序，没有任何东西能结束这次等待。在异步代码里请改用 asyncio 自己的工具（asyncio.Queue、asyncio.Event，或直接 await 那个 Future），或者给这次等待设置超时',
  ],
  [
    `deadlock: threading.Event.wait()${BLOCKING_TAIL}`,
    '死锁：threading.Event.wait() 在等待另一个线程，可是并没有别的线程：Loopscope 只用一个线程运行程序，没有任何东西能结束这次等待。在异步代码里请改用 asyncio 自己的工具（asyncio.Queue、asyncio.Event，或直接 await 那个 Future），或者给这次等待设置超时',
  ],
  [
    'virtual-time limit of 3600 s reached while the server on 127.0.0.1:8888 waited for a client',
    '服务器 127.0.0.1:8888 一直在等待客户端连接，直到虚拟时间达到 3600 秒的上限',
  ],
];

/**
 * English prose left in a Chinese text: three English words in a row, once code between
 * backticks, dotted names and calls (queue.Queue.get(), os._exit(3)) and `Task-1 (main)`-style
 * names are set aside. tests/py/outcome-text.test.mjs runs the same check on real runs.
 */
const ENGLISH_PROSE = /[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}/;

describe('outcome-text', () => {
  it('renders every run-end shape in Chinese, and in English exactly as the engine wrote it', () => {
    for (const [detail, chinese] of DETAILS) {
      expect(isOutcomeDetail(detail), detail).toBe(true);
      expect(outcomeDetailText(detail, zh)).toBe(chinese);
      expect(outcomeDetailText(detail, zh)).not.toMatch(ENGLISH_PROSE);
      expect(outcomeDetailText(detail, en)).toBe(detail);
    }
  });

  it('keeps text of any other shape as it is, in both languages', () => {
    for (const text of [
      '',
      'ValueError: x',
      'KeyboardInterrupt',
      'bye',
      'event limit of many reached',
      'killed by signal',
      'os._exit(three)',
    ]) {
      expect(isOutcomeDetail(text), text).toBe(false);
      expect(outcomeDetailText(text, zh)).toBe(text);
      expect(outcomeDetailText(text, en)).toBe(text);
    }
  });

  it('has an English and a Chinese text for each key it renders', () => {
    const enKeys = flatten(RESOURCES.en.translation as Tree);
    const zhKeys = flatten(RESOURCES['zh-CN'].translation as Tree);
    const keys = new Set<string>();
    const spy: Translate = (key, text, params) => (keys.add(key), en(key, text, params));
    for (const [detail] of DETAILS) outcomeDetailText(detail, spy);
    for (const line of ENGINE_LINES) engineStderrText(`${line[0]}\n`, spy);
    expect(keys.size).toBeGreaterThan(15);
    for (const key of keys) {
      expect(enKeys[key], key).toBeTruthy();
      expect(zhKeys[key], key).toBeTruthy();
      // Not an English text copied across.
      if (key.startsWith('outcome.')) expect(zhKeys[key], key).not.toBe(enKeys[key]);
    }
  });

  it('gives notices for the endings without a line, as messages a language switch can redo', () => {
    const killed = 'loopscope: the program was killed by SIGTERM (Terminated)';
    const notice = runEndNotice(killed);
    expect(notice).toEqual({
      key: 'outcome.line.killedBy',
      english: 'loopscope: the program was killed by {{signal}} ({{description}})',
      params: { signal: 'SIGTERM', description: 'Terminated' },
    });
    expect(en(notice!.key, notice!.english, notice!.params)).toBe(killed);
    expect(zh(notice!.key, notice!.english, notice!.params)).toBe(
      'loopscope：程序被信号 SIGTERM 终止',
    );
    expect(runEndNotice('os._exit(3)')).toMatchObject({ params: { code: '3' } });
    expect(runEndNotice('SystemExit: 3')?.key).toBe('outcome.systemExit');
    // A program's own exit text (sys.exit('bye')) and exceptions stay the program's words.
    expect(runEndNotice('bye')).toBeNull();
    expect(runEndNotice('ValueError: x')).toBeNull();
    // Deadlocks have their own notice (status.deadlock) and are no message of names only.
    expect(outcomeMessage(DETAILS[12][0])).toBeNull();
  });
});

/** The engine's closing stderr lines and their Chinese. */
const ENGINE_LINES: [string, string][] = [
  [
    'loopscope: run stopped: event limit of 2000000 reached',
    'loopscope：运行已停止：已达到 2000000 个事件的上限',
  ],
  ['loopscope: run stopped: stopped by the user', 'loopscope：运行已停止：用户按下了停止'],
  [
    'loopscope: deadlock: main (main) waits for task worker (worker) at line 4',
    'loopscope：死锁：main (main) 在第 4 行等待任务 worker (worker)',
  ],
  [
    'loopscope: the program was killed by SIGUSR1 (User defined signal 1)',
    'loopscope：程序被信号 SIGUSR1 终止',
  ],
  [
    'loopscope: the program was stopped by SIGSTOP (Stopped (signal))',
    'loopscope：程序被信号 SIGSTOP 停止',
  ],
];

describe('engineStderrText', () => {
  it("translates the engine's closing line and nothing the program wrote", () => {
    for (const [line, chinese] of ENGINE_LINES) {
      const text = `Traceback? no: the program's own line\n${line}\n`;
      expect(engineStderrText(text, zh)).toBe(
        `Traceback? no: the program's own line\n${chinese}\n`,
      );
      expect(engineStderrText(text, en)).toBe(text);
    }
    // A line of the engine's form with a detail of no known shape, and other output, stay.
    for (const text of [
      'loopscope: run stopped: something new\n',
      'loopscope: hello\n',
      'plain stderr\n',
      '[loopscope: output past 10 characters was dropped; the program kept running]\n',
    ])
      expect(engineStderrText(text, zh)).toBe(text);
  });
});

describe('the engine still words its run ends as outcome-text.ts expects', () => {
  // A changed English sentence on the Python side would silently stay English in Chinese;
  // tests/py/outcome-text.test.mjs checks the same on real runs.
  const PY = fileURLToPath(new URL('../python/loopscope/', import.meta.url));
  const py = (file: string) => readFileSync(`${PY}${file}`, 'utf8');
  it.each([
    ['_loop.py', "f'event limit of {self.max_events} reached'"],
    ['_loop.py', "f'wall-time limit of {self.max_wall_time:g} s reached'"],
    ['_loop.py', "f'virtual-time limit of {st.max_virtual_time:g} s reached'"],
    ['_loop.py', "s reached while the server on '"],
    ['_loop.py', "waited for a client'"],
    ['_loop.py', "detail = 'interrupted'"],
    ['_runner.py', "'stopped by the user'"],
    ['_runner.py', "f'run stopped: {detail}'"],
    ['_runner.py', "f'loopscope: {words}\\n'"],
    ['_runner.py', "f'SystemExit: {code}'"],
    ['_signals.py', "f'loopscope: the program was {verb} by {name} ({words})\\n'"],
    ['_signals.py', "f'{verb} by signal {name}'"],
    ['_signals.py', "f'os._exit({code})'"],
    ['_blocking.py', "f'deadlock: {what}{where} waits for another thread, and there is none: "],
  ])('%s: %s', (file, text) => {
    expect(py(file)).toContain(text);
  });
});
