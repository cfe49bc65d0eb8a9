/**
 * "The editor accepts typing", as a promise. The first editor the page mounts resolves it
 * (LazyCodeEditor.tsx, when its first-stage editor is in the page and listening); boot.ts holds
 * Python's CPU-heavy boot back until then, so the two do not share the CPU in the first moments
 * (runtime/prewarm.ts). Tiny and import-free on purpose: the entry chunk carries it.
 */
let resolve: () => void = () => undefined;

/** Settles once, when the first editor is interactive. */
export const editorInteractive: Promise<void> = new Promise((r) => (resolve = r));

/** Called by the editor; later calls do nothing. */
export function markEditorInteractive(): void {
  resolve();
}

/** `editorInteractive`, or `ms` milliseconds, whichever comes first. */
export function editorInteractiveOrTimeout(ms: number): Promise<void> {
  return Promise.race([editorInteractive, new Promise<void>((r) => setTimeout(r, ms))]);
}
