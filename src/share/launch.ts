/**
 * What a page opens with, decided once before the playground mounts: the program (from the
 * link, a gallery example, the person's saved work, or the default example), the link's options,
 * any message to show, and whether opening the link would replace saved work (then the page asks
 * first). Pure, so every case is unit-tested.
 */
import { EXAMPLES, defaultExample, getExample } from '../examples/index';
import type { TraceColumns } from '../trace/schema';
import { decodeLink, recordedRunOptions, replayRunOptions, runOptionsFromLink } from './link';
import type { LinkError, LinkInput, LinkOptions, LinkWarning } from './link';
import type { RunOptions } from '../runtime/protocol';

/** Where the saved code lives on the full page (the app's default storage key). */
export const SAVED_CODE_KEY = 'loopscope:code';
/**
 * Saved work that a shared link or a gallery example replaced, kept until the person restores or
 * discards it (app/storage.ts, loadKeptDrafts). `legacy` is the single slot older versions wrote.
 */
export const KEPT_CODE_SLOT = { key: 'loopscope:code:kept', legacy: 'loopscope:code:previous' };

export type CodeSource = 'link' | 'example' | 'saved' | 'default';

export interface Launch {
  /** The program to open with (before the person answers a conflict question). */
  code: string;
  source: CodeSource;
  /** Gallery example id when the code is one (from `example=` or the default). */
  exampleId: string | null;
  options: LinkOptions;
  /** The link could not be opened; the page shows this and the default example. */
  error: LinkError | null;
  /** Link settings that were ignored. */
  warnings: LinkWarning[];
  /** An `example=` id that does not exist. */
  unknownExample: string | null;
  /**
   * The link brings a program while different saved work exists: ask before replacing it.
   * `saved` is that work.
   */
  conflict: { saved: string } | null;
  /** Whether the page should show the compact embed layout. */
  embedded: boolean;
  /**
   * A replay link's (`trace=`) recorded run. Its program is the link's program, so the page
   * cannot know what it opens, or whether to ask, until the file is there: 'pending' until the
   * page has fetched it and resolved the launch again with it (LaunchInput.recorded); then the
   * run to show (`code` is its program); null for every other link, and when the recorded run
   * could not be read (`recordingError`).
   */
  recording: TraceColumns | 'pending' | null;
  /** Why the link's recorded run could not be opened (the file's fetch or decoding), or null. */
  recordingError: string | null;
}

/**
 * The run options of every run on the page: the link's world (seed, latency, jitter) or, when it
 * shows a recorded run, the recording's, with each setting the link gives itself winning (so Run
 * on the recorded program repeats it). Undefined when neither sets anything.
 */
export function pageRunOptions(launch: Launch): RunOptions | undefined {
  if (launch.recording === null || launch.recording === 'pending')
    return runOptionsFromLink(launch.options);
  const options = replayRunOptions(
    launch.options,
    recordedRunOptions(launch.recording.meta.options),
  );
  return Object.keys(options).length > 0 ? options : undefined;
}

/** Whether the launch opens a program of the link's own (then saved work is asked about). */
export function bringsProgram(launch: Launch): boolean {
  return launch.source === 'link' || launch.source === 'example' || launch.recording !== null;
}

export interface LaunchInput {
  location: LinkInput;
  /** 'embed' for embed.html; the main page becomes an embed with `?embed=1`. */
  entry: 'page' | 'embed';
  /** Saved work, or null when there is none or storage is off (embeds). */
  saved: string | null;
  /** The page's default program; the gallery's default example when left out. */
  defaultCode?: string;
  /**
   * Programs that are not the person's work even when they are what is saved: the program the
   * previous link opened in this tab, unedited (Back opens it again), so following a second link
   * does not ask about it.
   */
  notWork?: readonly string[];
  /**
   * The recorded run a `trace=` link names, once the page has fetched it, or why it could not;
   * left out before (the launch is then 'pending').
   */
  recorded?: TraceColumns | { error: string };
}

/** Whether `code` is one of the built-in programs, which are not "work" worth asking about. */
function isBuiltIn(code: string, builtIns: readonly string[]): boolean {
  const trimmed = code.trim();
  return trimmed === '' || builtIns.some((b) => b.trim() === trimmed);
}

export function resolveLaunch(input: LaunchInput): Launch {
  const decoded = decodeLink(input.location);
  const options = decoded.ok ? decoded.link.options : decoded.options;
  const embedded = input.entry === 'embed' || options.embed === true;
  const base = {
    options,
    warnings: decoded.warnings,
    embedded,
    unknownExample: null as string | null,
    recording: null as Launch['recording'],
    recordingError: null as string | null,
  };
  const fallback =
    input.defaultCode !== undefined
      ? { code: input.defaultCode, id: null }
      : { code: defaultExample().code, id: defaultExample().id };
  const builtIns = [fallback.code, ...EXAMPLES.map((e) => e.code), ...(input.notWork ?? [])];
  // Embeds never read saved work: two embeds on one page must not share a program.
  const saved = embedded ? null : input.saved;

  /** The link's program opens, after asking when it would replace different saved work. */
  const withConflict = (
    opened: typeof base,
    code: string,
    source: CodeSource,
    exampleId: string | null,
  ): Launch => {
    const conflict =
      saved !== null && saved !== code && !isBuiltIn(saved, builtIns) ? { saved } : null;
    return { ...opened, code, source, exampleId, error: null, conflict };
  };

  // The link's step and autorun belong to the link's program, and so does its recorded run.
  // When that program cannot be opened (a damaged link, an unknown example, an unreadable
  // recording), the code shown instead is neither run by itself nor opened at that step: the
  // reader never chose it.
  const refused = () => ({
    ...base,
    options: { ...options, step: undefined, autorun: undefined, trace: undefined },
  });

  if (!decoded.ok) {
    // Nothing is lost: saved work wins over the default example, and the link stays in the
    // address bar for the person to inspect.
    return saved !== null
      ? {
          ...refused(),
          code: saved,
          source: 'saved',
          exampleId: null,
          error: decoded.error,
          conflict: null,
        }
      : {
          ...refused(),
          code: fallback.code,
          source: 'default',
          exampleId: fallback.id,
          error: decoded.error,
          conflict: null,
        };
  }

  let linkCode = decoded.link.code;
  let source: CodeSource = 'link';
  let exampleId: string | null = null;
  const recorded = input.recorded;
  if (options.trace !== undefined) {
    // A replay link's program is the recorded run's, known once the file is here: until then
    // the page shows nothing and asks nothing (LaunchedPlayground fetches it, then calls again).
    if (recorded === undefined) {
      return {
        ...base,
        code: saved ?? fallback.code,
        source: saved !== null ? 'saved' : 'default',
        exampleId: saved !== null ? null : fallback.id,
        error: null,
        conflict: null,
        recording: 'pending',
      };
    }
    if ('error' in recorded) {
      // As a damaged link: what is saved, else the default example, with the reason.
      const instead =
        saved !== null
          ? { code: saved, source: 'saved' as const, exampleId: null }
          : { code: fallback.code, source: 'default' as const, exampleId: fallback.id };
      return {
        ...refused(),
        ...instead,
        error: null,
        conflict: null,
        recordingError: recorded.error,
      };
    }
    // The recording's program is the link's, over a `#code/` or `example=` the link may have.
    return withConflict({ ...base, recording: recorded }, recorded.meta.source, 'link', null);
  }
  if (linkCode === null && options.example !== undefined) {
    const example = getExample(options.example);
    if (example) {
      linkCode = example.code;
      source = 'example';
      exampleId = example.id;
    } else base.unknownExample = options.example;
  }

  if (linkCode === null) {
    // No program in the link: it opens the saved work or the default example, with its options
    // (`?autorun=1` alone runs what is there), unless it named an example that does not exist.
    const opened = base.unknownExample !== null ? refused() : base;
    return saved !== null
      ? { ...opened, code: saved, source: 'saved', exampleId: null, error: null, conflict: null }
      : {
          ...opened,
          code: fallback.code,
          source: 'default',
          exampleId: fallback.id,
          error: null,
          conflict: null,
        };
  }

  return withConflict(base, linkCode, source, exampleId);
}
