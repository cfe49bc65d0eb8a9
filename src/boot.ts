/**
 * What the entry modules (main.tsx, embed.tsx) do first. This module is tiny on purpose and
 * imports nothing heavy, so it runs as soon as the page's first script has arrived:
 * 1. start the Python worker (runtime/prewarm.ts), which takes seconds, so it must not wait for
 *    the app's code;
 * 2. start fetching Monaco (a few megabytes) alongside the app;
 * 3. import the app and mount it (mount.tsx). The playground adopts the worker from step 1.
 */
import { prewarmPyodideWorker } from './runtime/prewarm';

export function boot(entry: 'page' | 'embed'): void {
  // A link with a recorded run (`trace=`) shows it without Python until the reader asks
  // (share/LaunchedPlayground.tsx); start nothing for it. Any other page boots Python anyway.
  if (!new URLSearchParams(location.search).has('trace')) {
    prewarmPyodideWorker(new URL(import.meta.env.BASE_URL, location.href).href);
  }
  void import('./editor/CodeEditor');
  void import('./mount').then(({ mountPlayground }) => mountPlayground(entry));
}
