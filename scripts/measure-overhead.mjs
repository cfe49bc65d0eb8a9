#!/usr/bin/env node
// Recording overhead, measured the way issue 3 states the goal: the benchmark program (10,000
// tasks x 10 sleeps) traced against --no-trace, in one Pyodide process. Reports CPU time
// (process.cpuUsage: the load of a shared machine shows up as wall time, much less as CPU
// time), best of N for each, and their ratio. Runs alternate, after a warm-up.
//
//   node scripts/measure-overhead.mjs [--tasks 10000] [--awaits 10] [--reps 5]
//   node scripts/measure-overhead.mjs --profile [--tasks 1000] [--untraced]  # cProfile of one run
//   node scripts/measure-overhead.mjs --exec 'python code'       # run after install (ablations)
//   node scripts/measure-overhead.mjs --bytecodes [--tasks 300]  # bytecodes per await, by function
//
// This is a development tool for the engine; `npm run bench` (bench/node.ts) keeps the figure.
import { loadPyodide } from 'pyodide';
import { register } from 'tsx/esm/api';

register();

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? Number(argv[i + 1]) : fallback;
};
const profile = argv.includes('--profile');
const bytecodes = argv.includes('--bytecodes');
const execIndex = argv.indexOf('--exec');
const exec = execIndex >= 0 ? argv[execIndex + 1] : null;
const tasks = option('--tasks', bytecodes ? 300 : profile ? 1000 : 10_000);
const awaits = option('--awaits', 10);
const reps = option('--reps', 5);

const { installEngine, runProgram } = await import('../src/runtime/engine.ts');
const { pythonFiles } = await import('../src/runtime/python-files.node.ts');
const { overheadProgram } = await import('../bench/node.ts');

const py = await loadPyodide();
installEngine(py, pythonFiles());
if (exec) py.runPython(exec);
const source = overheadProgram(tasks, awaits);
const budgets = { maxWallTime: 600, maxEvents: 50_000_000, filename: 'bench.py' };

if (profile) {
  // cProfile around the Python side of one run (the JS decode is not in it).
  py.globals.set('SOURCE', source);
  py.globals.set('TRACE', !argv.includes('--untraced'));
  py.runPython(`
import cProfile, pstats, io
from loopscope._runner import run
run(SOURCE, 'bench.py', {'max_wall_time': 600, 'max_events': 50_000_000})
prof = cProfile.Profile()
prof.enable()
res = run(SOURCE, 'bench.py', {'max_wall_time': 600, 'max_events': 50_000_000, 'trace': TRACE})
prof.disable()
print('outcome', res.outcome, res.outcome_detail, res.stdout[-200:], res.stderr[-2000:])
out = io.StringIO()
pstats.Stats(prof, stream=out).sort_stats('tottime').print_stats(25)
print(out.getvalue())
`);
  process.exit(0);
}

if (bytecodes) {
  // Bytecodes executed per code object (sys.monitoring's INSTRUCTION event, on a tool of its
  // own), untraced then traced: a count that the machine's load does not move. The recorder's
  // LINE callback is not in it (monitoring is off inside callbacks).
  py.globals.set('SOURCE', source);
  py.globals.set('AWAITS', tasks * awaits);
  py.runPython(`
import collections, sys
from loopscope._runner import run

def count(trace):
    mon = sys.monitoring
    tool = 5
    mon.use_tool_id(tool, 'count')
    counts = collections.Counter()
    def on_instruction(code, offset):
        counts[code] += 1
    mon.register_callback(tool, mon.events.INSTRUCTION, on_instruction)
    mon.set_events(tool, mon.events.INSTRUCTION)
    try:
        run(SOURCE, 'bench.py', {'max_wall_time': 600, 'max_events': 50_000_000, 'trace': trace})
    finally:
        mon.set_events(tool, 0)
        mon.register_callback(tool, mon.events.INSTRUCTION, None)
        mon.free_tool_id(tool)
    return counts

run(SOURCE, 'bench.py', {'max_wall_time': 600})  # imports, specialisation
untraced, traced = count(False), count(True)
print(f'per await: untraced {sum(untraced.values()) / AWAITS:.0f} bytecodes, '
      f'traced {sum(traced.values()) / AWAITS:.0f}; the largest differences:')
extra = collections.Counter()
for code in untraced.keys() | traced.keys():
    where = f'{code.co_qualname} ({code.co_filename.rsplit("/", 1)[-1]}:{code.co_firstlineno})'
    extra[where] += traced[code] - untraced[code]
for where, n in sorted(extra.items(), key=lambda item: -abs(item[1]))[:15]:
    print(f'{n / AWAITS:8.1f}  {where}')
`);
  process.exit(0);
}

function cpuMs(fn) {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const result = fn();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - w0, result };
}

function once(trace) {
  const m = cpuMs(() => runProgram(py, source, { ...budgets, trace }));
  if (m.result.exitCode !== 0 || m.result.stdout.trim() !== String(tasks)) {
    throw new Error(`run failed (trace=${trace}): ${m.result.outcomeDetail || m.result.stderr}`);
  }
  return m;
}

// Warm-up: imports and the specialisation of the hot paths.
runProgram(py, overheadProgram(Math.min(tasks, 1000), awaits), { ...budgets, trace: true });
runProgram(py, overheadProgram(Math.min(tasks, 1000), awaits), { ...budgets, trace: false });

const traced = [];
const untraced = [];
let events = 0;
for (let r = 0; r < reps; r++) {
  const u = once(false);
  const t = once(true);
  untraced.push(u.cpu);
  traced.push(t.cpu);
  events = t.result.trace.events.kind.length;
  process.stderr.write(
    `round ${r + 1}: traced ${t.cpu.toFixed(0)} ms cpu (${t.wall.toFixed(0)} wall), ` +
      `untraced ${u.cpu.toFixed(0)} ms cpu (${u.wall.toFixed(0)} wall)\n`,
  );
}
const bt = Math.min(...traced);
const bu = Math.min(...untraced);
console.log(
  JSON.stringify({
    tasks,
    awaits,
    events,
    tracedMs: Math.round(bt),
    untracedMs: Math.round(bu),
    ratio: Number((bt / bu).toFixed(3)),
  }),
);
