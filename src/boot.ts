/**
 * What the entry modules (main.tsx, embed.tsx) do first. This module is tiny on purpose and
 * imports nothing heavy, so it runs as soon as the page's first script has arrived:
 * 1. start the Python worker (runtime/prewarm.ts), whose boot takes seconds, so it must not wait
 *    for the app's code;
 * 2. import the app and mount it (mount.tsx). The playground adopts the worker from step 1, and
 *    its editor is the first-stage editor (editor/lite-editor.ts), which accepts typing as soon as
 *    it has rendered, while Monaco loads behind it (editor/LazyCodeEditor.tsx). Once the app's
 *    chunk is in, the runtime files are downloaded (`prefetchRuntime`);
 * 3. once that editor is interactive (or after PYTHON_WAIT_CAP_MS), Python's CPU-heavy boot
 *    begins. Until then the worker only holds its `init`: on two cores, compiling CPython's
 *    WebAssembly beside React's first render made the editor wait (docs/performance.md).
 */
import { editorInteractiveOrTimeout } from './editor/editor-ready';
import { prefetchRuntime, prewarmPyodideWorker } from './runtime/prewarm';

/** Longest that Python's boot waits for the editor; a page that renders slowly must not stall it. */
const PYTHON_WAIT_CAP_MS = 1500;

export function boot(entry: 'page' | 'embed'): void {
  // A link with a recorded run (`trace=`) shows it without Python until the reader asks
  // (share/LaunchedPlayground.tsx); start nothing for it. Any other page boots Python anyway.
  const python = !new URLSearchParams(location.search).has('trace');
  const baseUrl = new URL(import.meta.env.BASE_URL, location.href).href;
  if (python) prewarmPyodideWorker(baseUrl, editorInteractiveOrTimeout(PYTHON_WAIT_CAP_MS));
  void import('./mount').then(({ mountPlayground }) => {
    mountPlayground(entry);
    // Only now: megabytes of runtime on the same few connections (and, under `vite preview`, the
    // same server compressing them) made the app's own chunk arrive hundreds of ms later.
    if (python) void prefetchRuntime(baseUrl);
  });
}
