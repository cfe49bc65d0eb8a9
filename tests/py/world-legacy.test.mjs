// 2015-era asyncio running as written, with a legacy note per construct, and clear typo errors.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { boot, rows, str } from './world-helpers.mjs';

let world;
before(async () => {
  world = await boot();
});

/** The WARN_LEGACY notes of a run as [line, message]. */
function notes(run) {
  return rows(run, 'WARNING')
    .filter((w) => w[2] === 5)
    .map((w) => [w[1], str(run, w[3])])
    .sort((x, y) => x[0] - y[0]);
}

const OLD = `
import asyncio

@asyncio.coroutine
def slow(n, loop):
    yield from asyncio.sleep(0.5 * n, loop=loop)
    return n

@asyncio.coroutine
def locked(lock, name):
    with (yield from lock):
        print('holding', name, asyncio.get_event_loop().time())
        yield from asyncio.sleep(0.1)

@asyncio.coroutine
def main(loop):
    t = asyncio.async(slow(1, loop))
    lock = asyncio.Lock(loop=loop)
    done, pending = yield from asyncio.wait([slow(2, loop), t,
                                            locked(lock, 'a'), locked(lock, 'b')],
                                           loop=loop)
    print(sorted(repr(d.result()) for d in done), len(pending), loop.time())
    print(len(asyncio.Task.all_tasks()))

loop = asyncio.get_event_loop()
loop.run_until_complete(main(loop))
loop.close()
`;

describe('legacy syntax', () => {
  it('runs @asyncio.coroutine, yield from, asyncio.async, loop= and with (yield from lock)', () => {
    const run = world.run(OLD);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, "holding a 0.0\nholding b 0.1\n['1', '2', 'None', 'None'] 0 1.0\n1\n");
  });

  it('names each construct with its line and the modern equivalent', () => {
    const found = notes(world.run(OLD));
    const lines = found.map(([line, text]) => `${line} ${text.split('. Modern')[0]}`);
    assert.deepEqual(lines, [
      '4 Legacy asyncio: @asyncio.coroutine generator coroutine',
      '6 Legacy asyncio: asyncio.sleep(..., loop=...)',
      '9 Legacy asyncio: @asyncio.coroutine generator coroutine',
      '11 Legacy asyncio: with (yield from lock)',
      '15 Legacy asyncio: @asyncio.coroutine generator coroutine',
      '17 Legacy asyncio: asyncio.async(...)',
      '18 Legacy asyncio: asyncio.Lock(..., loop=...)',
      '19 Legacy asyncio: bare coroutines passed to asyncio.wait',
      '21 Legacy asyncio: asyncio.wait(..., loop=...)',
      '23 Legacy asyncio: asyncio.Task.all_tasks()',
      // Python 3.14 raises RuntimeError there (QA).
      '25 Legacy asyncio: asyncio.get_event_loop() with no event loop set',
    ]);
    const byLine = Object.fromEntries(found);
    assert.match(byLine[4], /Modern equivalent: `async def` with `await`/);
    assert.match(byLine[17], /`asyncio\.ensure_future\(\.\.\.\)`/);
    assert.match(byLine[19], /asyncio\.create_task\(c\)/);
    assert.match(byLine[25], /`asyncio\.run\(main\(\)\)`.*Python 3\.14 raises RuntimeError here/);
  });

  it('keeps every line number: errors in rewritten code point at the original line', () => {
    const run = world.run(`
import asyncio

@asyncio.coroutine
def fail(loop):
    yield from asyncio.sleep(0.1,
                             loop=loop)
    raise KeyError('boom')

loop = asyncio.get_event_loop()
task = asyncio.async(fail(loop))
loop.run_until_complete(task)
`);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /line 8, in fail\n/);
    assert.match(run.stderr, /KeyError: 'boom'\n$/);
  });

  it('shows the lines of a traceback as written, loop= and all', () => {
    const run = world.run(`
import asyncio

@asyncio.coroutine
def bad():
    yield from asyncio.sleep(0.1, loop=loop)
    raise KeyError('k')

loop = asyncio.get_event_loop()
task = asyncio.async(bad())
loop.run_until_complete(asyncio.wait_for(task, 5, loop=loop))
`);
    // The loop= argument was blanked out for 3.14, but the traceback quotes the file's line;
    // the line whose name the rewrite changed shows the compiled text, which its columns match.
    assert.equal(
      run.stderr,
      [
        'Traceback (most recent call last):',
        '  File "main.py", line 11, in <module>',
        '    loop.run_until_complete(asyncio.wait_for(task, 5, loop=loop))',
        '    ~~~~~~~~~~~~~~~~~~~~~~~^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '  File "main.py", line 7, in bad',
        "    raise KeyError('k')",
        "KeyError: 'k'",
        '',
      ].join('\n'),
    );
  });

  it("prints a legacy task's repr with the generator's own file and line, as 3.10 did", () => {
    // Fluent Python 1st edition's spinner_asyncio.py prints the spinner task.  CPython 3.10 gave
    // these three lines for this program (the task's coroutine was the generator itself).
    const run = world.run(`
import asyncio

@asyncio.coroutine
def spin(msg):
    yield from asyncio.sleep(.1)
    return 1

@asyncio.coroutine
def supervisor():
    spinner = asyncio.async(spin('thinking!'))
    print('spinner object:', spinner)
    yield from asyncio.sleep(0)
    print('spinner object:', spinner)
    yield from spinner
    print('spinner object:', spinner)

loop = asyncio.get_event_loop()
loop.run_until_complete(supervisor())
`);
    assert.equal(run.stderr, '');
    const lines = run.stdout.split('\n');
    assert.equal(
      lines[0],
      "spinner object: <Task pending name='Task-2' coro=<spin() running at main.py:4>>",
    );
    assert.equal(
      lines[1],
      "spinner object: <Task pending name='Task-2' coro=<spin() running at main.py:6> wait_for=<Future pending cb=[Task.task_wakeup()]>>",
    );
    assert.equal(
      lines[2],
      "spinner object: <Task finished name='Task-2' coro=<spin() done, defined at main.py:4> result=1>",
    );
    assert.doesNotMatch(run.stdout, /loopscope-engine|legacy\.py/);
  });

  it('points at the line of a name that never existed in asyncio', () => {
    const run = world.run(`
import asyncio

async def main():
    await asyncio.sleep(0)
    asyncio.ensure_futur(main())

asyncio.run(main())
`);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /line 6, in main/);
    assert.match(
      run.stderr,
      /AttributeError: module 'asyncio' has no attribute 'ensure_futur' \(line 6\): this name never existed in asyncio/,
    );
    assert.match(run.stderr, /ensure_future/, 'suggests the right name');
  });

  it('explains names that were removed from asyncio', () => {
    const run = world.run(`
import asyncio
q = asyncio.JoinableQueue()
`);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /'JoinableQueue' \(line 3\): it was removed from asyncio; use asyncio\.Queue/,
    );
  });

  it('leaves modern programs alone: no notes, a loop= of their own untouched', () => {
    const run = world.run(`
import asyncio

def describe(loop=None):
    return 'mine'

async def main():
    print(describe(loop=asyncio.get_running_loop()), await asyncio.sleep(0.1, result='ok'))

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, 'mine ok\n');
    assert.deepEqual(notes(run), []);
  });

  it('notes bare coroutines given to asyncio.wait at module level, and runs untraced too', () => {
    const program = `
import asyncio

async def job(n):
    await asyncio.sleep(n)
    return n

loop = asyncio.get_event_loop()
done, _ = loop.run_until_complete(asyncio.wait([job(1), job(2)]))
print(sorted(t.result() for t in done), loop.time())
`;
    const run = world.run(program);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, '[1, 2] 2.0\n');
    assert.deepEqual(
      notes(run).map(([line, text]) => [line, text.split('. Modern')[0]]),
      [
        [8, 'Legacy asyncio: asyncio.get_event_loop() with no event loop set'],
        [9, 'Legacy asyncio: bare coroutines passed to asyncio.wait'],
      ],
    );
    const untraced = world.run(program, { trace: false });
    assert.equal(untraced.stdout, '[1, 2] 2.0\n');
    assert.equal(untraced.stderr, '');
  });

  it('blanks loop= exactly, even after non-ASCII text and across lines', () => {
    const run = world.run(`
import asyncio
from asyncio import sleep as nap

async def main(loop):
    print('héllo wörld', await asyncio.sleep(0.1, result='ü', loop=loop))
    print(await nap(0.1,
                    loop=loop), await asyncio.gather(nap(0, 'é'), loop=loop))
    q = asyncio.Queue(loop=loop, maxsize=2)
    print(q.maxsize)

loop = asyncio.get_event_loop()
loop.run_until_complete(main(loop))
`);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, "héllo wörld ü\nNone ['é']\n2\n");
    assert.deepEqual(
      notes(run).map(([line]) => line),
      [6, 8, 8, 9, 12],
    );
  });

  it('keeps 3.11+ behaviour for programs started with asyncio.run: wait rejects coroutines', () => {
    const run = world.run(`
import asyncio

async def job():
    await asyncio.sleep(0)

async def main():
    coro = job()
    try:
        await asyncio.wait([coro])
    except TypeError as exc:
        print('TypeError:', exc)
    coro.close()

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, 'TypeError: Passing coroutines is forbidden, use tasks explicitly.\n');
    assert.deepEqual(notes(run), []);
  });
});

describe('legacy generators, line by line', () => {
  it('records the lines run inside @asyncio.coroutine and @types.coroutine generators', () => {
    const source = `import asyncio, types

@asyncio.coroutine
def slow(n):
    x = n * 2
    yield from asyncio.sleep(0.1)
    return x

@types.coroutine
def bare():
    yield

async def main():
    print((yield_ := await slow(3)))
    await bare()
    print('done')

asyncio.run(main())
`;
    const run = world.run(source);
    assert.equal(run.stdout, '6\ndone\n');
    const { trace } = run.result;
    const lines = new Set();
    for (let i = 0; i < trace.events.kind.length; i++) {
      if (trace.events.kind[i] === 50) lines.add(trace.events.line[i]);
    }
    // slow's body (5, 6, 7) and bare's (11), as well as main's (14, 15, 16).
    for (const line of [5, 6, 7, 11, 14, 15, 16]) assert.ok(lines.has(line), `line ${line}`);
  });
});

describe('legacy tasks end as async def ones do', () => {
  // Each program is run twice: with @asyncio.coroutine and `yield from`, and as the async def
  // program it became (the decorator's line left empty, so every line keeps its number). CPython
  // 3.13 prints the async def one; the legacy one must print the same.
  const modern = (source) =>
    source
      .replace(/@asyncio\.coroutine/g, '')
      .replace(/^def /gm, 'async def ')
      .replace(/yield from /g, 'await ');

  it('logs an exception never retrieved with a traceback of the program only', () => {
    const source = `
import asyncio

@asyncio.coroutine
def bad():
    yield from asyncio.sleep(0.1)
    raise ValueError('boom')

@asyncio.coroutine
def main():
    asyncio.ensure_future(bad())
    yield from asyncio.sleep(0.5)

loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
`;
    const expected = [
      'Task exception was never retrieved',
      "future: <Task finished name='Task-2' coro=<bad() done, defined at main.py:4> exception=ValueError('boom')>",
      'Traceback (most recent call last):',
      '  File "main.py", line 7, in bad',
      "    raise ValueError('boom')",
      'ValueError: boom',
      '',
    ].join('\n');
    assert.equal(world.run(modern(source)).stderr, expected.replace('main.py:4', 'main.py:5'));
    assert.equal(world.run(source).stderr, expected);
  });

  it("names the program's function in the repr of a task that raised KeyboardInterrupt", () => {
    const source = `
import asyncio

@asyncio.coroutine
def bad():
    yield from asyncio.sleep(0.1)
    raise KeyboardInterrupt

@asyncio.coroutine
def main():
    asyncio.ensure_future(bad())
    yield from asyncio.sleep(0.5)

loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(main())
except KeyboardInterrupt:
    print('interrupted')
loop.close()
`;
    const future =
      "future: <Task finished name='Task-2' coro=<bad() done, defined at main.py:4> exception=KeyboardInterrupt()>";
    const asyncDef = world.run(modern(source));
    assert.equal(asyncDef.stdout, 'interrupted\n');
    assert.ok(asyncDef.stderr.includes(future.replace('main.py:4', 'main.py:5')), asyncDef.stderr);
    const run = world.run(source);
    assert.equal(run.stdout, 'interrupted\n');
    assert.ok(run.stderr.includes(future), run.stderr);
    // The same traceback, bar the line of the definition.
    assert.equal(run.stderr, asyncDef.stderr.replace('main.py:5', 'main.py:4'));
    assert.doesNotMatch(run.stderr, /legacy\.py/);
  });

  it('shows no engine frame or file for an @asyncio.coroutine function that is no generator', () => {
    const source = `
import asyncio, traceback

@asyncio.coroutine
def bad():
    raise ValueError('boom')

@asyncio.coroutine
def main():
    task = asyncio.ensure_future(bad())
    yield from asyncio.sleep(0.5)
    try:
        task.result()
    except ValueError:
        traceback.print_exc()

loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
`;
    const run = world.run(source);
    // The program's own traceback module and asyncio's repr: the function's file and line, as
    // for a generator (3.10 showed asyncio's coroutines.py in both places).
    assert.equal(
      run.stderr,
      [
        'Traceback (most recent call last):',
        '  File "main.py", line 13, in main',
        '    task.result()',
        '    ~~~~~~~~~~~^^',
        '  File "main.py", line 6, in bad',
        "    raise ValueError('boom')",
        'ValueError: boom',
        '',
      ].join('\n'),
    );
    const { trace } = run.result;
    assert.equal(trace.strings[trace.tasks.coro[1]], 'bad');
    const never = world.run(
      source.replace('    try:\n        task.result()', '    try:\n        pass'),
    );
    assert.match(
      never.stderr,
      /^Task exception was never retrieved\nfuture: <Task finished name='Task-2' coro=<bad\(\) done, defined at main\.py:4> exception=ValueError\('boom'\)>\nTraceback \(most recent call last\):\n {2}File "main\.py", line 6, in bad\n/,
    );
    assert.doesNotMatch(run.stderr + never.stderr, /legacy\.py/);
  });

  it('destroys a legacy task still pending when the program ends, with the warning', () => {
    const source = `
import asyncio, itertools, sys

@asyncio.coroutine
def spin(msg):
    for char in itertools.cycle('|/-\\\\'):
        sys.stdout.write(char + ' ' + msg + '\\r')
        yield from asyncio.sleep(0.1)

@asyncio.coroutine
def main():
    asyncio.ensure_future(spin('thinking'))
    yield from asyncio.sleep(0.35)
    print('done')

loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
print('closed')
`;
    const expected = [
      'Task was destroyed but it is pending!',
      "task: <Task pending name='Task-2' coro=<spin() done, defined at main.py:4> wait_for=<Future pending cb=[Task.task_wakeup()]>>",
      '',
    ].join('\n');
    const stdout = '| thinking\r/ thinking\r- thinking\r\\ thinking\rdone\nclosed\n';
    const asyncDef = world.run(modern(source));
    assert.equal(asyncDef.stdout, stdout);
    assert.equal(asyncDef.stderr, expected.replace('main.py:4', 'main.py:5'));
    const run = world.run(source);
    assert.equal(run.stdout, stdout);
    assert.equal(run.stderr, expected);
    const destroyed = rows(run, 'WARNING').filter((w) => w[2] === 2);
    assert.equal(destroyed.length, 1, 'a WARN_TASK_DESTROYED_PENDING event, as for async def');
  });
});
