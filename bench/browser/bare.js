// The bare page's script: starts a worker that calls loadPyodide() at once and records when it
// is ready, in the page's clock (milliseconds since navigation start).
const worker = new Worker('/__bench/bare-worker.js', { type: 'module' });
const state = { readyAt: null, error: null };
let runnable;
const whenRunnable = new Promise((resolve) => (runnable = resolve));
const waiting = new Map();
let nextId = 1;

worker.onmessage = (event) => {
  const data = event.data;
  if (data.type === 'ready') state.readyAt = performance.now();
  else if (data.type === 'runnable') runnable();
  else if (data.type === 'error') state.error = data.message;
  else if (waiting.has(data.id)) {
    waiting.get(data.id)(data);
    waiting.delete(data.id);
  }
};

window.__bare = {
  state,
  /** Runs a program on the bare loop in the worker; resolves with the worker's timing. */
  async run(code) {
    await whenRunnable;
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      worker.postMessage({ type: 'run', id, code });
    });
  },
};
