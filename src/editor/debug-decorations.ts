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
 * wires it to a Monaco editor through one decorations collection, except for the current line
 * and the parked tasks' dots, which it draws apart (current-line.ts): the one moves on nearly
 * every step, the others change on many, and on every long jump.
 *
 * Once the code is edited after a run, the trace's line numbers name lines of the old program:
 * `attachDebugger` maps them through the edits made since (line-map.ts) until the next run.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { TaskView, TraceState, WarningView } from '../trace/types';
import { english } from '../viz/english';
import type { Translate } from '../viz/english';
import { warningText } from '../viz/fragment-text';
import { taskColor } from '../viz/palette';
import { attachCurrentLine } from './current-line';
import type { CurrentLine, GutterMark } from './current-line';
import { LineMap } from './line-map';
import type { RunLines } from './line-map';

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
  /**
   * The parked tasks' gutter dots are drawn apart too (src/editor/current-line.ts): leave them
   * out of the decorations; `parked` still hands them back (see parkedMarkClass).
   */
  parkedApart?: boolean;
  /**
   * Where a line of the trace is in the editor now (the program was edited since the run;
   * LineMap.lineOf), 0 for a line deleted since: it gets no mark. Every line a mark uses goes
   * through it. By default lines are where the trace says.
   */
  mapLine?: (line: number) => number;
  /** The reader's language for the hovers' words (warnings, parked tasks); English by default. */
  words?: Translate;
}

/** An uncaught exception where the user's code raised it (TraceIndex.errors has this shape). */
export interface ErrorMark {
  step: number;
  line: number;
  type: string;
  traceback: string;
  /**
   * A failed task's mark (failureMarks): the task's name and what it raised, for the hover to
   * word in the page's language; `type` is the same in English.
   */
  taskName?: string;
  raised?: string;
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

/** Per task-line function and line map, the two composed: one function while both stay. */
const mappedLineOf = new WeakMap<
  (task: TaskView) => number,
  WeakMap<(line: number) => number, (task: TaskView) => number>
>();

/**
 * The editor line a task is parked on: its trace line (`awaitLine`, else its chain) through the
 * line map. The same function for the same inputs, since ParkedIndex starts over for a new one.
 */
function parkedLineOf(opts: DecorationOptions): (task: TaskView) => number {
  const base = opts.awaitLine ?? chainLine;
  const map = opts.mapLine;
  if (!map) return base;
  let byMap = mappedLineOf.get(base);
  if (!byMap) mappedLineOf.set(base, (byMap = new WeakMap()));
  let fn = byMap.get(map);
  if (!fn) byMap.set(map, (fn = (task) => map(base(task))));
  return fn;
}

/** Tasks parked on one line: the first few names, how many, and whose colour the dot takes. */
export interface ParkedLine {
  names: string[];
  count: number;
  task: number;
}

/**
 * The hover of a line tasks are parked on. Made when the pointer rests on the line (the hover
 * provider in attachDebugger), not with the marks: mid-run on a big trace nearly every step parks
 * or wakes a task, and a count in the marks changed them on most steps, and Monaco then drew every
 * visible line again.
 */
export function parkedHover({ names, count }: ParkedLine, t: Translate = english): string {
  const listed = names.join(', ');
  return count > HOVER_NAMES
    ? t('editor.parkedMore', 'Suspended here: {{names}} and {{more}} more', {
        names: listed,
        more: count - HOVER_NAMES,
      })
    : t('editor.parked', 'Suspended here: {{names}}', { names: listed });
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

/**
 * The parked tasks of a task list by line, kept between updates. A step on a big trace changes a
 * few of 10,000 tasks, and stateAt hands back the same view object for a task that did not
 * change: `update` compares the new list with the last one entry by entry (a pointer comparison
 * each) and looks again only at the entries that differ. Entries are keyed by their position in
 * the list, so the grouping is the one a pass over the whole list gives, in the same order.
 *
 * What it keeps is the line of each position and a count per line, so an entry that moves costs
 * the same however many tasks share its line: a line step mid-run on the bench trace changes about
 * a thousand of 10,000 tasks, and sorted lists per line (a splice per entry moved, in a list of up
 * to 10,000) made every move past a few hundred entries regroup the whole list instead. The first
 * few tasks of each line, which the grouping names, are found by a pass over the positions that
 * stops once every line has its first few.
 */
export class ParkedIndex {
  #tasks: readonly TaskView[] = [];
  #lineCount = -1;
  #lineOf: ((task: TaskView) => number) | null = null;
  /** The line each position is parked on, 0 when it is not. */
  #lines = new Int32Array(0);
  /** How many positions are parked on each line (lines with none are left out). */
  #count = new Map<number, number>();
  #version = 0;
  #touched = false;

  /**
   * Changes whenever the grouping may have (a parked task moved, came, went or got a new view),
   * so a caller can tell with one comparison that its marks still hold.
   */
  get version(): number {
    return this.#version;
  }

  /** Brings the index up to date with `tasks`. */
  update(tasks: readonly TaskView[], lineCount: number, lineOf: (task: TaskView) => number): void {
    const last = this.#tasks;
    if (tasks === last && lineCount === this.#lineCount && lineOf === this.#lineOf) return;
    const n = tasks.length;
    if (lineCount !== this.#lineCount || lineOf !== this.#lineOf) {
      this.#touched = true;
      this.#count.clear();
      this.#lines = new Int32Array(n);
      for (let i = 0; i < n; i++) this.#move(i, this.#lineAt(tasks[i], lineCount, lineOf));
    } else {
      for (let i = n; i < last.length; i++) this.#move(i, 0);
      if (n > this.#lines.length) {
        const grown = new Int32Array(Math.max(n, this.#lines.length * 2));
        grown.set(this.#lines);
        this.#lines = grown;
      }
      const common = Math.min(n, last.length);
      for (let i = 0; i < common; i++) {
        if (tasks[i] !== last[i]) this.#move(i, this.#lineAt(tasks[i], lineCount, lineOf));
      }
      for (let i = last.length; i < n; i++)
        this.#move(i, this.#lineAt(tasks[i], lineCount, lineOf));
    }
    this.#tasks = tasks;
    this.#lineCount = lineCount;
    this.#lineOf = lineOf;
    if (this.#touched) this.#version++;
    this.#touched = false;
  }

  /**
   * Per line in order of its first parked task: the first few names, how many, and whose colour
   * the dot takes (the first parked task's, or the selected task's when it is among them).
   */
  grouping(selectedTask: number): Map<number, ParkedLine> {
    const tasks = this.#tasks;
    const lines = this.#lines;
    const n = tasks.length;
    // The first few positions of each line, in one pass that ends once every line has them.
    const first = new Map<number, number[]>();
    let open = this.#count.size;
    for (let i = 0; i < n && open > 0; i++) {
      const line = lines[i];
      if (line === 0) continue;
      let at = first.get(line);
      if (!at) first.set(line, (at = []));
      else if (at.length === HOVER_NAMES) continue;
      at.push(i);
      if (at.length === Math.min(HOVER_NAMES, this.#count.get(line)!)) open--;
    }
    // The selected task's line, if it is parked: stateAt lists tasks in id order, so a binary
    // search finds it; any other list is searched through.
    let selectedLine = 0;
    if (selectedTask >= 0) {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tasks[mid].id < selectedTask) lo = mid + 1;
        else hi = mid;
      }
      let at = lo < n && tasks[lo].id === selectedTask ? lo : -1;
      for (let i = 0; at < 0 && i < n; i++) if (tasks[i].id === selectedTask) at = i;
      if (at >= 0) selectedLine = lines[at];
    }
    // `first` holds the lines in order of their first parked position, as Map keeps insertion.
    const parked = new Map<number, ParkedLine>();
    for (const [line, at] of first) {
      const names = at.map((i) => tasks[i].name);
      const task = line === selectedLine ? selectedTask : tasks[at[0]].id;
      parked.set(line, { names, count: this.#count.get(line)!, task });
    }
    return parked;
  }

  #lineAt(t: TaskView, lineCount: number, lineOf: (task: TaskView) => number): number {
    if (!isParked(t)) return 0;
    const line = lineOf(t);
    return line > 0 && line <= lineCount ? line : 0;
  }

  /** Position `i` is now parked on `line` (0: not parked). */
  #move(i: number, line: number): void {
    const was = i < this.#lines.length ? this.#lines[i] : 0;
    // A parked task's new view may carry a new name for the hover.
    if (was !== 0 || line !== 0) this.#touched = true;
    if (was === line) return;
    if (was !== 0) {
      const left = this.#count.get(was)! - 1;
      if (left === 0) this.#count.delete(was);
      else this.#count.set(was, left);
    }
    if (line !== 0) this.#count.set(line, (this.#count.get(line) ?? 0) + 1);
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
): {
  decorations: Decoration[];
  tasks: number[];
  current: CurrentLine | null;
  parked: ReadonlyMap<number, ParkedLine>;
  /** Lines whose gutter shows an error's "!" rather than the parked tasks' dot. */
  errorGutter: ReadonlySet<number>;
} {
  if (!state)
    return { decorations: [], tasks: [], current: null, parked: new Map(), errorGutter: new Set() };
  const out: Decoration[] = [];
  const tasks: number[] = [];
  const map = opts.mapLine;
  // A trace line's place in the editor, 0 when it has none (past the end, deleted since).
  const at = (line: number) => {
    const now = map && line > 0 ? map(line) : line;
    return now > 0 && now <= opts.lineCount ? now : 0;
  };

  const marked = new Map<number, { severity: Severity; texts: string[] }>();
  const addMark = (traceLine: number, severity: Severity, text: string) => {
    const line = at(traceLine);
    if (line === 0) return;
    const mark = marked.get(line);
    if (!mark) marked.set(line, { severity, texts: [text] });
    else {
      mark.texts.push(text);
      if (RANK[severity] > RANK[mark.severity]) mark.severity = severity;
    }
  };
  const t = opts.words ?? english;
  for (const w of state.warnings)
    addMark(w.line, warningSeverity(w.kind), warningText(w.message, t));
  for (const e of opts.errors ?? []) {
    if (e.step > state.step) continue;
    const head =
      e.taskName !== undefined && e.raised !== undefined
        ? t('editor.raised', '{{task}} raised {{error}}', { task: e.taskName, error: e.raised })
        : e.type;
    addMark(e.line, 'error', e.traceback ? `${head}\n\n\`\`\`\n${e.traceback}\n\`\`\`` : head);
  }
  // Suspended tasks, grouped by line so ten workers parked on one await make one readable mark.
  parkedIndex.update(state.tasks, opts.lineCount, parkedLineOf(opts));
  const parked = parkedIndex.grouping(opts.selectedTask);
  for (const [line, p] of parked) {
    tasks.push(p.task);
    // An error's red "!" wins the gutter over the dot: a deadlock is marked where its tasks wait.
    if (opts.parkedApart || marked.get(line)?.severity === 'error') continue;
    out.push({
      range: wholeLine(line),
      // No hoverMessage: its names and count would change the marks on most steps (parkedHover).
      options: { linesDecorationsClassName: parkedMarkClass(p) },
    });
  }

  if (opts.selectedTask >= 0) {
    const t = state.tasks.find((x) => x.id === opts.selectedTask);
    if (t) {
      tasks.push(t.id);
      const lines = new Set<number>();
      for (const f of t.chain) lines.add(at(f.line));
      lines.add(at(t.createdLine));
      if (state.currentTask === t.id) lines.add(at(state.currentLine));
      lines.delete(0);
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

  for (const [line, { severity, texts }] of marked) {
    const look = SEVERITY_MARKS[severity];
    out.push({
      range: wholeLine(line),
      options: {
        isWholeLine: true,
        className: look.line,
        linesDecorationsClassName:
          parked.has(line) && severity !== 'error' ? undefined : look.gutter,
        hoverMessage: { value: texts.join('\n\n') },
        overviewRuler: { color: look.ruler, position: 4 /* OverviewRulerLane.Right */ },
      },
    });
  }

  // Last, so the current line's tint draws above the others.
  const current = currentLineOf(state, at(state.currentLine), parked);
  if (current && current.task >= 0) tasks.push(current.task);
  if (current && !opts.currentApart) {
    out.push({
      range: wholeLine(current.line),
      options: {
        isWholeLine: true,
        className: `ls-current-line ls-cur-t${Math.max(-1, current.task)}`,
        linesDecorationsClassName: current.gutter ? 'ls-gut-current' : undefined,
        overviewRuler: { color: '#5eb3ff', position: 7 /* OverviewRulerLane.Full */ },
      },
    });
  }
  const errorGutter = new Set<number>();
  for (const [line, mark] of marked) if (mark.severity === 'error') errorGutter.add(line);
  return { decorations: out, tasks, current, parked, errorGutter };
}

/** The gutter dot's classes for the tasks parked on a line: its task's colour, and "many". */
export function parkedMarkClass(p: Pick<ParkedLine, 'count' | 'task'>): string {
  return `ls-gut-task ls-gut-t${p.task}${p.count > 1 ? ' ls-gut-many' : ''}`;
}

/** The current line at editor line `line` (0: none); the arrow only where no task is parked. */
function currentLineOf(
  state: TraceState,
  line: number,
  parked: ReadonlyMap<number, unknown>,
): CurrentLine | null {
  return line > 0 ? { line, task: state.currentTask, gutter: !parked.has(line) } : null;
}

/**
 * Everything but the current line that the decorations are made from, as a list to compare: equal
 * lists give equal decorations. Most line steps leave all of it as it was, and so skip building
 * the decorations (every parked task's line, the warnings, the errors, and comparing
 * the result with what is shown): a step then moves only the current line.
 *
 * Warnings and errors up to a step only grow with the step, so their counts stand for them
 * within one run; `errors` is one array per run (see DebuggerDecorations.update).
 */
function decorationInputs(
  state: TraceState,
  opts: DecorationOptions,
  parkedIndex: ParkedIndex,
): unknown[] {
  parkedIndex.update(state.tasks, opts.lineCount, parkedLineOf(opts));
  let shown = 0;
  for (const e of opts.errors ?? []) if (e.step <= state.step) shown++;
  const sel = opts.selectedTask;
  let selected: TaskView | undefined;
  if (sel >= 0) {
    // Task ids are mostly their places in the list; look there before searching.
    selected = state.tasks[sel]?.id === sel ? state.tasks[sel] : undefined;
    selected ??= state.tasks.find((t) => t.id === sel);
  }
  return [
    parkedIndex.version,
    sel,
    selected,
    // The selected task's lines include its current line while it runs.
    selected && selected.id === state.currentTask ? state.currentLine : 0,
    state.warnings.length,
    opts.errors,
    shown,
    opts.awaitLine,
    opts.lineCount,
    opts.mapLine,
    opts.currentApart,
    opts.parkedApart,
    // Drawn as a decoration, the current line is one of them.
    opts.currentApart ? 0 : state.currentLine,
    opts.currentApart ? 0 : state.currentTask,
    opts.words,
  ];
}

const sameInputs = (a: readonly unknown[] | null, b: readonly unknown[]) =>
  a !== null && a.length === b.length && a.every((x, i) => x === b[i]);

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
  /**
   * A line number was clicked: run to the next execution of the run's `line`, or the previous one
   * with Shift. `shown` is the number the editor shows for it (another one after edits that moved
   * the line since the run), for any notice.
   */
  onLineClick(line: number, direction: 'next' | 'prev', shown: number): void;
  /**
   * The run's lines moved or went in the editor (an edit), or the mapping ended (a new run, no
   * run, another text): `lines` maps them, null when every line is where the run had it.
   */
  onLinesChange?(lines: RunLines | null): void;
}

export interface DebuggerDecorations {
  /**
   * Show `state` (null clears every mark). Reveals the current line when it changed. Marks equal
   * to those shown are not set again. `awaitLine` and `words`: see DecorationOptions.
   *
   * `errors` stands for the run: pass the same array for every state of one run (it is compared
   * by identity). A new array is a new run, recorded from the editor's text as it is then; within
   * one run the marks follow the edits made since its first update (a line deleted since gets no
   * mark), and clicks on line numbers name the trace's lines.
   */
  update(
    state: TraceState | null,
    selectedTask: number,
    errors?: readonly ErrorMark[],
    awaitLine?: (task: TaskView) => number,
    words?: Translate,
  ): void;
  /**
   * Where a line of the shown run is in the editor now: moved by the edits since, 0 when deleted
   * (for revealing a trace line, e.g. a task card's "line 5").
   */
  editorLine(line: number): number;
  /** The shown run's line at an editor line: 0 on a line typed since (run to the caret's line). */
  traceLine(line: number): number;
  dispose(): void;
}

/** The debugger attached to each editor, for the line mapping of reveals and the caret. */
const attached = new WeakMap<Monaco.editor.ICodeEditor, DebuggerDecorations>();

/**
 * The line mapping of the debugger attached to `editor` (editorLine, traceLine), or null: a task
 * card's "line 5" is the run's line 5, which the edits since may have moved.
 */
export function debuggerLines(
  editor: Monaco.editor.ICodeEditor,
): Pick<DebuggerDecorations, 'editorLine' | 'traceLine'> | null {
  return attached.get(editor) ?? null;
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
  /** The trace line last current, to reveal it once per move (not on every edit). */
  let lastLine = 0;
  let shown: string | null = null;
  const parkedIndex = new ParkedIndex();
  // The current line drawn apart, so a step that only moves it leaves the decorations alone.
  const currentMark = attachCurrentLine(monaco, editor);

  /** The arguments of the last update, drawn again when an edit moves the lines. */
  let last: {
    state: TraceState | null;
    selectedTask: number;
    errors?: readonly ErrorMark[];
    awaitLine?: (task: TaskView) => number;
    words?: Translate;
  } | null = null;
  /** The shown run's lines through the edits since (null: no run shown), and its `errors`. */
  let lines: LineMap | null = null;
  let run: readonly ErrorMark[] | undefined;
  /** The mapping last handed to onLinesChange: its map and that map's version then. */
  let published: { map: LineMap; version: number } | null = null;
  const publish = () => {
    const map = lines?.edited ? lines : null;
    if (map === (published?.map ?? null) && (!map || map.version === published?.version)) return;
    published = map ? { map, version: map.version } : null;
    handlers.onLinesChange?.(map ? { version: map.version, lineOf: map.lineOf } : null);
  };
  /** `lines.lineOf` as a new function per version (unset while no line moved): see mapLine. */
  let mapLine: { version: number; fn: (line: number) => number } | null = null;
  /** What the decorations shown were made from, and the parked lines among them. */
  let inputs: unknown[] | null = null;
  let parked: ReadonlyMap<number, ParkedLine> = new Map();

  const styleTasks = (ids: number[]) => {
    // Colour rules only for the tasks a mark names (a few, not every task of the run).
    const fresh: number[] = [];
    for (const id of ids) {
      if (!styled.has(id)) {
        styled.add(id);
        fresh.push(id);
      }
    }
    if (fresh.length > 0) addStyles(fresh);
  };

  // Setting decorations makes Monaco deliver the content changes it holds back (those of one
  // typing operation arrive after it), and our listener then asks for a draw inside this one: it
  // is made once this one is done, from the map as it is then.
  let drawing = false;
  let again = false;
  const draw = () => {
    if (drawing) {
      again = true;
      return;
    }
    drawing = true;
    try {
      do {
        again = false;
        drawOnce();
      } while (again);
    } finally {
      drawing = false;
    }
  };

  /**
   * Whether a line is wholly in the editor's view. Asking Monaco to reveal a line already in view
   * moves nothing, but still makes it draw every visible line again in the next frame, and the
   * current line moves on most steps.
   */
  const inView = (line: number) => {
    const scroll = editor.getScrollTop();
    const layout = editor.getLayoutInfo();
    return (
      editor.getTopForLineNumber(line) >= scroll &&
      editor.getBottomForLineNumber(line) <=
        scroll + layout.height - layout.horizontalScrollbarHeight
    );
  };

  const drawOnce = () => {
    const model = editor.getModel();
    if (!model || !last) return;
    const { state, selectedTask, errors, awaitLine, words } = last;
    const apart = currentMark?.usable() ?? false;
    if (!lines?.edited) mapLine = null;
    else if (mapLine?.version !== lines.version) {
      const map = lines;
      mapLine = { version: map.version, fn: (line) => map.lineOf(line) };
    }
    const opts: DecorationOptions = {
      selectedTask,
      lineCount: model.getLineCount(),
      errors,
      awaitLine,
      currentApart: apart,
      parkedApart: apart,
      mapLine: mapLine?.fn,
      words,
    };
    let current: CurrentLine | null;
    const now = state ? decorationInputs(state, opts, parkedIndex) : null;
    if (state && now && sameInputs(inputs, now)) {
      // Only the current line can have changed.
      const line = opts.mapLine ? opts.mapLine(state.currentLine) : state.currentLine;
      current = currentLineOf(state, line <= opts.lineCount ? line : 0, parked);
      if (current && current.task >= 0) styleTasks([current.task]);
    } else {
      const built = buildMarks(state, opts, parkedIndex);
      styleTasks(built.tasks);
      current = built.current;
      parked = built.parked;
      inputs = now;
      // With the model's version: an edit moves the marks Monaco holds, so set them again then.
      const key = `${model.getVersionId()} ${decorationsKey(built.decorations)}`;
      if (key !== shown) {
        collection.set(built.decorations);
        shown = key;
      }
      const dots: GutterMark[] = [];
      if (apart)
        for (const [line, p] of parked)
          if (!built.errorGutter.has(line)) dots.push({ line, className: parkedMarkClass(p) });
      currentMark?.showGutter(dots);
    }
    currentMark?.show(apart ? current : null);
    const line = state?.currentLine ?? 0;
    if (current && line !== lastLine && !inView(current.line)) {
      editor.revealLineInCenterIfOutsideViewport(current.line, monaco.editor.ScrollType.Smooth);
    }
    lastLine = line;
  };

  const edits = [
    editor.onDidChangeModelContent((e) => {
      if (!lines || !last?.state) return;
      const model = editor.getModel();
      const version = lines.version;
      // The text right after this change, unless Monaco made more before telling of this one.
      const current = model?.getVersionId() === e.versionId;
      lines.apply(
        e.changes,
        current && model
          ? (line) => (line >= 1 && line <= model.getLineCount() ? model.getLineContent(line) : '')
          : undefined,
      );
      // Monaco moved its decorations; where no trace line moved, they are where the map puts
      // them. Else draw them again now, as the next step would.
      if (lines.version !== version) {
        draw();
        publish();
      } else currentMark?.show(currentMark.usable() ? currentOf() : null);
    }),
    editor.onDidChangeModel(() => {
      // Another text: the marks are set again, from the trace's lines as they are.
      lines = null;
      inputs = null;
      shown = null;
      publish();
    }),
  ];

  /** The current line as last drawn, for the current-line mark to be put back after an edit. */
  const currentOf = (): CurrentLine | null => {
    const state = last?.state;
    if (!state) return null;
    const line = mapLine ? mapLine.fn(state.currentLine) : state.currentLine;
    const count = editor.getModel()?.getLineCount() ?? 0;
    return line > 0 && line <= count ? currentLineOf(state, line, parked) : null;
  };

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

  const traceLine = (line: number) => (lines?.edited ? lines.traceLine(line) : line);

  const T = monaco.editor.MouseTargetType;
  // The parked tasks' hover, made from the marks shown when the pointer rests on their line.
  const hover = monaco.languages.registerHoverProvider('*', {
    provideHover(model, position) {
      if (model !== editor.getModel()) return null;
      const p = parked.get(position.lineNumber);
      if (!p) return null;
      const line = position.lineNumber;
      return {
        range: new monaco.Range(line, 1, line, model.getLineMaxColumn(line)),
        contents: [{ value: parkedHover(p, last?.words) }],
      };
    },
  });

  const mouse = editor.onMouseDown((e) => {
    const t = e.target.type;
    if (
      t !== T.GUTTER_LINE_NUMBERS &&
      t !== T.GUTTER_LINE_DECORATIONS &&
      t !== T.GUTTER_GLYPH_MARGIN
    ) {
      return;
    }
    const at = e.target.position?.lineNumber;
    // The trace's line there: none on a line typed since the run.
    const line = at ? traceLine(at) : 0;
    if (line && at) handlers.onLineClick(line, e.event.shiftKey ? 'prev' : 'next', at);
  });

  const self: DebuggerDecorations = {
    update(state, selectedTask, errors, awaitLine, words) {
      const model = editor.getModel();
      if (!model) return;
      selectOnLineNumbers(state === null);
      if (!state) lines = null;
      else if (!lines || errors !== run) lines = new LineMap(model.getLineCount());
      run = errors;
      last = { state, selectedTask, errors, awaitLine, words };
      draw();
      publish();
    },
    editorLine: (line) => (lines?.edited ? lines.lineOf(line) : line),
    traceLine,
    dispose() {
      shown = null;
      last = null;
      lines = null;
      publish();
      selectOnLineNumbers(true);
      mouse.dispose();
      hover.dispose();
      for (const d of edits) d.dispose();
      currentMark?.dispose();
      collection.clear();
      style.remove();
      if (attached.get(editor) === self) attached.delete(editor);
    },
  };
  attached.set(editor, self);
  return self;
}
