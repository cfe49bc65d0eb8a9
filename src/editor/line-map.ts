/**
 * Where the lines of the program a trace was recorded from stand in the editor's text after the
 * edits made since. A trace names lines of its own program; once the person edits the code (the
 * trace is stale), its line 13 may be the editor's line 15, or gone. The debugger's marks map
 * every trace line through this before drawing, so they lie over the text they belong to until
 * the next run.
 *
 * A line goes where its text goes: edits above it move it down or up; a line wholly inside a
 * deleted range is gone (0); a line split by an inserted line break goes with its text, not with
 * the blank indentation left before the break; a line whose end was joined onto the line above
 * (Backspace at its start) goes to that line.
 */

/**
 * The shown run's lines as the editor numbers them now, handed to the panels (task cards, loop,
 * futures, the explanation) so the numbers they show are the editor's until the next run. A new
 * object whenever a line moves or goes; null (where one is expected) while none has.
 */
export interface RunLines {
  /** The line map's version it was taken at (LineMap.version). */
  readonly version: number;
  /** Where the run's `line` is in the editor now: 0 when it was deleted since. */
  lineOf(line: number): number;
}

/** A Monaco content change: `range` (in the text before it) replaced by `text`. */
export interface LineChange {
  range: {
    startLineNumber: number;
    startColumn: number;
    endLineNumber: number;
    endColumn: number;
  };
  text: string;
}

/** Line breaks in `text`, and the length of its last line. */
function shape(text: string): { breaks: number; lastLength: number } {
  let breaks = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    breaks++;
    last = i;
  }
  return { breaks, lastLength: text.length - last - 1 };
}

const blank = (s: string) => s.trim() === '';

/**
 * Where a line at `at` stands after one change; 0 when the change deleted it. `after` reads a line
 * of the text after the change, to tell whether the part of a split line left on either side of
 * the change holds any of its text. Without it, a start line keeps its text when the change starts
 * past its first column, and an end line's tail is taken to hold text.
 */
export function moveLine(at: number, change: LineChange, after?: (line: number) => string): number {
  const { startLineNumber: sL, startColumn: sC, endLineNumber: eL } = change.range;
  if (at < sL) return at;
  const { breaks, lastLength } = shape(change.text);
  const delta = breaks - (eL - sL);
  if (at > eL) return at + delta;
  if (at > sL && at < eL) return 0;
  // The part of the start line before the change stays at sL.
  const headHasText = () => (after ? !blank(after(sL).slice(0, sC - 1)) : sC > 1);
  // The part of the end line after the change follows the inserted text's last line.
  const tailLine = sL + breaks;
  const tailHasText = () => {
    if (!after) return true;
    const from = breaks > 0 ? lastLength : sC - 1 + change.text.length;
    return !blank(after(tailLine).slice(from));
  };
  if (sL === eL) {
    // A change within the line: it stays, unless a line break came in before all of its text.
    if (breaks === 0 || headHasText()) return at;
    return tailLine;
  }
  if (at === sL) return headHasText() ? at : 0;
  // The end line of a range spanning lines: its tail is joined where the inserted text ends.
  return tailHasText() ? tailLine : 0;
}

/** The lines of one program (numbered from 1) through the edits made since it was recorded. */
export class LineMap {
  /** Where each line is now (0: deleted), or null while nothing has been edited. */
  #at: Int32Array | null = null;
  #version = 0;

  /** `size`: lines in the program the trace was recorded from. */
  constructor(readonly size: number) {}

  /** Whether any line has moved or gone (else `lineOf` is the identity). */
  get edited(): boolean {
    return this.#at !== null;
  }

  /** Changes whenever a line moves or goes, so a caller can tell its last lookups still hold. */
  get version(): number {
    return this.#version;
  }

  /**
   * Takes an edit: `changes` in Monaco's order (last in the document first, each range in the
   * text before the edit), `after` reading the text after it (see moveLine). It is used only for
   * a lone change: with several, a line read afterwards may hold another change's text too.
   */
  apply(changes: readonly LineChange[], after?: (line: number) => string): void {
    if (changes.length === 0) return;
    let at = this.#at;
    if (!at) {
      at = new Int32Array(this.size + 1);
      for (let i = 1; i <= this.size; i++) at[i] = i;
    }
    const read = changes.length === 1 ? after : undefined;
    let moved = false;
    for (let i = 1; i <= this.size; i++) {
      let line = at[i];
      for (let c = 0; line > 0 && c < changes.length; c++) line = moveLine(line, changes[c], read);
      if (line !== at[i]) {
        at[i] = line;
        moved = true;
      }
    }
    // An edit that moved no line (typing within one) leaves the map the identity.
    if (moved) {
      this.#at = at;
      this.#version++;
    }
  }

  /** Where the program's `line` is now: 0 when it was deleted or is not one of its lines. */
  lineOf = (line: number): number => {
    if (line < 1 || line > this.size) return 0;
    return this.#at ? this.#at[line] : line;
  };

  /** The program's line now at `line` of the editor, 0 for a line typed since. */
  traceLine(line: number): number {
    const at = this.#at;
    if (!at) return line >= 1 && line <= this.size ? line : 0;
    for (let i = 1; i <= this.size; i++) if (at[i] === line) return i;
    return 0;
  }
}
