import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { i18n, initI18n } from '../i18n';
import { TraceBuilder } from '../trace/builder';
import { EXPLAIN_EN, explain, renderExplanation } from '../trace/explain';
import { traceFromJson } from '../trace/json';
import { awaitingText, futureLabel, normalizeTrace, resourceTitle } from '../trace/normalize';
import type { Normalized } from '../trace/normalize';
import { EventKind as K, FutureKind, ResourceKind } from '../trace/schema';
import { english } from './english';
import { translatorFor } from './i18n';
import {
  deadlockDetail,
  deadlockText,
  explainParams,
  fragmentText,
  gapBetween,
  spaced,
  warningText,
  wordText,
} from './fragment-text';

initI18n('en');
const inLang = translatorFor;
const zh = inLang('zh-CN');
const en = inLang('en');

const CJK = /[\u4e00-\u9fff]/;
/** A space between two Chinese characters or marks, which Chinese typesetting never has. */
const CJK_SPACE =
  /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef] [\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/;
/** The English words of the model's fragments, none of which may survive in Chinese. */
const ENGLISH_FRAGMENT =
  /sleep until|loop iteration|\b(?:Lock|Event|Condition|Semaphore|BoundedSemaphore|Barrier|Queue|server|connection|worker|resource|task|future|queue) [`#]|The program|[Tt]he loop|the server|gather of|executor job|worker thread|\ba (?:call|coroutine|callback)\b|its coroutine|an exception|A job/;

/** Every resource kind, and every future kind with and without a label, named awkwardly. */
function modelTrace(): Normalized {
  const b = new TraceBuilder({ source: '' });
  const odd = 'my `odd` name';
  for (const kind of Object.values(ResourceKind)) b.resource(kind, odd);
  b.resource(99, 'x'); // a kind this build does not know: "resource `x`"
  const t = b.task('download BR', 'fetch()');
  b.taskFuture(t);
  for (const kind of Object.values(FutureKind)) {
    if (kind === FutureKind.TASK) continue;
    b.future(kind, null);
    b.future(kind, kind === FutureKind.SLEEP ? 'sleep(0.1)' : 'Future');
  }
  // A get on an empty queue, then a put on a full one.
  const q = b.resource(ResourceKind.QUEUE, 'work q', 0, 2);
  b.emit(K.RESOURCE_WAIT, q, t, b.future(FutureKind.PLAIN, 'Future'));
  b.emit(K.RESOURCE_VALUE, q, 2);
  b.emit(K.RESOURCE_WAIT, q, t, b.future(FutureKind.PLAIN, 'Future'));
  const job = b.future(FutureKind.EXECUTOR, null);
  b.emit(K.WORKER_START, 9, b.str('time.sleep(1)'), job);
  return normalizeTrace(b.build());
}

/** Every fragment the model words for a trace: resources, futures and what tasks await. */
function fragments(nz: Normalized): string[] {
  const out = new Set<string>([awaitingText(nz, -1)]);
  for (let r = 0; r < nz.trace.resources.kind.length; r++) out.add(resourceTitle(nz.trace, r));
  for (let f = 0; f < nz.trace.futures.kind.length; f++) {
    out.add(futureLabel(nz, f));
    out.add(awaitingText(nz, f));
  }
  return [...out];
}

const GOLDEN = fileURLToPath(new URL('../../tests/golden/', import.meta.url));
const goldens = readdirSync(GOLDEN)
  .filter((f) => f.endsWith('.trace.json'))
  .map((f) => ({
    name: f,
    nz: normalizeTrace(traceFromJson(readFileSync(`${GOLDEN}${f}`, 'utf8'))),
  }));

describe('fragmentText', () => {
  it('translates each shape the trace model produces, keeping names and code', () => {
    const cases: [string, string][] = [
      ['sleep until t=0.30 s', 'sleep 结束（t=0.30 秒）'],
      ['the next loop iteration', '下一轮事件循环'],
      ['Lock `db`', '锁 `db`'],
      ['Event `go`', '事件 `go`'],
      ['Condition `cv`', '条件变量 `cv`'],
      ['Semaphore `sem`', '信号量 `sem`'],
      ['BoundedSemaphore `pool`', '有界信号量 `pool`'],
      ['Barrier `b`', '屏障 `b`'],
      ['Queue `q`', '队列 `q`'],
      ['server `127.0.0.1:8888`', '服务器 `127.0.0.1:8888`'],
      ['connection `c-1`', '连接 `c-1`'],
      ['worker `w0`', '工作线程 `w0`'],
      ['resource `#3`', '资源 `#3`'],
      ['queue `jobs`.get()', '队列 `jobs` 的 get()'],
      ['queue `jobs`.put()', '队列 `jobs` 的 put()'],
      ['task `download-BR`', '任务 `download-BR`'],
      ['future `Future`', 'Future `Future`'],
      ['future #12', 'Future #12'],
      ['gather of 3', '汇集 3 项的 gather'],
      ['executor job', '线程池任务'],
      ['executor job work()', '线程池任务 work()'],
      ['time.sleep(1) in a worker thread', '工作线程中的 time.sleep(1)'],
      // Names with spaces and backticks, and text after a name that looks like a shape.
      ['task `download BR`', '任务 `download BR`'],
      ['Lock `my `odd` name`', '锁 `my `odd` name`'],
      ['queue `work q`.put()', '队列 `work q` 的 put()'],
      ['task `a in a worker thread`', '任务 `a in a worker thread`'],
      // Waits in a method of a queue, a connection or a server, and at a TaskGroup's end.
      ['queue `jobs`.join()', '队列 `jobs` 的 join()'],
      ['readline() on connection `c-1`', '连接 `c-1` 上的 readline()'],
      ['readline() on a stream', '流上的 readline()'],
      [
        'serve_forever() on server `127.0.0.1:8888`',
        '服务器 `127.0.0.1:8888` 上的 serve_forever()',
      ],
      ['the tasks of its TaskGroup', '它的 TaskGroup 里的任务'],
    ];
    for (const [text, chinese] of cases) {
      expect(fragmentText(text, zh), text).toBe(chinese);
      // English stays byte-identical, through i18next's English resources and without them.
      expect(fragmentText(text, en), text).toBe(text);
      expect(fragmentText(text, english), text).toBe(text);
    }
  });

  it('passes code and unknown text through unchanged', () => {
    for (const text of [
      'sleep(0.1)',
      'sleep',
      'gather',
      'shield',
      'Future',
      'stage2',
      'Widget `w`', // not a resource kind
      'task `unclosed',
      'sleep until later',
      '',
    ])
      expect(fragmentText(text, zh), text).toBe(text);
  });

  it('translates every fragment the model produces, for every resource and future kind', () => {
    const all = [modelTrace(), ...goldens.map((g) => g.nz)].flatMap(fragments);
    // The shapes this test exists for really are among them.
    for (const shape of [/^sleep until t=/, /^queue `.*`\.get\(\)$/, /^task `/, /^Lock `/])
      expect(
        all.some((f) => shape.test(f)),
        String(shape),
      ).toBe(true);
    expect(all).toContain('time.sleep(1) in a worker thread');
    expect(all).toContain('resource `x`');
    expect(all).toContain('queue `work q`.put()');
    for (const text of all) {
      expect(fragmentText(text, en), text).toBe(text);
      const chinese = fragmentText(text, zh);
      expect(chinese, text).not.toMatch(ENGLISH_FRAGMENT);
      // What is left untranslated is code: a future's own label, or the method a task waits in.
      if (chinese === text)
        expect(text, text).toMatch(/^(sleep(\(.*\))?|gather|shield|Future|\w+\(\))$/);
    }
  });
});

describe('wordText', () => {
  it('translates the fixed words only', () => {
    expect(wordText('The program', zh)).toBe('主程序');
    expect(wordText('the loop', zh)).toBe('事件循环');
    expect(wordText('a coroutine', zh)).toBe('某个协程');
    expect(wordText('main', zh)).toBe('main');
    expect(wordText('The program', en)).toBe('The program');
  });
});

describe('deadlockDetail', () => {
  it('translates the status line detail, which has no "deadlock: " of its own', () => {
    const detail = 'w waits for Lock `l` held by v at line 3';
    expect(deadlockDetail(detail, zh)).toBe('w 在第 3 行等待 v 持有的锁 `l`');
    expect(deadlockDetail(detail, en)).toBe(detail);
    expect(
      deadlockDetail('the loop has nothing left to run and nothing will ever wake it', zh),
    ).toBe('事件循环已经无事可做，也不会再有任何东西唤醒它');
    expect(deadlockDetail('every task is waiting', en)).toBe('every task is waiting');
    // A thread wait nothing can end (the one-sentence deadlock's detail, explain.ts deadlockEnd).
    const thread =
      "queue.Queue.get() at line 4 waits for another thread, and there is none: Loopscope runs the program in one thread, so nothing can end the wait. In async code use asyncio's own (asyncio.Queue, asyncio.Event, await the future) or give the wait a timeout.";
    expect(deadlockDetail(thread, zh)).toMatch(/^第 4 行的 queue\.Queue\.get\(\) 在等待另一个线程/);
    expect(deadlockDetail(thread, en)).toBe(thread);
  });
});

describe('deadlockText and warningText', () => {
  it('translates every shape of the tracer deadlock description (_describe.py)', () => {
    const cases: [string, string][] = [
      [
        'deadlock: the loop has nothing left to run and nothing will ever wake it',
        '死锁：事件循环已经无事可做，也不会再有任何东西唤醒它',
      ],
      [
        'deadlock: Task-2 (first) waits for Lock `lock b` held by Task-3 at line 7',
        '死锁：Task-2 (first) 在第 7 行等待 Task-3 持有的锁 `lock b`',
      ],
      ['deadlock: w waits for Lock `l`', '死锁：w 在等待锁 `l`'],
      [
        'deadlock: w waits for Semaphore `s` held by a, b at line 3',
        '死锁：w 在第 3 行等待 a, b 持有的信号量 `s`',
      ],
      [
        'deadlock: w waits for Event `go` to be set at line 4',
        '死锁：w 在第 4 行等待事件 `go` 被设置',
      ],
      [
        'deadlock: w waits for Condition `cv` to be notified; v waits for the lock of Condition `cv`',
        '死锁：w 在等待条件变量 `cv` 的通知；v 在等待条件变量 `cv` 的锁',
      ],
      [
        'deadlock: w waits for Barrier `b` (1 of 3 arrived)',
        '死锁：w 在等待屏障 `b`（已到达 1 / 3）',
      ],
      [
        'deadlock: c waits for Queue `q`.get() (the queue is empty); p waits for Queue `q`.put() (the queue is full); m waits for Queue `q`.join() (2 unfinished)',
        '死锁：c 在等待队列 `q` 的 get()（队列为空）；p 在等待队列 `q` 的 put()（队列已满）；m 在等待队列 `q` 的 join()（还有 2 项未完成）',
      ],
      [
        'deadlock: main (main) waits for gather of task a (f), a future nobody will complete and 3 more at line 9',
        '死锁：main (main) 在第 9 行等待汇集任务 a (f)、一个永远不会有人完成的 Future 及另外 3 项的 gather',
      ],
      ['deadlock: x waits for nothing (never resumed)', '死锁：x 在等待一次永远不会发生的恢复'],
      [
        'deadlock: Task-1 (main) waits for readline() on a stream at line 13; Task-2 (handle) waits for read() on a stream at line 4',
        '死锁：Task-1 (main) 在第 13 行等待流上的 readline()；Task-2 (handle) 在第 4 行等待流上的 read()',
      ],
      [
        'deadlock: Task-1 (main) waits for the tasks of its TaskGroup at line 8',
        '死锁：Task-1 (main) 在第 8 行等待它的 TaskGroup 里的任务',
      ],
    ];
    for (const [text, chinese] of cases) {
      expect(deadlockText(text, zh), text).toBe(chinese);
      expect(warningText(text, zh), text).toBe(chinese);
      expect(deadlockText(text, en), text).toBe(text);
      expect(deadlockText(text, english), text).toBe(text);
    }
    // A part of another shape stays as it is; the rest is still translated.
    expect(deadlockText('deadlock: something odd; w waits for Lock `l`', zh)).toBe(
      '死锁：something odd；w 在等待锁 `l`',
    );
    expect(deadlockText('no deadlock here', zh)).toBe('no deadlock here');
  });

  it('translates the tracer warnings and keeps Python warnings as Python wrote them', () => {
    const blocking =
      'time.sleep(0.5) blocked the event loop for 0.5 s: no other task ran meanwhile (use await asyncio.sleep)';
    const cap = 'output past 200000 characters was dropped; the program kept running';
    expect(warningText(blocking, zh)).toBe(
      'time.sleep(0.5) 让事件循环阻塞了 0.5 秒：这期间没有任何其他任务能运行（请改用 await asyncio.sleep）',
    );
    expect(warningText(cap, zh)).toBe('超过 200000 个字符的输出已被丢弃，程序仍在继续运行');
    for (const text of [blocking, cap]) {
      expect(warningText(text, en)).toBe(text);
      expect(warningText(text, english)).toBe(text);
    }
    // The legacy notes of 2015-era code: the prose is translated, the code kept.
    const legacy: [string, string][] = [
      [
        'Legacy asyncio: @asyncio.coroutine generator coroutine. Modern equivalent: `async def` with `await` instead of `yield from`',
        '旧式 asyncio 写法：@asyncio.coroutine 生成器协程。现在的写法：用 `async def` 定义协程，用 `await` 代替 `yield from`',
      ],
      [
        'Legacy asyncio: asyncio.sleep(..., loop=...). Modern equivalent: the same call without `loop=` (removed in Python 3.10; the running loop is used)',
        '旧式 asyncio 写法：asyncio.sleep(..., loop=...)。现在的写法：去掉 `loop=` 参数的同一调用（Python 3.10 已移除该参数，会自动使用正在运行的事件循环）',
      ],
      [
        'Legacy asyncio: bare coroutines passed to asyncio.wait. Modern equivalent: pass tasks: `asyncio.wait([asyncio.create_task(c) for c in coros])`',
        '旧式 asyncio 写法：直接传给 asyncio.wait 的协程对象。现在的写法：传入任务：`asyncio.wait([asyncio.create_task(c) for c in coros])`',
      ],
      [
        'Legacy asyncio: asyncio.async(...). Modern equivalent: `asyncio.ensure_future(...)` or `asyncio.create_task(...)`',
        '旧式 asyncio 写法：asyncio.async(...)。现在的写法：`asyncio.ensure_future(...)` 或 `asyncio.create_task(...)`',
      ],
      [
        'Legacy asyncio: with (yield from lock). Modern equivalent: `async with lock:`',
        '旧式 asyncio 写法：with (yield from lock)。现在的写法：`async with lock:`',
      ],
    ];
    for (const [text, chinese] of legacy) {
      expect(warningText(text, zh)).toBe(chinese);
      expect(warningText(text, en)).toBe(text);
    }
    const python = "RuntimeWarning: coroutine 'work' was never awaited";
    expect(warningText(python, zh)).toBe(python);
  });
});

describe('the tracer still words its warnings as fragment-text.ts expects', () => {
  // A changed English sentence on the Python side would silently stay English in Chinese.
  const PY = fileURLToPath(new URL('../python/loopscope/', import.meta.url));
  const py = (file: string) => readFileSync(`${PY}${file}`, 'utf8');
  it.each([
    ['_describe.py', "f'{_task_label(task)} waits for {what}{at}'"],
    ['_describe.py', "f' at line {line}' if line else ''"],
    ['_describe.py', "'deadlock: ' + '; '.join(parts)"],
    ['_describe.py', "'deadlock: the loop has nothing left to run and nothing will ever wake it'"],
    ['_describe.py', "'nothing (never resumed)'"],
    ['_describe.py', "'a future nobody will complete'"],
    ['_describe.py', "f'gather of {names}{more}'"],
    ['_describe.py', "f' and {len(pending) - 4} more'"],
    ['_describe.py', "f'task {_task_label(fut)}'"],
    ['_resources.py', "f' held by {self._ls_holders[0]}'"],
    ['_resources.py', "f'Event `{self._ls_name}` to be set'"],
    ['_resources.py', "f'Condition `{self._ls_name}` to be notified'"],
    ['_resources.py', "f'the lock of Condition `{self._ls_name}`'"],
    ['_resources.py', "f'Barrier `{self._ls_name}` ({self._count} of {self._parties} arrived)'"],
    ['_resources.py', "f'Queue `{self._ls_name}`.get() (the queue is empty)'"],
    ['_resources.py', "f'Queue `{self._ls_name}`.put() (the queue is full)'"],
    ['_resources.py', "f'Queue `{self._ls_name}`.join() ({self._unfinished_tasks} unfinished)'"],
    ['_runner.py', "f'{text} blocked the event loop for {seconds:g} s: '"],
    ['_runner.py', "'no other task ran meanwhile (use await asyncio.sleep)'"],
    [
      '_runner.py',
      "f'output past {self.max_output} characters was dropped; the program kept running'",
    ],
    ['world/legacy.py', "f'Legacy asyncio: {construct}. Modern equivalent: {modern}'"],
    ['world/legacy.py', "'@asyncio.coroutine generator coroutine'"],
    ['world/legacy.py', "'bare coroutines passed to asyncio.wait'"],
    ['world/legacy.py', "'`async def` with `await` instead of `yield from`'"],
    ['world/legacy.py', "'`asyncio.ensure_future(...)` or `asyncio.create_task(...)`'"],
    [
      'world/legacy.py',
      "'the same call without `loop=` (removed in Python 3.10; the running loop is used)'",
    ],
    ['world/legacy.py', "'pass tasks: `asyncio.wait([asyncio.create_task(c) for c in coros])`'"],
  ])('%s: %s', (file, text) => {
    expect(py(file)).toContain(text);
  });
});

describe('spaced', () => {
  const zhs = spaced(zh);

  it('drops the space where a Chinese parameter meets Chinese (QA: "主程序 向 stderr")', () => {
    expect(zhs('explain.stderr', '', { who: '主程序', text: 'oops' })).toBe(
      '主程序向 stderr 写入了“oops”。',
    );
    expect(zhs('fragment.deadlock.waitsAt', '', { who: 'w', line: 5, what: '队列 `q`' })).toBe(
      'w 在第 5 行等待队列 `q`',
    );
    // Two Chinese parameters side by side, and Chinese punctuation at a parameter's end.
    expect(zhs('fragment.deadlock.heldBy', '', { holders: '主程序', what: '锁 `l`' })).toBe(
      '主程序持有的锁 `l`',
    );
    expect(zhs('explain.handleEnd', '', { label: 'sleep 结束（t=1 秒）' })).toBe(
      'sleep 结束（t=1 秒）执行完毕，控制权交还给事件循环。',
    );
  });

  it('keeps the space next to names, numbers and code, and inside parameters', () => {
    expect(zhs('explain.stderr', '', { who: 'main', text: 'a b' })).toBe(
      'main 向 stderr 写入了“a b”。',
    );
    expect(
      zhs('fragment.deadlock.waitsAt', '', { who: 'w', line: 5, what: 'v 持有的锁 `l`' }),
    ).toBe('w 在第 5 行等待 v 持有的锁 `l`');
    // What the program printed, and a task named in Chinese, are their own words.
    expect(zhs('explain.stdout', '', { who: '任务 一', text: '你好 世界' })).toBe(
      '任务 一打印了“你好 世界”。',
    );
  });

  it('spaces the tracer warnings too (QA: "在第 5 行等待 队列 `q`")', () => {
    expect(warningText('deadlock: w waits for Queue `q` at line 5', zhs)).toBe(
      '死锁：w 在第 5 行等待队列 `q`',
    );
    expect(deadlockText('deadlock: w waits for Lock `l` held by v at line 3', zhs)).toBe(
      '死锁：w 在第 3 行等待 v 持有的锁 `l`',
    );
    expect(
      warningText(
        'deadlock: main (main) waits for gather of task a (f), a future nobody will complete and 3 more at line 9',
        zhs,
      ),
    ).toBe(
      '死锁：main (main) 在第 9 行等待汇集任务 a (f)、一个永远不会有人完成的 Future 及另外 3 项的 gather',
    );
  });

  it('leaves English exactly as the translator gives it, and is one translator per translator', () => {
    expect(spaced(en)('explain.stderr', '', { who: 'The program', text: 'x' })).toBe(
      en('explain.stderr', '', { who: 'The program', text: 'x' }),
    );
    expect(spaced(en)('explain.acquired', '', { task: '主程序', resource: '锁' })).toBe(
      '主程序 acquires 锁.',
    );
    expect(spaced(zh)).toBe(zhs);
    expect(spaced(zhs)).toBe(zhs);
    expect(zhs('common.close', 'Close')).toBe('关闭');
  });
});

describe('explainParams', () => {
  it('leaves English explanations byte-identical and translates every fragment in Chinese', () => {
    let sentences = 0;
    for (const { name, nz } of goldens) {
      for (let s = 0; s < nz.eventCount; s++) {
        const msg = explain(nz, s);
        const english = renderExplanation(msg);
        expect(explainParams(msg.key, msg.params, en)).toEqual(msg.params);
        expect(
          String(i18n.t(msg.key, { lng: 'en', ...explainParams(msg.key, msg.params, en) })),
        ).toBe(english);
        const chinese = spaced(zh)(
          msg.key,
          english,
          explainParams(msg.key, msg.params, spaced(zh)),
        );
        expect(chinese, `${name} step ${s}: ${english}`).toMatch(CJK);
        expect(chinese, `${name} step ${s}: ${english}`).not.toMatch(ENGLISH_FRAGMENT);
        // No space between two Chinese words (the golden programs name nothing in Chinese).
        expect(chinese, `${name} step ${s}: ${english}`).not.toMatch(CJK_SPACE);
        sentences++;
      }
    }
    expect(sentences).toBeGreaterThan(100);
  });

  it('translates the subject of a sentence outside any task, and a fragment in each param', () => {
    const zhOf = (key: string, params: Record<string, string | number>) =>
      spaced(zh)(key, '', explainParams(key, params, spaced(zh)));
    expect(
      zhOf('explain.suspended', { task: 'main', line: 4, awaiting: 'sleep until t=0.30 s' }),
    ).toBe('main 在第 4 行挂起，等待 sleep 结束（t=0.30 秒）；事件循环可以先去运行别的代码。');
    expect(zhOf('explain.acquired', { task: 'The program', resource: 'Lock `db`' })).toBe(
      '主程序获得了锁 `db`。',
    );
    expect(
      zhOf('explain.awaitEdge', { waiter: 'task `a b`', awaited: 'gather of 2', edge: 'gather' }),
    ).toBe('任务 `a b` 现在等待汇集 2 项的 gather（gather）。');
    expect(zhOf('explain.netAccept', { server: 'the server', resource: 'connection `c`' })).toBe(
      '服务器接受了一个连接：连接 `c`。',
    );
    expect(
      zhOf('explain.cancelTaskRunning', { who: 'The loop', task: 'alpha', line: 3, msg: '' }),
    ).toContain('事件循环在第 3 行调用了 alpha.cancel()');
    // A callback that cancels keeps its qualified name; a task named like a word is a name.
    expect(
      zhOf('explain.cancelFuture', { who: 'Timeout._on_timeout', future: 'future `f`', line: 2 }),
    ).toBe('Timeout._on_timeout 在第 2 行取消了 Future `f`。');
    expect(zhOf('explain.returned', { task: 'main', value: "'the loop'" })).toBe(
      "main 执行完毕，返回 'the loop'。",
    );
  });

  it('knows every parameter an explanation key can carry', () => {
    const known = new Set([
      // translated
      'label',
      'awaiting',
      'resource',
      'future',
      'waiter',
      'awaited',
      'server',
      'who',
      'task',
      'other',
      'call',
      'coro',
      'error',
      'callback',
      'type',
      'job',
      // numbers, times and lines
      'iteration',
      'ready',
      'timers',
      'time',
      'when',
      'ms',
      'line',
      'awaitLine',
      'depth',
      'count',
      'bytes',
      'parties', // a barrier's (explain.valueBarrier)
      'kind', // an event kind a newer engine recorded (explain.unknownEvent)
      // code, reprs and text the program or Python wrote
      'sleep',
      'value',
      'edge',
      'text',
      'message',
      'peer',
      'detail',
      'name',
      'msg',
      // a signal's name and an exit code (explain.runEnd.killedBySignal, osExit, ...)
      'signal',
      'code',
    ]);
    for (const [key, template] of Object.entries(EXPLAIN_EN))
      for (const m of template.matchAll(/\{\{(\w+)\}\}/g))
        expect(known.has(m[1]), `${key}: {{${m[1]}}}`).toBe(true);
  });
});

describe('gapBetween', () => {
  it('sets no space between Chinese and a Chinese fragment (QA: "等待 队列 `q`")', () => {
    const awaits = zh('tasks.awaits', 'awaits');
    expect(awaits).toMatch(CJK);
    for (const awaiting of ['queue `q`.get()', 'Lock `db`', 'queue `q`.join()']) {
      const what = fragmentText(awaiting, zh);
      expect(`${awaits}${gapBetween(awaits, what)}${what}`, awaiting).not.toMatch(CJK_SPACE);
    }
    expect(gapBetween('等待', '锁 `db`')).toBe('');
    // Chinese punctuation is Chinese too.
    expect(gapBetween('等待：', '锁')).toBe('');
  });

  it('keeps the space before code, names and numbers, and everywhere in English', () => {
    expect(gapBetween('等待', fragmentText('sleep until t=0.30 s', zh))).toBe(' ');
    expect(gapBetween('等待', 'readline()')).toBe(' ');
    expect(gapBetween('等待', '`q`')).toBe(' ');
    expect(gapBetween('awaits', 'queue `q`.get()')).toBe(' ');
    expect(gapBetween('awaits', '锁')).toBe(' ');
    expect(gapBetween('', '锁')).toBe(' ');
  });
});
