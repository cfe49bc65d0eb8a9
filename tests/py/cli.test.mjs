// The `loopscope` CLI, spawned as a user would run it: stdout byte for byte, exit status, the
// python-like traceback, --stats, --trace, --no-trace and the budget flags.
// Run: node --import tsx --test tests/py/cli.test.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { traceFromJson } from '../../src/trace/json.ts';
import { EventKind, Outcome } from '../../src/trace/schema.ts';
import { spinWithSuspendedGenerators } from './spin-programs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/loopscope.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopscope-cli-'));

function program(name, source) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, source);
  return file;
}

/**
 * Runs the CLI; resolves with its exit status and raw stdout/stderr bytes. A run that does not
 * end is killed after two minutes (status null), so a hang fails its test, not the whole suite.
 */
function cli(args, cwd = dir, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env,
      timeout: 120_000,
      killSignal: 'SIGKILL',
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({ status, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

const GATHER = `import asyncio

async def worker(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} done \\u2713", end="\\r\\n" if name == "b" else "\\n")
    return name

async def main():
    print(await asyncio.gather(worker("a", 0.2), worker("b", 0.1)))

asyncio.run(main())
`;

test('stdout byte for byte, exit 0, --stats as one JSON line on stderr', async () => {
  const file = program('gather.py', GATHER);
  const r = await cli(['run', file, '--stats']);
  assert.equal(r.status, 0);
  assert.deepEqual(r.stdout, Buffer.from("b done \u2713\r\na done \u2713\n['a', 'b']\n", 'utf8'));
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  const stats = JSON.parse(lines[0]);
  assert.equal(stats.outcome, Outcome.OK);
  assert.equal(stats.virtualTime, 0.2);
  assert.equal(stats.tasks, 5);
  assert.ok(stats.events > 50 && stats.wallMs > 0);
});

test('two runs of a program that iterates a set of strings print and record the same', async () => {
  // CPython seeds its string hashes at random on each start; the engine starts Pyodide with a
  // fixed seed (engine.ts, HASH_SEED), unless the user sets PYTHONHASHSEED.
  const file = program(
    'hashes.py',
    [
      'import asyncio',
      'async def show(word):',
      '    print(word)',
      'async def main():',
      "    words = {'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'}",
      '    await asyncio.gather(*(show(w) for w in words))',
      'asyncio.run(main())',
      '',
    ].join('\n'),
  );
  const env = { ...process.env };
  delete env.PYTHONHASHSEED;
  const runs = [];
  for (const n of [1, 2]) {
    const out = path.join(dir, `hashes-${n}.json`);
    const r = await cli(['run', file, '--trace', out], dir, env);
    assert.equal(r.status, 0, r.stderr);
    // The same trace but for the run's wall time (meta.wallMs), the one real-time figure in it.
    const trace = JSON.parse(fs.readFileSync(out, 'utf8'));
    delete trace.meta.wallMs;
    runs.push({ stdout: r.stdout.toString('utf8'), trace: JSON.stringify(trace) });
  }
  assert.equal(runs[1].stdout, runs[0].stdout);
  assert.equal(runs[0].stdout.split('\n').length, 9);
  assert.equal(runs[1].trace, runs[0].trace);
});

test('--trace writes Loopscope JSON that the decoder accepts', async () => {
  const file = program('gather2.py', GATHER);
  const out = path.join(dir, 'out.json');
  const r = await cli(['run', file, '--trace', out]);
  assert.equal(r.status, 0);
  const trace = traceFromJson(fs.readFileSync(out, 'utf8'));
  assert.equal(trace.events.kind.at(-1), EventKind.RUN_END);
  assert.equal(trace.meta.source, GATHER);
  assert.ok(trace.strings.includes('worker'));
});

test('an uncaught exception: python-like traceback on stderr, exit 1', async () => {
  const file = program(
    'boom.py',
    'import asyncio\n\nasync def main():\n    print("before")\n    {}["missing"]\n\nasyncio.run(main())\n',
  );
  const r = await cli(['run', file]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout.toString(), 'before\n');
  assert.match(r.stderr, /^Traceback \(most recent call last\):\n/);
  assert.match(
    r.stderr,
    new RegExp(`File "${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}", line 5, in main`),
  );
  assert.match(r.stderr, /\nKeyError: 'missing'\n$/);
  assert.doesNotMatch(r.stderr, /asyncio\/|loopscope\//);
});

test('--no-trace prints the same and records nothing; budget flags stop the run', async () => {
  const file = program('gather3.py', GATHER);
  const r = await cli(['run', file, '--no-trace', '--stats']);
  assert.equal(r.status, 0);
  assert.equal(r.stdout.toString(), "b done \u2713\r\na done \u2713\n['a', 'b']\n");
  assert.equal(JSON.parse(r.stderr).events, 0);

  const forever = program(
    'forever.py',
    'import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(10)\nasyncio.run(main())\n',
  );
  const v = await cli(['run', forever, '--max-virtual-time', '100', '--stats']);
  assert.equal(v.status, 1);
  assert.match(v.stderr, /loopscope: run stopped: virtual-time limit of 100 s reached/);
  assert.equal(JSON.parse(v.stderr.trim().split('\n').at(-1)).outcome, Outcome.LIMIT_VIRTUAL_TIME);
  const e = await cli(['run', forever, '--max-events=300', '--stats']);
  assert.equal(JSON.parse(e.stderr.trim().split('\n').at(-1)).outcome, Outcome.LIMIT_EVENTS);
  // A stopped run's stats count the events its trace keeps (cleanup after the stop is dropped).
  const deadlock = program(
    'deadlock.py',
    'import asyncio\nasync def main():\n    await asyncio.Event().wait()\nasyncio.run(main())\n',
  );
  const d = await cli(['run', deadlock, '--trace', 'deadlock.json', '--stats']);
  assert.equal(JSON.parse(d.stderr.trim().split('\n').at(-1)).outcome, Outcome.DEADLOCK);
  const kept = JSON.parse(fs.readFileSync(path.join(dir, 'deadlock.json'), 'utf8')).events.kind;
  assert.equal(JSON.parse(d.stderr.trim().split('\n').at(-1)).events, kept.length);
  const w = await cli([
    'run',
    program('spin.py', 'while True:\n    pass\n'),
    '--max-wall-time',
    '0.5',
  ]);
  assert.equal(w.status, 1);
  assert.match(w.stderr, /wall-time limit of 0\.5 s reached/);
});

test('--no-trace: a CPU loop that reaches no engine check still stops at the wall-time budget', async () => {
  // Untraced, no line is watched, so only the CLI's watchdog (src/runtime/watchdog.node.ts) can
  // stop this; before it, the process never ended.
  const spin = program('cpu.py', 'n = 0\nprint("started", flush=True)\nwhile True:\n    n += 1\n');
  const r = await cli(['run', spin, '--no-trace', '--max-wall-time', '0.5', '--stats']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout.toString(), 'started\n');
  assert.match(r.stderr, /loopscope: run stopped: wall-time limit of 0\.5 s reached/);
  const stats = JSON.parse(r.stderr.trim().split('\n').at(-1));
  assert.equal(stats.outcome, Outcome.LIMIT_WALL_TIME);
  assert.ok(stats.wallMs >= 500, `stopped after ${stats.wallMs} ms`);
  // An untraced run still counts its tasks, as the traced one does (main, two workers and
  // asyncio.run's two shutdown tasks).
  const g = await cli(['run', program('gather4.py', GATHER), '--no-trace', '--stats']);
  assert.equal(JSON.parse(g.stderr).tasks, 5);
});

test('a stopped run prints only its own output and the run-end message on stderr', async () => {
  // A CPU loop stopped at the wall-time budget by the watchdog, with tasks pending and an async
  // generator suspended in a `finally:`; untraced, their cleanup used to print after the stop.
  const spin = program('stopped.py', spinWithSuspendedGenerators('print("spinning", flush=True)'));
  // Untraced only the watchdog stops it (the wall time leaves room for a loaded machine to
  // print first); traced, the event budget does, at a point that does not depend on the load.
  const untraced = await cli(['run', spin, '--no-trace', '--max-wall-time', '1.5']);
  assert.equal(untraced.status, 1);
  assert.equal(untraced.stdout.toString(), 'spinning\n');
  assert.equal(
    untraced.stderr,
    'loopscope: run stopped: wall-time limit of 1.5 s reached\n' +
      'loopscope: a longer run needs --max-wall-time S (default 20)\n',
  );
  const traced = await cli(['run', spin, '--max-events', '5000']);
  assert.equal(traced.status, 1);
  assert.equal(traced.stdout.toString(), 'spinning\n');
  assert.equal(
    traced.stderr,
    'loopscope: run stopped: event limit of 5000 reached\n' +
      'loopscope: a longer run needs --max-events N, or --no-trace (no events recorded)\n',
  );
  const deadlock = program(
    'deadlock.py',
    `import asyncio

async def waits(event):
    try:
        await event.wait()
    finally:
        print("cleanup")

async def main():
    event = asyncio.Event()
    async with asyncio.TaskGroup() as tg:
        for _ in range(3):
            tg.create_task(waits(event))

asyncio.run(main())
`,
  );
  const d = await cli(['run', deadlock, '--no-trace']);
  assert.equal(d.status, 1);
  assert.equal(d.stdout.toString(), '');
  assert.match(d.stderr, /^loopscope: deadlock: Task-1 \(main\) waits for [^\n]*\n$/);
});

test('--latency and --jitter shape the simulated network', async () => {
  const file = program(
    'echo.py',
    `import asyncio

async def handle(reader, writer):
    writer.write(await reader.readline())
    await writer.drain()
    writer.close()

async def main():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(handle, '127.0.0.1', 0)
    async with server:
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        writer.write(b'ping\\n')
        await reader.readline()
        print(round(loop.time(), 6))
        writer.close()

asyncio.run(main())
`,
  );
  const when = async (...flags) => {
    const r = await cli(['run', file, ...flags]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    return Number(r.stdout.toString());
  };
  // Connect (a round trip), the line out and the line back: four one-way trips of 0.5 s.
  assert.equal(await when('--latency', '0.5'), 2);
  const jittered = await when('--latency', '0.5', '--jitter', '0.1');
  assert.ok(jittered > 2 && jittered < 2.4, String(jittered));
  assert.equal(await when('--latency', '0.5', '--jitter', '0.1'), jittered);
  assert.equal(await when('--latency', '0'), 0);
  const bad = await cli(['run', file, '--jitter', '-1']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--jitter needs a non-negative number/);
});

test('usage errors exit 2 with a message; --help exits 0', async () => {
  const bad = await cli(['run']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /no FILE\.py given/);
  const flag = await cli(['run', 'x.py', '--max-events', 'lots']);
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /--max-events needs a positive number/);
  const missing = await cli(['run', path.join(dir, 'nope.py')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read/);
  const none = await cli([]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no command given[\s\S]*usage: loopscope run FILE\.py/);
  const help = await cli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout.toString(), /usage: loopscope run FILE\.py/);
  // The help says what the statuses above mean.
  assert.match(help.stdout.toString(), /2 for a mistake on this command line/);
});

test("--warnings prints Loopscope's own warnings as FILE:LINE lines; --stats rounds the clock", async () => {
  const file = program(
    'blocking.py',
    `import asyncio, time

async def main():
    for _ in range(8):
        await asyncio.sleep(0.1)
    time.sleep(0.25)
    print("done")

asyncio.run(main())
`,
  );
  const plain = await cli(['run', file, '--stats']);
  assert.equal(plain.status, 0);
  // Eight sleep(0.1) and a blocking 0.25 s: 1.05 on the virtual clock, without float noise.
  assert.equal(JSON.parse(plain.stderr.trim()).virtualTime, 1.05);
  // Without the flag, stderr holds only what the program and --stats wrote.
  assert.doesNotMatch(plain.stderr, /loopscope:/);
  const r = await cli(['run', file, '--warnings']);
  assert.equal(r.status, 0);
  assert.equal(r.stdout.toString(), 'done\n');
  assert.deepEqual(r.stderr.trim().split('\n'), [
    `${file}:6: loopscope: time.sleep(0.25) blocked the event loop for 0.25 s: no other task ran meanwhile (use await asyncio.sleep)`,
  ]);
  const both = await cli(['run', file, '--warnings', '--no-trace']);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /--warnings needs the trace/);
});

// QA: Fluent Python's flags_asyncio.py imports from flags.py beside it; python3 finds modules
// in the program's folder and files from the working directory.
test('the program imports modules beside it and opens files as python3 does, tracebacks included', async () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'loopscope-project-'));
  fs.mkdirSync(path.join(project, 'src'));
  fs.writeFileSync(
    path.join(project, 'src', 'helper.py'),
    [
      'import asyncio',
      '',
      'async def double(n):',
      '    await asyncio.sleep(0.1)',
      '    return 2 * n',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(project, 'src', 'broken.py'),
    'def f():\n    raise ValueError("in broken")\n',
  );
  fs.writeFileSync(path.join(project, 'data.txt'), 'from the working directory\n');
  fs.writeFileSync(
    path.join(project, 'src', 'main.py'),
    [
      'import asyncio, sys',
      'from helper import double',
      'print(open("data.txt").read().strip())',
      'print(open(__file__).readline().strip())',
      'async def main():',
      '    print(await asyncio.gather(double(1), double(2)))',
      '    if sys.argv[1:] == ["fail"]:',
      '        import broken',
      '        broken.f()',
      'asyncio.run(main())',
      '',
    ].join('\n'),
  );
  const expected = 'from the working directory\nimport asyncio, sys\n[2, 4]\n';
  // Run from the project's root with a relative path, as `npx loopscope run src/main.py`.
  const run = await cli(['run', 'src/main.py'], project);
  assert.equal(run.stderr, '');
  assert.equal(run.stdout.toString('utf8'), expected);
  assert.equal(run.status, 0);
  // The module's frames are the program's own: kept in the traceback, as python3 prints them.
  const failed = await cli(['run', path.join(project, 'src', 'main.py'), '--', 'fail'], project);
  assert.equal(failed.status, 1);
  assert.equal(failed.stdout.toString('utf8'), expected);
  assert.match(
    failed.stderr,
    new RegExp(
      [
        '  File "[^"]*main\\.py", line 9, in main',
        '    broken\\.f\\(\\)',
        '(    .*\\n)*?  File "' +
          path.join(project, 'src', 'broken.py').replace(/[.]/g, '\\.') +
          '", line 2, in f',
      ].join('\\n'),
    ),
  );
  assert.match(failed.stderr, /ValueError: in broken\n$/);
});

test('PYTHONASYNCIODEBUG and PYTHONWARNINGS act as in python3; --env reaches os.environ', async () => {
  const file = program(
    'environ.py',
    [
      'import asyncio, os, sys, warnings',
      'async def main():',
      '    print("debug", asyncio.get_running_loop().get_debug())',
      'asyncio.run(main())',
      'print(sorted(k for k in os.environ if k.startswith(("PYTHONW", "PYTHONA", "LS_"))))',
      'print(sys.warnoptions)',
      'os.environ["LS_SET_BY_PROGRAM"] = "1"',
      'warnings.warn("boom")',
      '',
    ].join('\n'),
  );
  const host = { ...process.env, LS_HOST_ONLY: 'not passed', LS_GIVEN: 'yes' };
  const plain = await cli(['run', file], dir, host);
  assert.equal(plain.status, 0, plain.stderr);
  assert.equal(plain.stdout.toString('utf8'), 'debug False\n[]\n[]\n');
  assert.match(plain.stderr, /UserWarning: boom/);
  const env = { ...host, PYTHONASYNCIODEBUG: '1', PYTHONWARNINGS: 'error::UserWarning,bogus' };
  const run = await cli(['run', file, '--env', 'LS_GIVEN', '--env', 'LS_SET=2'], dir, env);
  assert.equal(
    run.stdout.toString('utf8'),
    "debug True\n['LS_GIVEN', 'LS_SET', 'PYTHONASYNCIODEBUG', 'PYTHONWARNINGS']\n" +
      "['error::UserWarning', 'bogus']\n",
  );
  // python3 reports the bad item as it starts, then raises the warning the filter made an error.
  assert.match(run.stderr, /^Invalid -W option ignored: invalid action: 'bogus'\n/);
  assert.match(run.stderr, /UserWarning: boom\n$/);
  assert.equal(run.status, 1);
});

/**
 * Runs the CLI and sends it SIGINT (a Ctrl-C) each time its stdout has printed the next of
 * `cues`; resolves as cli() does.
 */
function cliInterrupted(args, cues) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: dir,
      timeout: 120_000,
      killSignal: 'SIGKILL',
    });
    const out = [];
    const err = [];
    let next = 0;
    child.stdout.on('data', (b) => {
      out.push(b);
      if (next < cues.length && Buffer.concat(out).toString('utf8').includes(cues[next])) {
        next++;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', reject);
    child.on('close', (status, signal) =>
      resolve({
        status,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

test('Ctrl-C raises KeyboardInterrupt in the program: traceback, status 130, the trace so far', async () => {
  const file = program(
    'spin.py',
    ['n = 0', 'print("started", flush=True)', 'while True:', '    n += 1', ''].join('\n'),
  );
  const out = path.join(dir, 'spin.json');
  const run = await cliInterrupted(
    ['run', file, '--trace', out, '--max-wall-time', '600'],
    ['started\n'],
  );
  assert.equal(run.signal, null);
  assert.equal(run.status, 130, run.stderr);
  assert.equal(run.stdout, 'started\n');
  assert.match(run.stderr, /^Traceback \(most recent call last\):\n[^]*\nKeyboardInterrupt\n$/);
  const trace = traceFromJson(fs.readFileSync(out, 'utf8'));
  assert.equal(trace.meta.outcome, Outcome.EXCEPTION);
  assert.equal(trace.meta.outcomeDetail, 'KeyboardInterrupt');
  assert.ok(trace.events.kind.length > 0);
});

test("Ctrl-C cancels asyncio.run's main task; a second one interrupts its cleanup, as in python3", async () => {
  const file = program(
    'cleanup.py',
    [
      'import asyncio',
      'async def main():',
      '    print("started", flush=True)',
      '    try:',
      '        while True:',
      '            await asyncio.sleep(0)',
      '    except asyncio.CancelledError:',
      '        print("cancelled", flush=True)',
      '        while True:',
      '            pass',
      'asyncio.run(main())',
      '',
    ].join('\n'),
  );
  const run = await cliInterrupted(
    ['run', file, '--no-trace', '--max-wall-time', '600'],
    ['started\n', 'cancelled\n'],
  );
  assert.equal(run.status, 130, run.stderr);
  assert.equal(run.stdout, 'started\ncancelled\n');
  assert.match(run.stderr, /asyncio\.exceptions\.CancelledError\n/);
  assert.match(run.stderr, /line (9|10), in main\n[^]*\nKeyboardInterrupt\n$/);
});
