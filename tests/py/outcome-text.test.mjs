// The page's Chinese run-end texts against what the engine really says: programs that end each
// way (budgets, deadlocks, signals, exits, Stop) run on the real engine, and every detail, every
// deadlock warning and every closing stderr line they produce must be recognised by
// src/app/outcome-text.ts, read in Chinese with no English sentence left, and read in English
// exactly as the engine wrote it. A change of wording on the Python side fails here rather than
// silently showing English to Chinese readers.
// Run: node --import tsx --test tests/py/outcome-text.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  engineStderrText,
  isOutcomeDetail,
  outcomeDetailText,
  runEndNotice,
} from '../../src/app/outcome-text.ts';
import { i18n, initI18n } from '../../src/i18n/index.ts';
import { exceptionSummary, userErrorLine } from '../../src/app/traceback.ts';
import { EventKind as K, Outcome, Warn } from '../../src/trace/schema.ts';
import { engine, eventsOf, run } from './engine-helpers.mjs';

initI18n('en');
const inLang = (lng) => (key, text, params) =>
  String(i18n.t(key, { lng, defaultValue: text, ...params }));
const zh = inLang('zh-CN');
const en = inLang('en');

/**
 * English prose: three English words in a row. Code and names (`Event-1`, queue.Queue.get(),
 * Task-1 (main), SIGTERM, os._exit(3)) never form one. Same rule as src/app/outcome-text.test.ts.
 */
const ENGLISH_PROSE = /[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}/;
const CJK = /[\u4e00-\u9fff]/;

/** Checks one engine text both ways; returns its Chinese for the caller's own assertions. */
function bothWays(label, text, render) {
  const chinese = render(text, zh);
  assert.equal(render(text, en), text, `${label}: English stays the engine's text`);
  assert.match(chinese, CJK, `${label}: ${chinese}`);
  assert.doesNotMatch(chinese, ENGLISH_PROSE, `${label}: English left in ${chinese}`);
  return chinese;
}

/** Every run-end text of a result, checked; returns the Chinese detail. */
function checkRun(label, r, outcome) {
  assert.equal(r.outcome, outcome, `${label}: ${r.outcomeDetail}\n${r.stderr}`);
  const detail = r.outcomeDetail;
  assert.ok(isOutcomeDetail(detail), `${label}: not recognised: ${detail}`);
  const chinese = bothWays(label, detail, outcomeDetailText);
  // The trace's RUN_END carries the same string (what the explanation quotes).
  const { kind, b, a } = r.trace.events;
  const end = kind.length - 1;
  assert.equal(kind[end], K.RUN_END);
  assert.equal(r.trace.strings[b[end]], detail);
  // A deadlock is also a warning (the warnings list): the same translation applies.
  for (const i of eventsOf(r.trace, K.WARNING).filter((i) => a[i] === Warn.DEADLOCK))
    bothWays(`${label} warning`, r.trace.strings[b[i]], outcomeDetailText);
  // The engine's closing stderr line, as the console shows it.
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('loopscope: '));
  for (const line of lines) bothWays(`${label} stderr`, `${line}\n`, engineStderrText);
  return { chinese, lines };
}

const DEADLOCKS = {
  'an Event nobody sets': `import asyncio
async def main():
    await asyncio.Event().wait()
asyncio.run(main())
`,
  'two locks taken in opposite orders': `import asyncio
async def transfer(first, second):
    async with first:
        await asyncio.sleep(0.1)
        async with second:
            pass
async def main():
    a, b = asyncio.Lock(), asyncio.Lock()
    await asyncio.gather(transfer(a, b), transfer(b, a))
asyncio.run(main())
`,
  'an empty asyncio.Queue, a full one and an unfinished join': `import asyncio
async def main():
    q = asyncio.Queue()
    full = asyncio.Queue(maxsize=1)
    full.put_nowait(1)
    joined = asyncio.Queue()
    joined.put_nowait(1)
    await asyncio.gather(q.get(), full.put(2), joined.join())
asyncio.run(main())
`,
  'a Condition, a Barrier and a Semaphore': `import asyncio
async def main():
    cond = asyncio.Condition()
    barrier = asyncio.Barrier(3)
    sem = asyncio.Semaphore(0)
    async def notified():
        async with cond:
            await cond.wait()
    await asyncio.gather(notified(), barrier.wait(), sem.acquire())
asyncio.run(main())
`,
  'a future nobody completes, and a task awaiting a task': `import asyncio
async def child():
    await asyncio.get_running_loop().create_future()
async def main():
    await asyncio.create_task(child(), name="child")
asyncio.run(main())
`,
  'gather of more than four': `import asyncio
async def main():
    events = [asyncio.Event() for _ in range(6)]
    await asyncio.gather(*(e.wait() for e in events))
asyncio.run(main())
`,
  'nothing left to run': `import asyncio
loop = asyncio.new_event_loop()
loop.run_until_complete(loop.create_future())
`,
};

test('await-graph deadlocks are said in Chinese, part by part', async () => {
  for (const [label, source] of Object.entries(DEADLOCKS)) {
    const r = await run(source, { filename: 'main.py' });
    const { chinese, lines } = checkRun(label, r, Outcome.DEADLOCK);
    assert.match(chinese, /^死锁：/, label);
    assert.equal(lines.length, 1, `${label}: one closing line`);
  }
});

const BLOCKING = {
  'queue.Queue().get() in a coroutine': [
    `import asyncio, queue
async def main():
    queue.Queue().get()
asyncio.run(main())
`,
    /第 3 行的 queue\.Queue\.get\(\) 在等待另一个线程/,
  ],
  'threading.Event().wait() in a coroutine': [
    `import asyncio, threading
async def main():
    threading.Event().wait()
asyncio.run(main())
`,
    /第 3 行的 threading\.Event\.wait\(\) 在等待另一个线程/,
  ],
  'queue.Queue().get() at module level': [
    'import queue\nqueue.Queue().get()\n',
    /第 2 行的 queue\.Queue\.get\(\)/,
  ],
};

test('a thread-blocking wait nothing can end names the call and its line in Chinese', async () => {
  for (const [label, [source, words]] of Object.entries(BLOCKING)) {
    const r = await run(source, { filename: 'main.py' });
    const { chinese } = checkRun(label, r, Outcome.DEADLOCK);
    assert.match(chinese, words, label);
  }
});

test('budgets: events, virtual time (awaited and blocking) and wall time', async () => {
  const forever =
    'import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(0)\nasyncio.run(main())\n';
  const cases = [
    ['events', forever, { maxEvents: 2000 }, Outcome.LIMIT_EVENTS, '已达到 2000 个事件的上限'],
    [
      'virtual time',
      'import asyncio\nasync def main():\n    await asyncio.sleep(100)\nasyncio.run(main())\n',
      { maxVirtualTime: 5 },
      Outcome.LIMIT_VIRTUAL_TIME,
      '虚拟时间已达到 5 秒的上限',
    ],
    [
      'virtual time in time.sleep',
      'import time\ntime.sleep(0.75)\n',
      { maxVirtualTime: 0.5 },
      Outcome.LIMIT_VIRTUAL_TIME,
      '虚拟时间已达到 0.5 秒的上限',
    ],
    [
      'a server nobody connects to',
      "import asyncio\nasync def main():\n    server = await asyncio.start_server(lambda r, w: None, '127.0.0.1', 8888)\n    await server.serve_forever()\nasyncio.run(main())\n",
      { maxVirtualTime: 60 },
      Outcome.LIMIT_VIRTUAL_TIME,
      '服务器 127.0.0.1:8888 一直在等待客户端连接，直到虚拟时间达到 60 秒的上限',
    ],
    [
      'wall time',
      forever,
      { maxWallTime: 0.3, maxEvents: 100_000_000 },
      Outcome.LIMIT_WALL_TIME,
      '实际运行时间已达到 0.3 秒的上限',
    ],
    [
      'wall time, no await',
      'while True:\n    pass\n',
      { maxWallTime: 0.3 },
      Outcome.LIMIT_WALL_TIME,
      '实际运行时间已达到 0.3 秒的上限',
    ],
  ];
  for (const [label, source, options, outcome, words] of cases) {
    const r = await run(source, { filename: 'main.py', ...options });
    const { chinese, lines } = checkRun(label, r, outcome);
    assert.equal(chinese, words, label);
    assert.deepEqual(
      lines.map((l) => engineStderrText(l, zh)),
      [`loopscope：运行已停止：${words}`],
      label,
    );
  }
});

test('Stop (the interrupt buffer) is said in Chinese', async () => {
  const pyodide = await engine();
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  pyodide.setInterruptBuffer(buffer);
  try {
    const r = await run(
      'print("started")\nwhile True:\n    pass\n',
      { filename: 'main.py', maxWallTime: 30 },
      { onStdout: (text) => text.includes('started') && (buffer[0] = 2) },
    );
    const { chinese } = checkRun('Stop', r, Outcome.INTERRUPTED);
    assert.equal(chinese, '用户按下了停止');
  } finally {
    buffer[0] = 0;
  }
});

/** What the status line shows for a run that ended with an exception (controller.ts). */
function statusOf(r) {
  const summary = exceptionSummary(r.stderr) || r.outcomeDetail;
  return { line: userErrorLine(r.stderr, 'main.py'), summary, notice: runEndNotice(summary) };
}

test('signals and exits end the run with a Chinese notice; Python exceptions keep their words', async () => {
  const cases = [
    ['SIGTERM', 'import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\n', Outcome.EXCEPTION],
    ['SIGUSR1 raised', 'import signal\nsignal.raise_signal(signal.SIGUSR1)\n', Outcome.EXCEPTION],
    ['SIGSTOP', 'import os, signal\nos.kill(os.getpid(), signal.SIGSTOP)\n', Outcome.EXCEPTION],
    ['os.abort()', 'import os\nos.abort()\n', Outcome.EXCEPTION],
    ['os._exit(3)', 'import os\nos._exit(3)\n', Outcome.EXCEPTION],
    ['sys.exit(3)', 'import sys\nsys.exit(3)\n', Outcome.EXCEPTION],
    [
      'os._exit(0) under asyncio.run',
      'import asyncio, os\nasync def main():\n    await asyncio.sleep(1)\n    os._exit(0)\nasyncio.run(main())\n',
      Outcome.OK,
    ],
  ];
  for (const [label, source, outcome] of cases) {
    const r = await run(source, { filename: 'main.py' });
    checkRun(label, r, outcome);
    if (outcome === Outcome.OK) continue;
    // No line of the program to point at: the notice is one of the module's messages.
    const { line, summary, notice } = statusOf(r);
    assert.equal(line, null, label);
    assert.ok(notice, `${label}: no notice for ${summary}`);
    assert.equal(en(notice.key, notice.english, notice.params), summary, label);
    const chinese = zh(notice.key, notice.english, notice.params);
    assert.match(chinese, CJK, label);
    assert.doesNotMatch(chinese, ENGLISH_PROSE, `${label}: ${chinese}`);
  }

  // KeyboardInterrupt, raised or from SIGINT, is a Python exception with a traceback and a line:
  // the status says "KeyboardInterrupt（第 N 行）", Python's word, and the module leaves it be.
  for (const source of [
    'raise KeyboardInterrupt\n',
    'import os, signal\nos.kill(os.getpid(), signal.SIGINT)\n',
  ]) {
    const r = await run(source, { filename: 'main.py' });
    assert.equal(r.outcome, Outcome.EXCEPTION);
    assert.equal(r.outcomeDetail, 'KeyboardInterrupt');
    const { line, summary } = statusOf(r);
    assert.ok(line > 0);
    assert.equal(summary, 'KeyboardInterrupt');
    assert.equal(isOutcomeDetail(r.outcomeDetail), false);
    assert.equal(outcomeDetailText(r.outcomeDetail, zh), 'KeyboardInterrupt');
    assert.equal(engineStderrText(r.stderr, zh), r.stderr);
  }
});
