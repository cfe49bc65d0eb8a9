/**
 * The first-stage editor's undo history (lite-editor.ts), kept as snapshots of text and selection
 * so that Monaco can be given the same history when it takes over (CodeEditor.tsx replays it with
 * `pushEditOperations`). The browser's own textarea undo cannot be read, so the first-stage editor
 * keeps this one instead and answers Ctrl/Cmd+Z itself.
 *
 * Edits are grouped into undo steps the way Monaco groups typing (its cursorTypeEditOperations):
 * characters typed one after another are one step, a space after a word starts a new step that
 * the next word joins ("abc| def"), Enter starts a step that the next line's typing joins,
 * deleting backward and forward are steps of their own, and anything else (paste, cut, Tab,
 * indenting lines, drag and drop) is a step by itself. Moving the cursor, or undoing, ends a step.
 * Pure TypeScript, no DOM: tested on its own.
 */

/** A selection as UTF-16 offsets: `anchor` stays put while extending, `head` is the cursor. */
export interface TextSelection {
  anchor: number;
  head: number;
}

/**
 * What an edit was, for grouping. 'space' is one typed space, 'enter' a typed line break; 'other'
 * is anything that is never grouped with its neighbours.
 */
export type EditKind = 'type' | 'space' | 'enter' | 'deleteLeft' | 'deleteRight' | 'other';

/** One undo step: the text after it, and the selection before and after it. */
export interface UndoStep {
  text: string;
  before: TextSelection;
  after: TextSelection;
}

/** The history as Monaco needs it: where it starts, the steps, and how many are applied. */
export interface UndoHistorySnapshot {
  /** The text before the first step. */
  base: string;
  steps: readonly UndoStep[];
  /** Steps applied now; the ones after it can be redone. */
  index: number;
}

/** The replacement that turns `from` into `to`: one range, what is left over at both ends kept. */
export interface TextChange {
  start: number;
  /** End in `from`. */
  end: number;
  text: string;
}

/** The smallest single-range change from `from` to `to` (common prefix and suffix kept). */
export function diffText(from: string, to: string): TextChange {
  const max = Math.min(from.length, to.length);
  let start = 0;
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let tail = 0;
  while (
    tail < max - start &&
    from.charCodeAt(from.length - 1 - tail) === to.charCodeAt(to.length - 1 - tail)
  ) {
    tail++;
  }
  // Never split a surrogate pair: the edit would carry half a character at either end.
  if (start > 0 && isHighSurrogate(from.charCodeAt(start - 1))) start--;
  if (tail > 0 && isLowSurrogate(from.charCodeAt(from.length - tail))) tail--;
  return { start, end: from.length - tail, text: to.slice(start, to.length - tail) };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function sameSelection(a: TextSelection, b: TextSelection): boolean {
  return a.anchor === b.anchor && a.head === b.head;
}

/**
 * Whether an edit of kind `next` joins the open step whose edits so far were `prev` (Monaco's
 * rule: typing joins typing; one space joins the word it follows only as the start of the next
 * word; Enter starts a step that typing then joins).
 */
function joins(prev: EditKind, next: EditKind, spaces: number): boolean {
  switch (next) {
    case 'type':
      // "abc d": the space opened a step that "d" joins; "abc  d": two spaces are their own step.
      return prev === 'type' || prev === 'enter' || (prev === 'space' && spaces === 1);
    case 'space':
      return prev === 'space';
    case 'deleteLeft':
    case 'deleteRight':
      return prev === next;
    default:
      return false;
  }
}

/**
 * The most steps, and text characters over all steps, kept: far more than a first stage lasting a
 * second or two ever makes, but a bound (each step holds a whole text) if Monaco never arrives.
 */
const MAX_STEPS = 500;
const MAX_CHARS = 4_000_000;

export class UndoHistory {
  private base: string;
  private steps: UndoStep[] = [];
  private index = 0;
  /** The open step's kind (what the next edit may join), or null when the last step is closed. */
  private openKind: EditKind | null = null;
  /** Spaces typed in a row at the end of the open step. */
  private spaces = 0;

  constructor(text: string) {
    this.base = text;
  }

  /** The text now, as the history knows it. */
  get text(): string {
    return this.index > 0 ? this.steps[this.index - 1].text : this.base;
  }

  /** Starts over from `text` (the whole text replaced from outside), like Monaco's setValue. */
  reset(text: string): void {
    this.base = text;
    this.steps = [];
    this.index = 0;
    this.openKind = null;
  }

  /**
   * Records an edit that turned the text into `text`. `before` is the selection just before it
   * (null if unknown, which starts a new step) and `after` the selection it left.
   */
  record(text: string, kind: EditKind, before: TextSelection | null, after: TextSelection): void {
    if (text === this.text) return;
    const last = this.index > 0 ? this.steps[this.index - 1] : null;
    const joinsLast =
      last !== null &&
      this.index === this.steps.length &&
      this.openKind !== null &&
      before !== null &&
      sameSelection(before, last.after) &&
      joins(this.openKind, kind, this.spaces);
    this.spaces = kind === 'space' ? (joinsLast ? this.spaces + 1 : 1) : 0;
    if (joinsLast) {
      last.text = text;
      last.after = after;
    } else {
      this.steps.length = this.index;
      this.steps.push({ text, before: before ?? after, after });
      this.trim();
      this.index = this.steps.length;
    }
    // A step of 'other' takes nothing more; after a typed space the step is now a space step.
    this.openKind = kind === 'other' ? null : kind;
  }

  /** Forgets the oldest steps beyond the bounds; the newest step always stays. */
  private trim(): void {
    let chars = this.steps.reduce((n, s) => n + s.text.length, 0);
    while (this.steps.length > 1 && (this.steps.length > MAX_STEPS || chars > MAX_CHARS)) {
      const oldest = this.steps.shift()!;
      chars -= oldest.text.length;
      this.base = oldest.text;
    }
  }

  /** Steps one back: the text and selection to show, or null at the start. */
  undo(): { text: string; selection: TextSelection } | null {
    if (this.index === 0) return null;
    const step = this.steps[--this.index];
    this.openKind = null;
    return { text: this.text, selection: step.before };
  }

  /** Steps one forward again: the text and selection to show, or null at the end. */
  redo(): { text: string; selection: TextSelection } | null {
    if (this.index === this.steps.length) return null;
    const step = this.steps[this.index++];
    this.openKind = null;
    return { text: step.text, selection: step.after };
  }

  /** A copy for the next editor: later edits here do not change it. */
  snapshot(): UndoHistorySnapshot {
    return {
      base: this.base,
      steps: this.steps.map((s) => ({ ...s, before: { ...s.before }, after: { ...s.after } })),
      index: this.index,
    };
  }
}
