// The worker thread that runs Python for `loopscope run` (bin/cli.ts, runInThread), so that the
// main thread stays free to take Ctrl-C. Like bin/loopscope.mjs, it registers tsx first.
import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const post = (message) => parentPort.postMessage(message);
// A worker's console reaches the terminal through its own channel, after what this port
// carries: Pyodide's report of a fatal error would come after the CLI's words on it. On the
// port, everything keeps the order it was written in.
for (const [name, type] of [
  ['log', 'stdout'],
  ['info', 'stdout'],
  ['warn', 'stderr'],
  ['error', 'stderr'],
]) {
  console[name] = (...args) => post({ type, text: `${format(...args)}\n` });
}

register();
const { runJob } = await import('./cli.ts');
const ending = await runJob(workerData, post);
if (ending.type === 'crash') {
  // An Error is cloned with its name and message; anything else as it is, or as text.
  const { error } = ending;
  post({ type: 'crash', error: error instanceof Error ? error : String(error) });
} else {
  post(ending);
}
