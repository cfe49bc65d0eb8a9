// What the program sees of its process, compared with CPython 3.13 (QA's reproductions): the
// recorder's calls into the program's own reprs stay invisible, compile-stage syntax errors
// show their line, warnings never name the engine's files, the run-end detail of an uncaught
// exception is its own summary line, sys.argv names the program, and sys.stdout/stderr are
// text streams with a real one's attributes.
// Run: node --import tsx --test tests/py/runner-fidelity.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EventKind as K, Warn } from '../../src/trace/schema.ts';
import { engine, eventsOf, run } from './engine-helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const str = (trace, i) => trace.strings[i];
const texts = (trace, kind, column = 'a') =>
  eventsOf(trace, kind).map((i) => str(trace, trace.events[column][i]));
/** The await chains' texts (AWAIT_CHAIN.b, filled in by engine.ts). */
const chains = (trace) => texts(trace, K.AWAIT_CHAIN, 'b');
/** Every local of every user frame in the chains, as [name, repr] pairs. */
const chainLocals = (trace) =>
  chains(trace).flatMap((c) => JSON.parse(c).flatMap(([, , locals]) => Object.entries(locals)));
const stdoutEvents = (trace) => texts(trace, K.STDOUT);
const stderrEvents = (trace) => texts(trace, K.STDERR);

// --- 1. The recorder's reprs ---------------------------------------------------------------

test('a __repr__ the recorder calls prints nothing and records nothing', async () => {
  const source = `import asyncio
class Point:
    def __repr__(self):
        print('repr called'); return 'Point()'
async def make():
    await asyncio.sleep(0.1); return Point()
async def main():
    p = await make()
    await asyncio.sleep(0.1)
    print('done')
asyncio.run(main())
`;
  const r = await run(source);
  assert.equal(r.stdout, 'done\n');
  assert.equal(r.stderr, '');
  assert.deepEqual(stdoutEvents(r.trace), ['done\n']);
  // The value is still described.
  assert.ok(chainLocals(r.trace).some(([name, value]) => name === 'p' && value === 'Point()'));
  const untraced = await run(source, { trace: false });
  assert.equal(untraced.stdout, 'done\n');
});

test('an exception __str__, a repr that warns or writes to stderr: muted too', async () => {
  const r = await run(`import asyncio, sys, warnings
class Loud(Exception):
    def __str__(self):
        print('str called')
        return 'loud'
class Noisy:
    def __repr__(self):
        sys.stderr.write('repr on stderr\\n')
        warnings.warn('from a repr')
        return 'Noisy()'
async def bad():
    await asyncio.sleep(0)
    raise Loud()
async def main():
    n = Noisy()
    try:
        await asyncio.create_task(bad())
    except Loud:
        print('caught')
    await asyncio.sleep(0)
asyncio.run(main())
`);
  assert.equal(r.stdout, 'caught\n');
  assert.equal(r.stderr, '');
  assert.deepEqual(stdoutEvents(r.trace), ['caught\n']);
  assert.deepEqual(stderrEvents(r.trace), []);
  assert.deepEqual(eventsOf(r.trace, K.WARNING), []);
  assert.ok(texts(r.trace, K.TASK_STEP_END, 'c').includes('Loud: loud'));
  assert.ok(chainLocals(r.trace).some(([name, value]) => name === 'n' && value === 'Noisy()'));
});

test('a repr that raises shows as a placeholder, and the program goes on', async () => {
  const r = await run(`import asyncio
class Broken:
    def __repr__(self):
        print('half')
        raise ValueError('no repr')
async def main():
    b = Broken()
    await asyncio.sleep(0.1)
    print('done')
    return b
asyncio.run(main())
`);
  assert.equal(r.stdout, 'done\n');
  assert.equal(r.stderr, '');
  assert.ok(chainLocals(r.trace).some(([, value]) => value === '<Broken repr failed: ValueError>'));
  assert.ok(texts(r.trace, K.TASK_STEP_END, 'c').includes('<Broken repr failed: ValueError>'));
});

test('bytes and bytearray are cut before formatting, in the same text as before', async () => {
  const pyodide = await engine();
  // The peak memory of describing a 5 MB value: its whole repr would be 20 MB of text.
  const peak = pyodide.runPython(`
import tracemalloc
from loopscope._recorder import _short
big = bytes(5_000_000)
array = bytearray(5_000_000)
tracemalloc.start()
_short.repr(big), _short.repr(array)
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
del big, array
peak`);
  assert.ok(peak < 100_000, `describing 5 MB of bytes allocated ${peak} bytes at its peak`);
  // Small values read as their repr; long ones as the ends of their whole repr (60 characters).
  const checks = pyodide.runPython(`
import json
from loopscope._recorder import _short
def old(x):
    s = repr(x)
    return s if len(s) <= 60 else s[:28] + '...' + s[-29:]
values = [b'', b'abc', b"it's", bytearray(b'xy'), bytes(range(256)) * 20,
          bytearray(range(200, 256)) * 40, b'a' * 2000 + b'\\xff' * 2000, bytes(100)]
json.dumps([[_short.repr(v), old(v)] for v in values])`);
  for (const [got, want] of JSON.parse(checks)) assert.equal(got, want);
});

test('a 5 MB bytes local does not slow every step: its chain shows its ends', async () => {
  const r = await run(`import asyncio
async def main():
    data = bytes(5_000_000)
    for _ in range(300):
        await asyncio.sleep(0)
    print(len(data))
asyncio.run(main())
`);
  assert.equal(r.stdout, '5000000\n');
  const shown = chainLocals(r.trace).find(([name]) => name === 'data')?.[1];
  assert.equal(shown, `b'${'\\x00'.repeat(6)}\\x...${'\\x00'.repeat(7)}'`);
});

test('an int past the str-digits limit is described, not a crash of the step', async () => {
  const r = await run(`import asyncio
async def make():
    await asyncio.sleep(0.1)
    return 10**5000
async def main():
    x = 10**5000
    await asyncio.sleep(0.1)
    y = await asyncio.create_task(make())
    print('done', y == x)
asyncio.run(main())
`);
  assert.equal(r.stdout, 'done True\n');
  assert.equal(r.stderr, '');
  const described = '<int instance with roughly 5001 digits (limit at 4300)>';
  assert.ok(chainLocals(r.trace).some(([name, value]) => name === 'x' && value === described));
  assert.ok(texts(r.trace, K.TASK_STEP_END, 'c').includes(described));
});

// --- 2. Compile-stage syntax errors ----------------------------------------------------------

test("a SyntaxError found after parsing shows its line and carets, as CPython's does", async () => {
  const cases = [
    [
      'import asyncio\n\ndef f():\n    await asyncio.sleep(1)\n',
      '  File "x.py", line 4\n    await asyncio.sleep(1)\n    ^^^^^^^^^^^^^^^^^^^^^^\n' +
        "SyntaxError: 'await' outside async function\n",
    ],
    [
      'async def f():\n    yield from g()\n',
      '  File "x.py", line 2\n    yield from g()\n    ^^^^^^^^^^^^^^\n' +
        "SyntaxError: 'yield from' inside async function\n",
    ],
    [
      'x = 1\n\nnonlocal y\n',
      '  File "x.py", line 3\n    nonlocal y\n    ^^^^^^^^^^\n' +
        'SyntaxError: nonlocal declaration not allowed at module level\n',
    ],
    // Lines as python3 reads them from a file: CRLF ends, a form feed inside a line.
    [
      'def f():\r\n    pass\r\n\x0c\r\nx = 1\r\nawait x\r\n',
      '  File "x.py", line 5\n    await x\n    ^^^^^^^\nSyntaxError: \'await\' outside function\n',
    ],
  ];
  for (const [source, stderr] of cases) {
    const r = await run(source, { filename: 'x.py' });
    assert.equal(r.stderr, stderr);
    assert.equal(r.outcomeDetail, stderr.trimEnd().split('\n').at(-1));
    assert.deepEqual(texts(r.trace, K.EXCEPTION), [stderr]);
  }
});

test('a traceback names the right line after a form feed in the source', async () => {
  const r = await run('x = 1\n\x0c\ny = 2\nraise ValueError(y)\n', { filename: 'x.py' });
  assert.equal(
    r.stderr,
    'Traceback (most recent call last):\n  File "x.py", line 4, in <module>\n' +
      '    raise ValueError(y)\nValueError: 2\n',
  );
});

// --- 3. Warnings located in the engine ---------------------------------------------------------

test("a coroutine never awaited at exit is reported at <sys>:0, as python3's", async () => {
  const atModule = await run("async def f():\n    pass\nc = f()\nprint('end')\n");
  assert.equal(atModule.stdout, 'end\n');
  assert.equal(atModule.stderr, "<sys>:0: RuntimeWarning: coroutine 'f' was never awaited\n");
  const inMain = await run(`import asyncio
async def f():
    pass
async def main():
    c = f()
    raise ValueError('x')
asyncio.run(main())
`);
  assert.ok(
    inMain.stderr.endsWith(
      "ValueError: x\n<sys>:0: RuntimeWarning: coroutine 'f' was never awaited\n",
    ),
    inMain.stderr,
  );
  for (const r of [atModule, inMain]) {
    const recorded = [...stderrEvents(r.trace), ...texts(r.trace, K.WARNING, 'b')];
    assert.ok(recorded.length > 0);
    for (const text of recorded) assert.doesNotMatch(text, /loopscope-engine|_runner\.py/);
  }
  assert.deepEqual(texts(atModule.trace, K.WARNING, 'b'), [
    "RuntimeWarning: coroutine 'f' was never awaited",
  ]);
  assert.equal(eventsOf(atModule.trace, K.WARNING).length, 1);
  assert.equal(atModule.trace.events.a[eventsOf(atModule.trace, K.WARNING)[0]], Warn.NEVER_AWAITED);
});

test("a warning located in the program keeps the program's file, line and source", async () => {
  const r = await run("import warnings\nwarnings.warn('careful')\n", { filename: 'w.py' });
  assert.equal(r.stderr, "w.py:2: UserWarning: careful\n  warnings.warn('careful')\n");
});

// --- 4. The run-end detail of an uncaught exception --------------------------------------------

test("the run-end detail is the exception's own summary line, for a group too", async () => {
  const group = await run(`import asyncio
async def bad():
    raise ValueError('boom')
async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(bad())
asyncio.run(main())
`);
  const summary = 'ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)';
  assert.equal(group.outcomeDetail, summary);
  assert.equal(group.trace.meta.outcomeDetail, summary);
  const end = eventsOf(group.trace, K.RUN_END)[0];
  assert.equal(str(group.trace, group.trace.events.b[end]), summary);
  // The traceback itself is unchanged: the group's box drawing ends it.
  assert.match(group.stderr, /\+-{36}\n$/);

  const noted = await run("e = ValueError('boom')\ne.add_note('a note')\nraise e\n");
  assert.match(noted.stderr, /ValueError: boom\na note\n$/);
  assert.equal(noted.outcomeDetail, 'ValueError: boom');
  const lines = await run("raise RuntimeError('first\\nsecond')\n");
  assert.equal(lines.outcomeDetail, 'RuntimeError: first');
  const bare = await run('raise KeyError\n');
  assert.equal(bare.outcomeDetail, 'KeyError');
});

test("the detail does not call the exception's __str__ a second time", async () => {
  const r = await run(`class Loud(Exception):
    def __str__(self):
        print('str called')
        return 'loud'
raise Loud()
`);
  assert.equal(r.stdout, 'str called\n');
  assert.equal(r.outcomeDetail, 'Loud: loud');
});

// --- 5. sys.argv -------------------------------------------------------------------------------

const ARGPARSE = `import argparse, sys
print(sys.argv)
parser = argparse.ArgumentParser()
parser.add_argument('-v', type=int, default=0)
print(parser.parse_args())
print(parser.format_usage(), end='')
`;

test("sys.argv is [filename, *argv]: argparse names the program as python3's", async () => {
  const r = await run(ARGPARSE, { filename: 'prog.py' });
  assert.equal(r.stdout, "['prog.py']\nNamespace(v=0)\nusage: prog.py [-h] [-v V]\n");
  assert.equal(r.trace.meta.options.argv, undefined);
  const given = await run(ARGPARSE, { filename: 'dir/prog.py', argv: ['-v', '3'] });
  assert.equal(
    given.stdout,
    "['dir/prog.py', '-v', '3']\nNamespace(v=3)\nusage: prog.py [-h] [-v V]\n",
  );
  assert.deepEqual(given.trace.meta.options.argv, ['-v', '3']);
  // Put back after the run.
  const pyodide = await engine();
  assert.notDeepEqual(pyodide.runPython('import sys; sys.argv').toJs(), ['dir/prog.py', '-v', '3']);
});

test('the CLI gives the program what follows --, and the path as typed as argv[0]', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'loopscope-argv-'));
  writeFileSync(path.join(dir, 'prog.py'), ARGPARSE);
  const out = await new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(root, 'bin/loopscope.mjs'), 'run', 'prog.py', '--', '-v', '3', '--stats'],
      { cwd: dir, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ stdout, stderr, status: error ? error.code : 0 });
      },
    );
  });
  assert.equal(
    out.stderr,
    'usage: prog.py [-h] [-v V]\nprog.py: error: unrecognized arguments: --stats\n',
  );
  assert.equal(out.status, 2);
  assert.equal(out.stdout, "['prog.py', '-v', '3', '--stats']\n");
});

// --- 6. sys.stdout and sys.stderr as text streams ------------------------------------------------

test("sys.stdout and sys.stderr have a python3 stream's attributes and reconfigure()", async () => {
  const r = await run(`import sys
sys.stdout.reconfigure(encoding='utf-8')
sys.stdout.reconfigure(encoding='UTF8', errors='strict', line_buffering=False)
for s in (sys.stdout, sys.stderr):
    print(s.name, s.mode, s.encoding, s.errors, s.line_buffering, s.write_through, s.newlines,
          s.buffer.name, s.buffer.mode, s.writable(), s.readable(), s.isatty(), s.closed)
for kw in (dict(encoding=1), dict(newline='x'), dict(encoding='klingon')):
    try:
        sys.stdout.reconfigure(**kw)
    except Exception as e:
        print(type(e).__name__, e)
print('再见')
`);
  assert.equal(
    r.stdout,
    '<stdout> w UTF8 strict False False None <stdout> wb True False False False\n' +
      '<stderr> w utf-8 backslashreplace True False None <stderr> wb True False False False\n' +
      "TypeError reconfigure() argument 'encoding' must be str or None, not int\n" +
      'ValueError illegal newline value: x\n' +
      'LookupError unknown encoding: klingon\n' +
      '再见\n',
  );
});

test('another encoding is a check on the text, and newline translates', async () => {
  const r = await run(`import sys
sys.stdout.reconfigure(encoding='ascii')
try:
    print('é')
except UnicodeEncodeError as e:
    print('error:', e)
sys.stdout.reconfigure(errors='replace')
print('é')
sys.stdout.reconfigure(errors='backslashreplace')
print('é')
sys.stdout.reconfigure(encoding='latin-1')
print('é')
sys.stdout.reconfigure(encoding='utf-8', newline='\\r\\n')
print('crlf')
`);
  assert.equal(
    r.stdout,
    "error: 'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)\n" +
      '?\n\\xe9\né\ncrlf\r\n',
  );
});

test('sys.__stdout__, os.write and a wrapper of sys.stdout.buffer are recorded output', async () => {
  const r = await run(`import io, os, sys
print('a')
sys.__stdout__.write('dunder\\n')
print('err', file=sys.__stderr__)
os.write(1, b'fd one\\n')
os.write(2, 'fd two\\n'.encode())
sys.stdout.buffer.write('é'.encode()[:1])
sys.stdout.buffer.write('é\\n'.encode()[1:])
try:
    os.write(1, 'text')
except TypeError as e:
    print(e)
sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding='utf-8')
print('你好 from a wrapper')
`);
  assert.equal(
    r.stdout,
    "a\ndunder\nfd one\né\na bytes-like object is required, not 'str'\n你好 from a wrapper\n",
  );
  assert.equal(r.stderr, 'err\nfd two\n');
  assert.equal(stdoutEvents(r.trace).join(''), r.stdout);
  assert.equal(stderrEvents(r.trace).join(''), r.stderr);
  // All put back after the run.
  const pyodide = await engine();
  assert.equal(
    pyodide
      .runPython(
        'import os, sys; [type(s).__name__ for s in (sys.stdout, sys.stderr, sys.__stdout__, ' +
          'sys.__stderr__, os.write)]',
      )
      .toJs()
      .join(),
    'TextIOWrapper,TextIOWrapper,TextIOWrapper,TextIOWrapper,builtin_function_or_method',
  );
});

test('a file opened on descriptor 1 or 2 is recorded output; no standard one is a terminal', async () => {
  // The host's descriptors are terminals here (as the CLI's are in a terminal): the program
  // must see what python3 writing to a pipe sees all the same, so that its trace is the same.
  const pyodide = await engine();
  const host = [];
  const terminal = { isatty: true, write: (b) => (host.push(...b), b.length) };
  pyodide.setStdout(terminal);
  pyodide.setStderr(terminal);
  let r;
  try {
    r = await run(`import os, sys, shutil
print(os.isatty(0), os.isatty(1), os.isatty(2), sys.stdout.fileno(), sys.stderr.buffer.fileno())
f = open(sys.stdout.fileno(), 'w', closefd=False)
f.write('opened on 1\\n')
f.flush()
print(f.name, f.mode, f.isatty())
b = os.fdopen(1, 'wb', buffering=0, closefd=False)
b.write('bytes é\\n'.encode())
e = open(2, 'a', buffering=1)
e.write('opened on 2\\n')
try:
    os.get_terminal_size()
except OSError as exc:
    print(exc)
print(tuple(shutil.get_terminal_size()))
try:
    open(1, 'wb', encoding='utf-8')
except ValueError as exc:
    print(exc)
left = open(1, 'w', closefd=False)
left.write('written at exit\\n')
`);
  } finally {
    pyodide.setStdout();
    pyodide.setStderr();
  }
  // python3 3.13 prints the same, with its output to a pipe.
  assert.equal(
    r.stdout,
    'False False False 1 2\nopened on 1\n1 w False\nbytes é\n' +
      '[Errno 25] Inappropriate ioctl for device\n(80, 24)\n' +
      "binary mode doesn't take an encoding argument\nwritten at exit\n",
  );
  assert.equal(r.stderr, 'opened on 2\n');
  assert.equal(stdoutEvents(r.trace).join(''), r.stdout);
  assert.equal(stderrEvents(r.trace).join(''), r.stderr);
  assert.deepEqual(host, [], "nothing reached the host's own descriptors");
  // All put back after the run.
  assert.equal(
    pyodide
      .runPython(
        'import builtins, io, os; (builtins.open is io.open, io.open.__module__, os.isatty.__name__)',
      )
      .toJs()
      .join(),
    'true,_io,isatty',
  );
});

test("a cancel message or a logged exception's __str__ runs only as often as untraced", async () => {
  const source = `import asyncio
class Why:
    def __str__(self):
        print('why str')
        return 'why'
class Oops(Exception):
    def __str__(self):
        print('oops str')
        return 'oops'
async def sleeper():
    await asyncio.sleep(1)
async def fails():
    raise Oops()
async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t.cancel(Why())
    try:
        await t
    except asyncio.CancelledError:
        print('cancelled')
    asyncio.create_task(fails())
    await asyncio.sleep(0)
asyncio.run(main())
`;
  const traced = await run(source);
  const untraced = await run(source, { trace: false });
  assert.equal(traced.stdout, untraced.stdout);
  assert.equal(traced.stderr, untraced.stderr);
  // The trace still names the message and the exception.
  assert.ok(traced.trace.strings.includes('why'), 'the cancel message is recorded');
  const warnings = eventsOf(traced.trace, K.WARNING).map(
    (i) => traced.trace.strings[traced.trace.events.b[i]],
  );
  assert.ok(
    warnings.some((w) => w.includes('Oops: oops')),
    warnings.join(' | '),
  );
});

// QA: PyMOTW's asyncio examples log at DEBUG, and their output starts with this line.
test("a new loop logs asyncio's 'Using selector' line, as on Linux", async () => {
  const result = await run(
    [
      'import asyncio, logging',
      'logging.basicConfig(level=logging.DEBUG)',
      'loop = asyncio.new_event_loop()',
      'loop.run_until_complete(asyncio.sleep(0))',
      'loop.close()',
      'asyncio.run(asyncio.sleep(0))',
      '',
    ].join('\n'),
  );
  // What python3 3.13 prints on Linux: one line per loop made.
  assert.equal(result.stderr, 'DEBUG:asyncio:Using selector: EpollSelector\n'.repeat(2));
});

// QA: in debug mode the origin of a coroutine never awaited listed the engine's frames, which
// used up asyncio's 10 frames and cut off the program's own first line.
test("debug mode: a never-awaited coroutine's origin has python3's frames, from the module line", async () => {
  const source = [
    'import asyncio',
    '',
    'async def job():',
    '    await asyncio.sleep(0)',
    '',
    'async def main():',
    '    job()',
    '    await asyncio.sleep(0.1)',
    '',
    'asyncio.run(main(), debug=True)',
    '',
  ].join('\n');
  const { stderr } = await run(source);
  const lines = stderr.split('\n');
  assert.equal(lines[0], "main.py:7: RuntimeWarning: coroutine 'job' was never awaited");
  assert.equal(lines[1], 'Coroutine created at (most recent call last)');
  // python3 3.13 starts with the module's line and ends with main's, as here.
  assert.equal(lines[2], '  File "main.py", line 10, in <module>');
  const files = lines.filter((l) => l.startsWith('  File ')).map((l) => l.split('"')[1]);
  assert.ok(
    files.every((f) => !f.includes('loopscope-engine') || f.endsWith('/loopscope/_loop.py')),
    files.join('\n'),
  );
  assert.ok(!stderr.includes('__step'), stderr);
  assert.match(stderr, / {2}File "main\.py", line 7, in main\n {4}job\(\)\n/);
});

test("a SystemExit out of a task, logged as never retrieved, shows no frame of the engine's", async () => {
  const { stderr } = await run(
    [
      'import asyncio, sys',
      '',
      'async def quitter():',
      '    sys.exit(4)',
      '',
      'async def main():',
      '    t = asyncio.create_task(quitter())',
      '    await asyncio.sleep(0.1)',
      '',
      'asyncio.run(main())',
      '',
    ].join('\n'),
  );
  // python3 3.13's traceback starts at the module's line: no frame below it.
  assert.match(
    stderr,
    /Traceback \(most recent call last\):\n {2}File "main\.py", line 10, in <module>\n/,
  );
  assert.ok(!stderr.includes('_runner.py'), stderr);
});
