// Bare Pyodide in a module worker: loadPyodide() from /pyodide/, as the app's worker does, but
// without the tracer. Runs programs on bench/bare-loop.py for the run-latency baseline.
try {
  const { loadPyodide } = await import('/pyodide/pyodide.mjs');
  const pyodide = await loadPyodide({ indexURL: '/pyodide/' });
  self.postMessage({ type: 'ready' });
  const loopSource = await (await fetch('/__bench/bare-loop.py')).text();
  pyodide.runPython(loopSource);
  const runBare = pyodide.globals.get('run_bare');
  let out = '';
  pyodide.setStdout({ batched: (s) => (out += s + '\n') });
  self.onmessage = (event) => {
    const { id, code } = event.data;
    out = '';
    const t0 = performance.now();
    let error = null;
    try {
      runBare(code);
    } catch (e) {
      error = String(e);
    }
    self.postMessage({ id, ms: performance.now() - t0, stdout: out, error });
  };
  self.postMessage({ type: 'runnable' });
} catch (e) {
  self.postMessage({ type: 'error', message: String(e) });
}
