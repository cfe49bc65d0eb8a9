// Spawned by watchdog.test.mjs (a hang here must fail that test, not stall the suite): runs CPU
// loops under the CLI's watchdog with no grace, its first interrupt landing at a range of points
// from the run's set-up to the program's loop, and prints one JSON line per run.
import { loadPyodide } from 'pyodide';
import { installEngine, runProgram } from '../../src/runtime/engine.ts';
import { pythonFiles } from '../../src/runtime/python-files.node.ts';
import { startWatchdog } from '../../src/runtime/watchdog.node.ts';
import { spinWithSuspendedGenerators } from './spin-programs.mjs';

const PROGRAMS = {
  plain: 'n = 0\nwhile True:\n    n += 1\n',
  task: spinWithSuspendedGenerators(),
};

const pyodide = await loadPyodide();
installEngine(pyodide, pythonFiles());
for (const budget of [0.001, 0.003, 0.01, 0.03, 0.1]) {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    for (const trace of [false, true]) {
      // Armed by the engine's onStart hook, as the CLI does; or at once, so that on a fast
      // machine too the first interrupt can land while the run is still being set up.
      for (const early of [false, true]) {
        const watchdog = startWatchdog(pyodide, budget, 0);
        if (early) watchdog.arm();
        let r;
        try {
          r = runProgram(
            pyodide,
            source,
            { trace, maxWallTime: budget, maxOutput: 0 },
            { onStart: () => watchdog.arm() },
          );
        } catch (err) {
          r = { outcome: 'crashed', stderr: String(err), stdout: '' };
        } finally {
          await watchdog.stop();
        }
        const { outcome, stdout, stderr } = r;
        const line = { budget, name, trace, early, outcome, stdout, stderr };
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
    }
  }
}
// A loop in code of the program that the engine's teardown runs (a __del__ freed with the
// traceback's frames): the stop is recorded there and the program's next line raises it.
{
  const watchdog = startWatchdog(pyodide, 0, 0);
  let written = '';
  const source = [
    'class Conn:',
    '    def __del__(self):',
    '        print("closing")',
    '        while True:',
    '            pass',
    'def handler():',
    '    c = Conn()',
    '    raise ValueError("boom")',
    'handler()',
    '',
  ].join('\n');
  const r = runProgram(
    pyodide,
    source,
    { trace: false, maxWallTime: 0.01, maxOutput: 0 },
    // Armed once the __del__ has printed its whole line (print writes the text, then the line
    // break), so the interrupt lands in its loop on any machine, not between the two writes.
    {
      onStdout: (text) => {
        written += text;
        if (written.includes('closing\n')) watchdog.arm();
      },
    },
  );
  await watchdog.stop();
  const line = { name: 'teardown', outcome: r.outcome, stdout: r.stdout };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
// The interrupts stop with the run: the next one is not hit by a late one.
const after = runProgram(pyodide, 'print("next run")', {});
process.stdout.write(
  `${JSON.stringify({ name: 'after', outcome: after.outcome, stdout: after.stdout })}\n`,
);
