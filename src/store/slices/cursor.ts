/**
 * The step cursor: where the debugger stands in the trace, how it moves, and which task is
 * selected. The views are a pure function of (trace, step), so this slice only ever holds
 * numbers; the state at a step is computed by `stateAt` in src/trace, memoized by step.
 *
 * The slice does not know how the trace is indexed. It asks a `StepNavigator` (built by the
 * trace model from its step indexes) where the next and previous steps are; the store combiner
 * passes a getter for it, so the slice never holds a stale index after a new run.
 */
import type { Granularity } from '../../trace/types';

/** Events one can "run to": the next (or previous) step where such an event happens. */
export type RunToKind = 'timer' | 'cancel' | 'exception' | 'done' | 'output';

export const RUN_TO_KINDS: readonly RunToKind[] = [
  'timer',
  'cancel',
  'exception',
  'done',
  'output',
];

/** Human words for a run-to kind, used in notices and accessible names. */
export const RUN_TO_WORDS: Record<RunToKind, string> = {
  timer: 'timer firing',
  cancel: 'cancellation',
  exception: 'exception',
  done: 'task done',
  output: 'output line',
};

/**
 * Where the steps are. Every query returns a step index, or -1 when there is no such step.
 * `from` itself is never returned: "next" is strictly after, "prev" strictly before.
 */
export interface StepNavigator {
  /** Number of steps (events) in the trace; valid steps are 0 .. length - 1. */
  readonly length: number;
  next(from: number, granularity: Granularity): number;
  prev(from: number, granularity: Granularity): number;
  nextOf(from: number, kind: RunToKind): number;
  prevOf(from: number, kind: RunToKind): number;
  /** Next / previous step at which user code executes `line`. */
  nextLine(from: number, line: number): number;
  prevLine(from: number, line: number): number;
}

/**
 * Why a move did not happen: an i18n key with its parameters, and the English text (so the
 * store stays free of the i18n instance; the view translates). `kind` names a run-to kind whose
 * words the view should translate too.
 */
export interface CursorNotice {
  key: string;
  text: string;
  params: Record<string, string | number>;
  kind?: RunToKind;
}

function notice(
  key: string,
  english: string,
  params: Record<string, string | number> = {},
  kind?: RunToKind,
): CursorNotice {
  const text = english.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));
  return { key, text, params, kind };
}

/** Playback speeds offered, in steps per second at the current granularity. */
export const SPEEDS: readonly number[] = [0.5, 1, 2, 4, 8, 16, 32, 64, 128];
export const DEFAULT_SPEED = 4;

export interface CursorSlice {
  /** The step (event index) the views show. */
  step: number;
  /** The step shown before the last move: "what changed" is measured from it. */
  prevStep: number;
  /** Granularity used by the step buttons and by playback. */
  granularity: Granularity;
  playing: boolean;
  /** Steps per second while playing, one of SPEEDS. */
  speed: number;
  /** Task highlighted in the editor, the tasks panel and the timeline; -1 for none. */
  selectedTask: number;
  /**
   * Why the last move did not happen ("No later timer firing"), for a polite live region;
   * null after a move that did happen.
   */
  cursorNotice: CursorNotice | null;

  stepForward(granularity?: Granularity): void;
  stepBack(granularity?: Granularity): void;
  setGranularity(granularity: Granularity): void;
  jumpStart(): void;
  jumpEnd(): void;
  /** Go to `step`, clamped to the trace. */
  seek(step: number): void;
  runToNext(kind: RunToKind): void;
  runToPrev(kind: RunToKind): void;
  /**
   * Run to the next (or previous) execution of the run's `line`. `shown`: the number the editor
   * shows for that line, when edits since the run moved it, for the notice when there is none.
   */
  runToLine(line: number, direction?: 'next' | 'prev', shown?: number): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  /** One step faster or slower along SPEEDS. */
  changeSpeed(delta: 1 | -1): void;
  /** Advance `count` steps at the current granularity (playback); stops playing at the end. */
  advance(count: number): void;
  selectTask(task: number): void;
  /** Called when a new trace arrives: where to put the cursor, and clear the selection. */
  resetCursor(at?: 'start' | 'end'): void;
}

type CursorData = Pick<
  CursorSlice,
  'step' | 'prevStep' | 'granularity' | 'playing' | 'speed' | 'selectedTask' | 'cursorNotice'
>;

/** Initial values, exported so tests and the store factory agree. */
export const initialCursor: CursorData = {
  step: 0,
  prevStep: -1,
  granularity: 'line',
  playing: false,
  speed: DEFAULT_SPEED,
  selectedTask: -1,
  cursorNotice: null,
};

/**
 * Build the slice. Use inside the store combiner:
 *   (set, get) => ({ ...createCursorSlice(set, get, () => navigatorOf(get())), ... })
 */
export function createCursorSlice(
  rawSet: (partial: Partial<CursorData>) => void,
  get: () => CursorSlice,
  navigator: () => StepNavigator | null,
): CursorSlice {
  const set = (partial: Partial<CursorData>): void => {
    const from = get().step;
    if (partial.step !== undefined && partial.step !== from) rawSet({ ...partial, prevStep: from });
    else rawSet(partial);
  };
  /** Move to `target` if it exists, else leave the cursor and say why. */
  const moveTo = (target: number, missing: CursorNotice): void => {
    if (target < 0) set({ cursorNotice: missing });
    else set({ step: target, cursorNotice: null });
  };

  return {
    ...initialCursor,

    stepForward(granularity) {
      const nav = navigator();
      if (!nav) return;
      const g = granularity ?? get().granularity;
      // Past the last stop of this granularity there may still be events (the loop closing):
      // the last move goes to the end of the run, so Step forward always reaches the end.
      const last = nav.length - 1;
      const next = nav.next(get().step, g);
      moveTo(
        next < 0 && get().step < last ? last : next,
        notice('playback.atEnd', 'Already at the end of the run'),
      );
    },
    stepBack(granularity) {
      const nav = navigator();
      if (!nav) return;
      const g = granularity ?? get().granularity;
      const prev = nav.prev(get().step, g);
      moveTo(
        prev < 0 && get().step > 0 ? 0 : prev,
        notice('playback.atStart', 'Already at the start of the run'),
      );
    },
    setGranularity(granularity) {
      set({ granularity });
    },
    jumpStart() {
      if (navigator()) set({ step: 0, cursorNotice: null });
    },
    jumpEnd() {
      const nav = navigator();
      if (nav) set({ step: Math.max(0, nav.length - 1), cursorNotice: null, playing: false });
    },
    seek(step) {
      const nav = navigator();
      if (!nav) return;
      const clamped = Math.max(0, Math.min(nav.length - 1, Math.round(step)));
      set({ step: Number.isFinite(clamped) ? clamped : 0, cursorNotice: null });
    },
    runToNext(kind) {
      const nav = navigator();
      if (nav)
        moveTo(
          nav.nextOf(get().step, kind),
          notice('playback.noLater', 'No later {{what}}', { what: RUN_TO_WORDS[kind] }, kind),
        );
    },
    runToPrev(kind) {
      const nav = navigator();
      if (nav)
        moveTo(
          nav.prevOf(get().step, kind),
          notice('playback.noEarlier', 'No earlier {{what}}', { what: RUN_TO_WORDS[kind] }, kind),
        );
    },
    runToLine(line, direction = 'next', shown = line) {
      const nav = navigator();
      if (!nav) return;
      if (direction === 'next') {
        moveTo(
          nav.nextLine(get().step, line),
          notice('playback.lineNotAgain', 'Line {{line}} does not run again', { line: shown }),
        );
      } else {
        moveTo(
          nav.prevLine(get().step, line),
          notice('playback.lineNotBefore', 'Line {{line}} did not run before this step', {
            line: shown,
          }),
        );
      }
    },
    play() {
      const nav = navigator();
      if (!nav) return;
      // Playing from the very end would stop at once; start over, as media players do.
      if (nav.next(get().step, get().granularity) < 0) set({ step: 0 });
      set({ playing: true, cursorNotice: null });
    },
    pause() {
      set({ playing: false });
    },
    togglePlay() {
      if (get().playing) get().pause();
      else get().play();
    },
    setSpeed(speed) {
      if (speed > 0 && Number.isFinite(speed)) set({ speed });
    },
    changeSpeed(delta) {
      const current = get().speed;
      const faster = SPEEDS.find((s) => s > current) ?? SPEEDS[SPEEDS.length - 1];
      const slower = [...SPEEDS].reverse().find((s) => s < current) ?? SPEEDS[0];
      set({ speed: delta > 0 ? faster : slower });
    },
    advance(count) {
      const nav = navigator();
      if (!nav) return;
      const g = get().granularity;
      let step = get().step;
      for (let i = 0; i < count; i++) {
        const n = nav.next(step, g);
        if (n < 0) {
          set({ step: nav.length - 1, playing: false });
          return;
        }
        step = n;
      }
      set({ step });
    },
    selectTask(task) {
      set({ selectedTask: get().selectedTask === task ? -1 : task });
    },
    resetCursor(at = 'end') {
      const nav = navigator();
      const last = nav ? Math.max(0, nav.length - 1) : 0;
      rawSet({
        step: at === 'end' ? last : 0,
        prevStep: -1,
        playing: false,
        selectedTask: -1,
        cursorNotice: null,
      });
    },
  };
}
