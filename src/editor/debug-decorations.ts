/**
 * The debugger's marks in the code editor, computed from the view state at the cursor step:
 * - the running task's current line (tinted, with an arrow in the gutter);
 * - a gutter dot per task parked at an `await` (suspended, ready, cancelling), in its colour;
 * - the selected task's lines (its frames and where it was created);
 * - marks at lines with a warning and where exceptions were raised: red for errors, amber for
 *   warnings and notes (see Severity).
 * Clicking a line number runs to that line's next execution; Shift-click to the previous one.
 *
 * `debugDecorations` is pure (plain ranges and class names) and unit-tested; `attachDebugger`
 * wires it to a Monaco editor through one decorations collection, except for the current line,
 * which it draws apart (current-line.ts) since that moves on nearly every step.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { TaskView, TraceState, WarningView } from '../trace/types';
import { taskColor } from '../viz/palette';
import { attachCurrentLine } from './current-line';
import type { CurrentLine } from './current-line';

type Decoration = Monaco.editor.IModelDeltaDecoration;

export interface DecorationOptions {
  selectedTask: number;
  /** Lines in the model: decorations past the end (after an edit) are dropped. */
  lineCount: number;
  /** Uncaught exceptions of the whole run; those raised up to the step are marked. */
  errors?: readonly ErrorMark[];
  /**
   * The line a task is parked on (its await chain's innermost user line, 0 for none). By default
   * the chain is read; the debugger passes the trace index's table (taskAwaitLine), so a step
   * that changes all of 10,000 parked tasks parses no chain.
   */
  awaitLine?: (task: TaskView) => number;
  /**
   * The current line is drawn apart (src/editor/current-line.ts): leave it out of the
   * decorations and hand it back as `current`.
   */
  currentApart?: boolean;
}

/** An uncaught exception where the user's code raised it (TraceIndex.errors has this shape). */
export interface ErrorMark {
  step: number;
  line: number;
  type: string;
  traceback: string;
}

/**
 * How serious a line's mark is; a line with several shows the most serious, and its hover lists
 * them all. Only errors get the red "!" of a crash: most warnings come from programs that ran
 * fine, and a legacy note is advice on style.
 */
export type Severity = 'error' | 'warning' | 'note';
const RANK: Record<Severity, number> = { note: 0, warning: 1, error: 2 };

/**
 * A warning's severity. A deadlock and an exception nobody retrieved are errors, as the warnings
 * list colours them (debugger.css); a legacy note is a note; the rest are warnings.
 */
export function warningSeverity(kind: WarningView['kind']): Severity {
  if (kind === 'deadlock' || kind === 'exception-not-retrieved') return 'error';
  return kind === 'legacy' ? 'note' : 'warning';
}

/** Per severity: the line's tint, the gutter mark and the overview ruler's colour. */
const SEVERITY_MARKS: Record<Severity, { line: string; gutter: string; ruler: string }> = {
  error: { line: 'ls-error-line', gutter: 'ls-gut-error', ruler: '#ff7b72' },
  warning: { line: 'ls-warning-line', gutter: 'ls-gut-warning', ruler: '#e6c15a' },
  note: { line: 'ls-note-line', gutter: 'ls-gut-note', ruler: '#e6c15a' },
};

/** The innermost user line of a task's await chain, 0 when it has none. */
function chainLine(task: TaskView): number {
  const chain = task.chain;
  for (let i = chain.length - 1; i >= 0; i--) if (chain[i].line > 0) return chain[i].line;
  return 0;
}

/** Names listed in a parked-tasks hover; the rest are counted. */
const HOVER_NAMES = 12;

const wholeLine = (line: number) => ({
  startLineNumber: line,
  startColumn: 1,
  endLineNumber: line,
  endColumn: 1,
});

/** Tasks parked on one line: the first few names, how many, and whose colour the dot takes. */
interface ParkedLine {
  names: string[];
  count: number;
  task: number;
}

/** Decorations for one step. Class names carrying a task id get their colour from taskStyles(). */
export function debugDecorations(state: TraceState | null, opts: DecorationOptions): Decoration[] {
  return buildMarks(state, opts).decorations;
}

/** Whether a task is parked at an await (it gets a gutter dot rather than the current line). */
function isParked(t: TaskView): boolean {
  // Suspended, woken but not yet resumed (ready), or about to receive a CancelledError
  // (cancelling). The running task is marked by the current line instead.
  return t.state === 'suspended' || t.state === 'ready' || t.state === 'cancelling';
}

/** Position of the first entry >= x in ascending `xs`. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The parked tasks of a task list by line, kept between updates. A step on a big trace changes a
 * few of 10,000 tasks, and stateAt hands back the same view object for a task that did not
 * change: `update` compares the new list with the last one entry by entry (a pointer comparison
 * each) and looks again only at the entries that differ. Entries are keyed by their position in
 * the list, so the grouping is the one a pass over the whole list gives, in the same order.
 */
export class ParkedIndex {
  #tasks: readonly TaskView[] = [];
  #lineCount = -1;
  #lineOf: ((task: TaskView) => number) | null = null;
  /** The line each position is parked on, 0 when it is not. */
  #lines = new Int32Array(0);
  /** Per line, the positions parked on it, ascending. */
  #byLine = new Map<number, number[]>();

  /** Brings the index up to date with `tasks`. */
  update(tasks: readonly TaskView[], lineCount: number, lineOf: (task: TaskView) => number): void {
    const last = this.#tasks;
    if (tasks === last && lineCount === this.#lineCount && lineOf === this.#lineOf) return;
    const n = tasks.length;
    if (lineCount !== this.#lineCount || lineOf !== this.#lineOf)
      this.#rebuild(tasks, lineCount, lineOf);
    else {
      // The positions that differ. Each one moved costs a splice in a line's list, which can
      // hold most of the tasks, so past a few hundred a fresh pass is cheaper.
      const common = Math.min(n, last.length);
      const most = 64 + (n >> 6);
      const differ: number[] = [];
      for (let i = 0; i < common && differ.length <= most; i++) {
        if (tasks[i] !== last[i]) differ.push(i);
      }
      if (differ.length + Math.abs(n - last.length) > most) {
        this.#rebuild(tasks, lineCount, lineOf);
      } else {
        for (let i = n; i < last.length; i++) this.#move(i, 0);
        if (n > this.#lines.length) {
          const grown = new Int32Array(Math.max(n, this.#lines.length * 2));
          grown.set(this.#lines);
          this.#lines = grown;
        }
        for (const i of differ) this.#move(i, this.#lineAt(tasks[i], lineCount, lineOf));
        for (let i = last.length; i < n; i++)
          this.#move(i, this.#lineAt(tasks[i], lineCount, lineOf));
      }
    }
    this.#tasks = tasks;
    this.#lineCount = lineCount;
    this.#lineOf = lineOf;
  }

  /**
   * Per line in order of its first parked task: the first few names, how many, and whose colour
   * the dot takes (the first parked task's, or the selected task's when it is among them).
   */
  grouping(selectedTask: number): Map<number, ParkedLine> {
    const tasks = this.#tasks;
    const lines = [...this.#byLine].sort((a, b) => a[1][0] - b[1][0]);
    const parked = new Map<number, ParkedLine>();
    for (const [line, at] of lines) {
      const names: string[] = [];
      for (let k = 0; k < at.length && k < HOVER_NAMES; k++) names.push(tasks[at[k]].name);
      let task = tasks[at[0]].id;
      if (selectedTask >= 0) {
        for (const i of at) {
          if (tasks[i].id === selectedTask) {
            task = selectedTask;
            break;
          }
        }
      }
      parked.set(line, { names, count: at.length, task });
    }
    return parked;
  }

  #lineAt(t: TaskView, lineCount: number, lineOf: (task: TaskView) => number): number {
    if (!isParked(t)) return 0;
    const line = lineOf(t);
    return line > 0 && line <= lineCount ? line : 0;
  }

  #rebuild(tasks: readonly TaskView[], lineCount: number, lineOf: (task: TaskView) => number) {
    this.#byLine.clear();
    this.#lines = new Int32Array(tasks.length);
    for (let i = 0; i < tasks.length; i++) {
      const line = this.#lineAt(tasks[i], lineCount, lineOf);
      this.#lines[i] = line;
      if (line === 0) continue;
      const at = this.#byLine.get(line);
      if (at) at.push(i);
      else this.#byLine.set(line, [i]);
    }
  }

  /** Position `i` is now parked on `line` (0: not parked). */
  #move(i: number, line: number): void {
    const was = i < this.#lines.length ? this.#lines[i] : 0;
    if (was === line) return;
    if (was !== 0) {
      const at = this.#byLine.get(was)!;
      at.splice(lowerBound(at, i), 1);
      if (at.length === 0) this.#byLine.delete(was);
    }
    if (line !== 0) {
      const at = this.#byLine.get(line);
      if (at) at.splice(lowerBound(at, i), 0, i);
      else this.#byLine.set(line, [i]);
    }
    if (i < this.#lines.length) this.#lines[i] = line;
  }
}

/**
 * The decorations, and the task ids their class names carry (the colours they need). `parkedIndex`
 * keeps the grouping of parked tasks between calls (a fresh one is made when none is given).
 */
function buildMarks(
  state: TraceState | null,
  opts: DecorationOptions,
  parkedIndex: ParkedIndex = new ParkedIndex(),
): { decorations: Decoration[]; tasks: number[]; current: CurrentLine | null } {
  if (!state) return { decorations: [], tasks: [], current: null };
  const out: Decoration[] = [];
  const tasks: number[] = [];
  const inRange = (line: number) => line > 0 && line <= opts.lineCount;
  const lineOf = opts.awaitLine ?? chainLine;

  // Suspended tasks, grouped by line so ten workers parked on one await make one readable mark.
  parkedIndex.update(state.tasks, opts.lineCount, lineOf);
  const parked = parkedIndex.grouping(opts.selectedTask);
  for (const [line, { names, count, task: id }] of parked) {
    tasks.push(id);
    out.push({
      range: wholeLine(line),
      options: {
        linesDecorationsClassName: `ls-gut-task ls-gut-t${id}${count > 1 ? ' ls-gut-many' : ''}`,
        hoverMessage: {
          value: `Suspended here: ${names.join(', ')}${count > HOVER_NAMES ? ` and ${count - HOVER_NAMES} more` : ''}`,
        },
      },
    });
  }

  if (opts.selectedTask >= 0) {
    const t = state.tasks.find((x) => x.id === opts.selectedTask);
    if (t) {
      tasks.push(t.id);
      const lines = new Set<number>();
      for (const f of t.chain) if (inRange(f.line)) lines.add(f.line);
      if (inRange(t.createdLine)) lines.add(t.createdLine);
      if (state.currentTask === t.id && inRange(state.currentLine)) lines.add(state.currentLine);
      for (const line of lines) {
        out.push({
          range: wholeLine(line),
          options: {
            isWholeLine: true,
            className: `ls-sel-line ls-sel-t${t.id}`,
          },
        });
      }
    }
  }

  const marked = new Map<number, { severity: Severity; texts: string[] }>();
  const addMark = (line: number, severity: Severity, text: string) => {
    if (!inRange(line)) return;
    const mark = marked.get(line);
    if (!mark) marked.set(line, { severity, texts: [text] });
    else {
      mark.texts.push(text);
      if (RANK[severity] > RANK[mark.severity]) mark.severity = severity;
    }
  };
  for (const w of state.warnings) addMark(w.line, warningSeverity(w.kind), w.message);
  for (const e of opts.errors ?? []) {
    if (e.step <= state.step)
      addMark(
        e.line,
        'error',
        e.traceback ? `${e.type}\n\n\`\`\`\n${e.traceback}\n\`\`\`` : e.type,
      );
  }
  for (const [line, { severity, texts }] of marked) {
    const look = SEVERITY_MARKS[severity];
    out.push({
      range: wholeLine(line),
      options: {
        isWholeLine: true,
        className: look.line,
        linesDecorationsClassName: parked.has(line) ? undefined : look.gutter,
        hoverMessage: { value: texts.join('\n\n') },
        overviewRuler: { color: look.ruler, position: 4 /* OverviewRulerLane.Right */ },
      },
    });
  }

  // Last, so the current line's tint draws above the others.
  let current: CurrentLine | null = null;
  if (inRange(state.currentLine)) {
    if (state.currentTask >= 0) tasks.push(state.currentTask);
    current = {
      line: state.currentLine,
      task: state.currentTask,
      gutter: !parked.has(state.currentLine),
    };
  }
  if (current && !opts.currentApart) {
    out.push({
      range: wholeLine(state.currentLine),
      options: {
        isWholeLine: true,
        className: `ls-current-line ls-cur-t${Math.max(-1, state.currentTask)}`,
        linesDecorationsClassName: parked.has(state.currentLine) ? undefined : 'ls-gut-current',
        overviewRuler: { color: '#5eb3ff', position: 7 /* OverviewRulerLane.Full */ },
      },
    });
  }
  return { decorations: out, tasks, current };
}

/**
 * A string equal for equal decoration lists: most steps mid-run on a big trace leave the marks
 * as they were, and setting them again would still make Monaco redraw its lines.
 */
export function decorationsKey(decorations: readonly Decoration[]): string {
  return JSON.stringify(decorations);
}

/**
 * CSS rules giving each task id its colour in the editor classes above. Only tasks that appear
 * get rules, so a run with 10,000 tasks does not write 10,000 rules up front.
 */
export function taskStyles(ids: Iterable<number>): string {
  const rules: string[] = [];
  for (const id of ids) {
    const c = taskColor(id);
    rules.push(
      `.ls-gut-t${id}::before{background:${c}}`,
      `.monaco-editor .ls-sel-t${id}{background:color-mix(in srgb,${c} 14%,transparent)}`,
      `.monaco-editor .ls-cur-t${id}{box-shadow:inset 3px 0 0 ${c}}`,
    );
  }
  return rules.join('\n');
}

/** Fixed editor styles: the gutter shapes and line tints. */
const BASE_STYLES = `
.monaco-editor .ls-current-line{background:rgba(94,179,255,.22)}
.monaco-editor .ls-error-line{background:rgba(255,123,114,.10)}
.monaco-editor .ls-warning-line{background:rgba(230,193,90,.08)}
.monaco-editor .ls-note-line{background:rgba(230,193,90,.05)}
.ls-gut-task,.ls-gut-current,.ls-gut-error,.ls-gut-warning,.ls-gut-note{display:flex;align-items:center;justify-content:center}
.ls-gut-task::before{content:'';width:8px;height:8px;border-radius:50%;margin-left:4px}
.ls-gut-many::before{box-shadow:3px 0 0 -1px rgba(255,255,255,.5)}
.ls-gut-current::before{content:'';margin-left:4px;border-left:7px solid #5eb3ff;border-top:5px solid transparent;border-bottom:5px solid transparent}
.ls-gut-error::before{content:'!';margin-left:4px;color:#ff7b72;font-weight:700;font-size:12px}
.ls-gut-warning::before{content:'!';margin-left:4px;color:#e6c15a;font-weight:700;font-size:12px}
.ls-gut-note::before{content:'i';margin-left:4px;color:#e6c15a;font-style:italic;font-weight:700;font-size:12px;font-family:Georgia,serif}
`;

export interface DebuggerHandlers {
  /** A line number was clicked: run to its next execution, or the previous one with Shift. */
  onLineClick(line: number, direction: 'next' | 'prev'): void;
}

export interface DebuggerDecorations {
  /**
   * Show `state` (null clears every mark). Reveals the current line when it changed. Marks equal
   * to those shown are not set again. `awaitLine`: see DecorationOptions.
   */
  update(
    state: TraceState | null,
    selectedTask: number,
    errors?: readonly ErrorMark[],
    awaitLine?: (task: TaskView) => number,
  ): void;
  dispose(): void;
}

/**
 * Attach the debugger's marks to an editor. `monaco` is the editor API namespace, passed in so
 * this module imports no editor code itself (and loads in unit tests).
 */
export function attachDebugger(
  monaco: typeof Monaco,
  editor: Monaco.editor.ICodeEditor,
  handlers: DebuggerHandlers,
): DebuggerDecorations {
  const collection = editor.createDecorationsCollection();
  const style = document.createElement('style');
  style.dataset.loopscope = 'debugger';
  style.textContent = BASE_STYLES;
  document.head.appendChild(style);
  const styled = new Set<number>();
  // New tasks' rules are inserted into the sheet: writing the element's text again would parse
  // every rule so far and restyle the page, and most steps mark a task not marked before.
  const addStyles = (ids: number[]) => {
    const sheet = style.sheet;
    const css = taskStyles(ids);
    if (!sheet) {
      style.textContent += `\n${css}`;
      return;
    }
    for (const rule of css.split('\n')) {
      try {
        sheet.insertRule(rule, sheet.cssRules.length);
      } catch {
        // A rule this browser cannot parse only loses a colour.
      }
    }
  };
  let lastLine = 0;
  let shown: string | null = null;
  const parkedIndex = new ParkedIndex();
  // The current line drawn apart, so a step that only moves it leaves the decorations alone.
  const currentMark = attachCurrentLine(monaco, editor);

  // While a run is shown, a click on a line number is the debugger's "run to this line": it must
  // not also select the line and focus the editor, or the next shortcut key (c, t, ...) would
  // type over the selected line.  Monaco's gutter clicks keep the focus where it was once it no
  // longer selects on line numbers.
  let selecting = true;
  const selectOnLineNumbers = (on: boolean) => {
    if (on === selecting) return;
    selecting = on;
    editor.updateOptions({ selectOnLineNumbers: on });
  };

  const T = monaco.editor.MouseTargetType;
  const mouse = editor.onMouseDown((e) => {
    const t = e.target.type;
    if (
      t !== T.GUTTER_LINE_NUMBERS &&
      t !== T.GUTTER_LINE_DECORATIONS &&
      t !== T.GUTTER_GLYPH_MARGIN
    ) {
      return;
    }
    const line = e.target.position?.lineNumber;
    if (line) handlers.onLineClick(line, e.event.shiftKey ? 'prev' : 'next');
  });

  return {
    update(state, selectedTask, errors, awaitLine) {
      const model = editor.getModel();
      if (!model) return;
      selectOnLineNumbers(state === null);
      const apart = currentMark?.usable() ?? false;
      const { decorations, tasks, current } = buildMarks(
        state,
        {
          selectedTask,
          lineCount: model.getLineCount(),
          errors,
          awaitLine,
          currentApart: apart,
        },
        parkedIndex,
      );
      // Colour rules only for the tasks a mark names (a few, not every task of the run).
      const fresh: number[] = [];
      for (const id of tasks) {
        if (!styled.has(id)) {
          styled.add(id);
          fresh.push(id);
        }
      }
      if (fresh.length > 0) addStyles(fresh);
      // With the model's version: an edit moves the marks Monaco holds, so set them again then.
      const key = `${model.getVersionId()} ${decorationsKey(decorations)}`;
      if (key !== shown) {
        collection.set(decorations);
        shown = key;
      }
      currentMark?.show(apart ? current : null);
      const line = state?.currentLine ?? 0;
      if (line > 0 && line !== lastLine && line <= model.getLineCount()) {
        editor.revealLineInCenterIfOutsideViewport(line, monaco.editor.ScrollType.Smooth);
      }
      lastLine = line;
    },
    dispose() {
      shown = null;
      selectOnLineNumbers(true);
      mouse.dispose();
      currentMark?.dispose();
      collection.clear();
      style.remove();
    },
  };
}
