import type { RunOptions } from '../runtime/protocol';

/**
 * Everything a host decides about one playground. The full app (main.tsx) and the embed
 * (embed.tsx) both render `<Playground config={...}>`; every field is optional.
 */
export interface PlaygroundConfig {
  /**
   * The program the editor opens with when nothing is saved under `storageKey` (or storage is
   * off). Defaults to the built-in asyncio example.
   */
  initialCode?: string;
  /** File name Python shows in tracebacks and the editor's model URI. Default "main.py". */
  filename?: string;
  /**
   * localStorage key the code is saved under after every edit, so it survives a reload or a
   * crashed worker. `null` turns persistence off (embeds default to off so a page with two
   * embeds does not mix them up). Default "loopscope:code".
   */
  storageKey?: string | null;
  /** Budgets and switches passed to every run (max events, virtual and wall time, seed). */
  runOptions?: RunOptions;
  /** Run the program once as soon as the runtime is ready (for embeds opened with autorun). */
  autorun?: boolean;
  /**
   * Start Python when the playground mounts (default true). False for a page that shows a
   * recorded trace: nothing is downloaded until something calls the controller's `start()`
   * (share/CourseLayer's "Load Python" button).
   */
  startRuntime?: boolean;
  /** Make the editor read-only (a host showing a fixed program). Run still works. */
  readOnly?: boolean;
  /** Compact chrome for iframes: smaller header, no page title. */
  embedded?: boolean;
  /**
   * Milliseconds Stop waits for an in-place interrupt before terminating the worker.
   * Default 1500.
   */
  stopGraceMs?: number;
  /** Milliseconds after the last keystroke before the code is compile-checked. Default 400. */
  checkDelayMs?: number;
}

/** The config with defaults filled in; what the rest of the app reads. */
export type ResolvedConfig = Required<Omit<PlaygroundConfig, 'initialCode'>> & {
  initialCode: string | undefined;
};

export function resolveConfig(config: PlaygroundConfig = {}): ResolvedConfig {
  return {
    initialCode: config.initialCode,
    filename: config.filename ?? 'main.py',
    storageKey: config.storageKey === undefined ? 'loopscope:code' : config.storageKey,
    runOptions: config.runOptions ?? {},
    autorun: config.autorun ?? false,
    startRuntime: config.startRuntime ?? true,
    readOnly: config.readOnly ?? false,
    embedded: config.embedded ?? false,
    stopGraceMs: config.stopGraceMs ?? 1500,
    checkDelayMs: config.checkDelayMs ?? 400,
  };
}
