/**
 * The first-stage editor: a real, editable code editor that is ready as soon as the page has
 * rendered, while Monaco (a few megabytes to fetch, parse and run) is still loading. It is a
 * native <textarea> laid over a coloured copy of the text, so typing, selection, the clipboard and
 * IME input are the browser's own; on top of that it adds what editing Python needs: Tab and
 * Shift+Tab indent, Enter keeps the indentation (and indents after a colon), Ctrl/Cmd+Enter runs,
 * Python colours (python-tokens.ts), line numbers and line highlights.
 *
 * Undo and redo are its own (lite-history.ts), not the textarea's: the browser's undo stack
 * cannot be read, and Monaco must be able to undo what was typed here after it takes over. Edits
 * still go through `document.execCommand('insertText')` where the browser has it, because that
 * keeps the caret, scrolling and `input` events exactly as typing does; `setRangeText` is the
 * fallback.
 *
 * When Monaco is ready, LazyCodeEditor.tsx reads `viewState()` (cursor, selection, scroll, focus
 * and the undo history) and gives it to Monaco, which takes over the same text. Layout constants
 * match Monaco's (CodeEditor.tsx options): 14px font, 19px lines, 12px top padding.
 */
import {
  UndoHistory,
  diffText,
  type EditKind,
  type TextSelection,
  type UndoHistorySnapshot,
} from './lite-history';
import { bracketLevels, tokenizeLine, type LineState, type Token } from './python-tokens';
import { focusBeyond, tabEscape } from './tab-escape';

/** What Monaco needs to continue where the first-stage editor was. Offsets are UTF-16 indices. */
export interface EditorViewState {
  /** Where the selection started (stays put while extending). */
  anchor: number;
  /** Where the cursor is. */
  head: number;
  scrollTop: number;
  scrollLeft: number;
  /** The cursor's line was in view: the next editor keeps it in view (its height may differ). */
  headInView: boolean;
  focused: boolean;
  /** The undo history, for the next editor to undo and redo through. */
  history: UndoHistorySnapshot;
}

export interface LiteEditorOptions {
  value: string;
  ariaLabel: string;
  readOnly?: boolean;
  onChange(value: string): void;
  /** Ctrl/Cmd+Enter. */
  onRun(): void;
}

export interface LiteLineHighlight {
  line: number;
  kind: string;
}

/** Spaces per indent level, as Monaco's `tabSize` in CodeEditor.tsx. */
const INDENT = 4;
/** Above this, colouring every keystroke would cost more than it is worth: plain text. */
const MAX_COLOURED_CHARS = 200_000;

function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** A bracket; global, and used from one place at a time (its `lastIndex` is reset each use). */
const BRACKET = /[()[\]{}]/g;

/**
 * The program as HTML, one token class per coloured span. Brackets outside strings and comments
 * get their own spans, coloured by nesting level (or as unmatched), as Monaco's bracket pair
 * colouring does, so they too keep their colour when Monaco takes over.
 */
export function highlightPython(text: string): string {
  if (text.length > MAX_COLOURED_CHARS) return escapeHtml(text);
  let state: LineState = '';
  const lines = text.split('\n');
  const tokens: Token[][] = [];
  let brackets = '';
  const collect = (line: string, from: number, to: number) => {
    BRACKET.lastIndex = from;
    for (let m = BRACKET.exec(line); m && m.index < to; m = BRACKET.exec(line)) brackets += m[0];
  };
  for (const line of lines) {
    const r = tokenizeLine(line, state);
    state = r.state;
    tokens.push(r.tokens);
    let at = 0;
    for (const t of r.tokens) {
      if (t.kind === 'string' || t.kind === 'comment') {
        collect(line, at, t.start);
        at = t.end;
      }
    }
    collect(line, at, line.length);
  }
  const levels = bracketLevels(brackets);
  let b = 0;
  const wrap = (piece: string, cls: string | null) =>
    cls ? `<span class="${cls}">${escapeHtml(piece)}</span>` : escapeHtml(piece);
  /** `piece` of code outside strings and comments, with its brackets in their own spans. */
  const withBrackets = (piece: string, cls: string | null): string => {
    let html = '';
    let at = 0;
    BRACKET.lastIndex = 0;
    for (let m = BRACKET.exec(piece); m; m = BRACKET.exec(piece)) {
      if (m.index > at) html += wrap(piece.slice(at, m.index), cls);
      const level = levels[b++];
      html += `<span class="${level < 0 ? 'ls-br-bad' : `ls-br-${level % 3}`}">${m[0]}</span>`;
      at = m.index + 1;
    }
    return at < piece.length ? html + wrap(piece.slice(at), cls) : html;
  };
  const out: string[] = [];
  lines.forEach((line, n) => {
    let html = '';
    let at = 0;
    for (const t of tokens[n]) {
      if (t.start > at) html += withBrackets(line.slice(at, t.start), null);
      const piece = line.slice(t.start, t.end);
      // Only delimiters hold brackets (strings' and comments' are not coloured as brackets).
      html +=
        t.kind === 'delimiter'
          ? withBrackets(piece, 'ls-tok-delimiter')
          : wrap(piece, `ls-tok-${t.kind}`);
      at = t.end;
    }
    out.push(at < line.length ? html + withBrackets(line.slice(at), null) : html);
  });
  return out.join('\n');
}

/** How a native edit is grouped into undo steps, from its `InputEvent.inputType`. */
function editKind(e: InputEvent): EditKind {
  switch (e.inputType) {
    case 'insertText':
      return e.data === ' ' ? 'space' : 'type';
    case 'insertCompositionText':
      return 'type';
    case 'insertLineBreak':
      return 'enter';
    case 'deleteContentBackward':
      return 'deleteLeft';
    case 'deleteContentForward':
      return 'deleteRight';
    default:
      return 'other';
  }
}

/** The start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export class LiteEditor {
  readonly element: HTMLDivElement;
  readonly input: HTMLTextAreaElement;
  private readonly code: HTMLPreElement;
  private readonly layer: HTMLDivElement;
  /** Line highlights, full width, under the text; moved with the vertical scroll. */
  private readonly marks: HTMLDivElement;
  private readonly gutter: HTMLDivElement;
  private lineCount = 0;
  private opts: LiteEditorOptions;
  private readonly cleanup: (() => void)[] = [];
  private readonly history: UndoHistory;
  /** The selection just before the edit in progress (from `beforeinput`, or set by `insert`). */
  private pendingBefore: TextSelection | null = null;
  /** The kind of the edit `insert` is making; null for the browser's own edits. */
  private pendingKind: EditKind | null = null;
  /** An IME composition is in progress: all its updates are one edit. */
  private composing = false;
  /** The composition in progress has recorded its first update. */
  private composed = false;
  /** The selection the last recorded edit left. */
  private lastAfter: TextSelection = { anchor: 0, head: 0 };
  /** Undo or redo is writing the text: not an edit to record. */
  private restoring = false;
  /** Escape then Tab leaves the editor (Tab alone indents). */
  private readonly tabEscape = tabEscape();

  constructor(host: HTMLElement, opts: LiteEditorOptions) {
    this.opts = opts;
    const doc = host.ownerDocument;
    this.element = doc.createElement('div');
    this.element.className = 'ls-lite';
    this.gutter = doc.createElement('div');
    this.gutter.className = 'ls-lite-gutter';
    this.gutter.setAttribute('aria-hidden', 'true');
    const body = doc.createElement('div');
    body.className = 'ls-lite-body';
    this.layer = doc.createElement('div');
    this.layer.className = 'ls-lite-layer';
    this.layer.setAttribute('aria-hidden', 'true');
    const clip = doc.createElement('div');
    clip.className = 'ls-lite-marks';
    clip.setAttribute('aria-hidden', 'true');
    this.marks = doc.createElement('div');
    clip.append(this.marks);
    this.code = doc.createElement('pre');
    this.code.className = 'ls-lite-code';
    this.layer.append(this.code);
    this.input = doc.createElement('textarea');
    this.input.className = 'ls-lite-input';
    this.input.wrap = 'off';
    this.input.spellcheck = false;
    for (const [k, v] of [
      ['autocapitalize', 'off'],
      ['autocomplete', 'off'],
      ['autocorrect', 'off'],
      ['aria-multiline', 'true'],
    ]) {
      this.input.setAttribute(k, v);
    }
    this.input.setAttribute('aria-label', opts.ariaLabel);
    this.input.readOnly = opts.readOnly ?? false;
    this.input.value = opts.value;
    // A textarea given a value has its caret at the end; Monaco opens with it on the first line,
    // and the hand-over keeps the caret in view (a short editor scrolled to the last line).
    this.input.setSelectionRange(0, 0);
    this.history = new UndoHistory(opts.value);
    body.append(clip, this.layer, this.input);
    this.element.append(this.gutter, body);
    host.append(this.element);
    // Not scrolled yet: reading the scroll position here would force a layout of the whole page
    // in the middle of React's commit.
    this.render(false);

    this.listen('beforeinput', (e) => this.onBeforeInput(e as InputEvent));
    this.listen('input', (e) => {
      this.recordEdit(e);
      this.render();
      this.opts.onChange(this.input.value);
    });
    this.listen('compositionstart', () => {
      this.composing = true;
      this.composed = false;
    });
    this.listen('compositionend', () => (this.composing = false));
    this.listen('scroll', () => this.syncScroll());
    this.listen('keydown', (e) => this.onKeyDown(e as KeyboardEvent));
    this.listen('paste', (e) => this.onPaste(e as ClipboardEvent));
  }

  private listen(type: string, fn: (e: Event) => void): void {
    this.input.addEventListener(type, fn);
    this.cleanup.push(() => this.input.removeEventListener(type, fn));
  }

  /** Changes options after creation (the accessible name follows the language; read-only). */
  update(opts: Partial<LiteEditorOptions>): void {
    this.opts = { ...this.opts, ...opts };
    if (opts.ariaLabel !== undefined) this.input.setAttribute('aria-label', opts.ariaLabel);
    if (opts.readOnly !== undefined) this.input.readOnly = opts.readOnly;
  }

  get value(): string {
    return this.input.value;
  }

  /** Replaces the whole text from outside (a loaded example); like Monaco's setValue. */
  setValue(value: string): void {
    if (value === this.input.value) return;
    this.input.value = value;
    this.input.setSelectionRange(0, 0);
    this.history.reset(value);
    this.render();
  }

  setLineHighlights(lines: LiteLineHighlight[]): void {
    this.marks.replaceChildren(
      ...lines.map((h) => {
        const row = this.element.ownerDocument.createElement('div');
        row.className = `ls-lite-mark ls-line-${h.kind}`;
        row.style.top = `calc(var(--ls-lite-pad) + ${h.line - 1} * var(--ls-lite-line))`;
        return row;
      }),
    );
  }

  viewState(): EditorViewState {
    const { selectionStart, selectionEnd, selectionDirection } = this.input;
    const backward = selectionDirection === 'backward';
    const head = backward ? selectionStart : selectionEnd;
    const { scrollTop, scrollLeft, clientHeight, value } = this.input;
    const style = getComputedStyle(this.element);
    const lineHeight = parseFloat(style.getPropertyValue('--ls-lite-line')) || 19;
    const pad = parseFloat(style.getPropertyValue('--ls-lite-pad')) || 0;
    let line = 0;
    for (let i = value.indexOf('\n'); i >= 0 && i < head; i = value.indexOf('\n', i + 1)) line++;
    const top = pad + line * lineHeight;
    return {
      anchor: backward ? selectionEnd : selectionStart,
      head,
      scrollTop,
      scrollLeft,
      headInView: top + lineHeight > scrollTop && top < scrollTop + clientHeight,
      focused: this.element.ownerDocument.activeElement === this.input,
      history: this.history.snapshot(),
    };
  }

  dispose(): void {
    for (const fn of this.cleanup) fn();
    this.cleanup.length = 0;
    this.element.remove();
  }

  private render(syncScroll = true): void {
    const text = this.input.value;
    // A trailing newline would otherwise leave the last (empty) line without height.
    this.code.innerHTML = `${highlightPython(text)}\n`;
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    if (lines !== this.lineCount) {
      this.lineCount = lines;
      let numbers = '';
      for (let n = 1; n <= lines; n++) numbers += `<div>${n}</div>`;
      this.gutter.innerHTML = `<div class="ls-lite-numbers">${numbers}</div>`;
    }
    if (syncScroll) this.syncScroll();
  }

  private syncScroll(): void {
    const { scrollTop, scrollLeft } = this.input;
    this.layer.style.transform = `translate(${-scrollLeft}px, ${-scrollTop}px)`;
    this.marks.style.transform = `translateY(${-scrollTop}px)`;
    const numbers = this.gutter.firstElementChild as HTMLElement | null;
    if (numbers) numbers.style.transform = `translateY(${-scrollTop}px)`;
  }

  private selection(): TextSelection {
    const { selectionStart, selectionEnd, selectionDirection } = this.input;
    return selectionDirection === 'backward'
      ? { anchor: selectionEnd, head: selectionStart }
      : { anchor: selectionStart, head: selectionEnd };
  }

  private select(s: TextSelection): void {
    const backward = s.head < s.anchor;
    this.input.setSelectionRange(
      Math.min(s.anchor, s.head),
      Math.max(s.anchor, s.head),
      backward ? 'backward' : 'forward',
    );
  }

  private onBeforeInput(e: InputEvent): void {
    if (e.inputType === 'historyUndo' || e.inputType === 'historyRedo') {
      // The browser's menu: its own stack is not the one that counts.
      e.preventDefault();
      this.undoRedo(e.inputType === 'historyUndo' ? 'undo' : 'redo');
      return;
    }
    this.pendingBefore = this.selection();
  }

  private recordEdit(e: Event): void {
    if (this.restoring) {
      this.pendingBefore = null;
      return;
    }
    const after = this.selection();
    if (this.composing && this.composed) {
      // A composition's later updates rewrite what its first one inserted: the same step.
      this.history.record(this.input.value, 'type', this.lastAfter, after);
    } else {
      const kind = this.pendingKind ?? (e instanceof InputEvent ? editKind(e) : 'other');
      this.history.record(this.input.value, kind, this.pendingBefore, after);
      this.composed = this.composing;
    }
    this.lastAfter = after;
    this.pendingBefore = null;
  }

  /**
   * Inserts at the selection as typing would, firing `input`. `kind` groups it for undo, and
   * `before` is the selection undo puts back (the person's, if the caller selected something else).
   */
  private insert(text: string, kind: EditKind = 'other', before = this.selection()): void {
    const doc = this.element.ownerDocument;
    if (doc.activeElement !== this.input) this.input.focus();
    // execCommand fires no `beforeinput`; the selection before this edit is known here.
    this.pendingBefore = before;
    this.pendingKind = kind;
    try {
      if (!this.execInsert(text)) {
        this.input.setRangeText(text, this.input.selectionStart, this.input.selectionEnd, 'end');
        this.input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    } finally {
      this.pendingKind = null;
    }
  }

  /** Ctrl/Cmd+Z and redo: puts back the text and selection of the step, as the change it is. */
  private undoRedo(which: 'undo' | 'redo'): void {
    if (this.input.readOnly) return;
    const to = which === 'undo' ? this.history.undo() : this.history.redo();
    if (!to) return;
    // Replacing only the changed range keeps the scroll, and the browser brings the change into
    // view as it does for typing.
    const change = diffText(this.input.value, to.text);
    this.restoring = true;
    try {
      this.input.setSelectionRange(change.start, change.end);
      this.insert(change.text);
    } finally {
      this.restoring = false;
    }
    this.select(to.selection);
  }

  /** The browser's own insertion, with typing's caret and scrolling; false where missing. */
  private execInsert(text: string): boolean {
    const doc = this.element.ownerDocument;
    try {
      return typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
    } catch {
      return false;
    }
  }

  private onPaste(e: ClipboardEvent): void {
    if (this.input.readOnly) return;
    const text = e.clipboardData?.getData('text/plain');
    if (text === undefined) return;
    // Inserted by hand so a paste is one undo step and a scripted paste works like a real one.
    e.preventDefault();
    this.insert(text.replace(/\r\n?/g, '\n'));
  }

  private onKeyDown(e: KeyboardEvent): void {
    const leave = this.tabEscape(e);
    if (leave) {
      e.preventDefault();
      focusBeyond(this.element, leave);
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.opts.onRun();
      return;
    }
    const key = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.isComposing && (key === 'z' || key === 'y')) {
      // Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo (Cmd+Shift+Z on a Mac), as in Monaco.
      e.preventDefault();
      this.undoRedo(key === 'z' && !e.shiftKey ? 'undo' : 'redo');
      return;
    }
    if (this.input.readOnly || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Tab') {
      e.preventDefault();
      this.indent(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      this.newline();
    }
  }

  /** Enter: the new line starts at the current line's indentation, one deeper after a colon. */
  private newline(): void {
    const text = this.input.value;
    const at = this.input.selectionStart;
    const start = lineStart(text, at);
    const before = text.slice(start, at);
    let indent = /^[ \t]*/.exec(before)![0];
    if (/:\s*(#.*)?$/.test(before)) indent += ' '.repeat(INDENT);
    this.insert(`\n${indent}`, 'enter');
  }

  /**
   * Tab with the cursor on one line inserts spaces to the next indent stop; with lines selected,
   * or with Shift, it indents or dedents every selected line and keeps them selected.
   */
  private indent(direction: 1 | -1): void {
    const text = this.input.value;
    const { selectionStart: from, selectionEnd: to } = this.input;
    const multiLine = text.slice(from, to).includes('\n');
    if (direction === 1 && !multiLine) {
      const column = from - lineStart(text, from);
      this.insert(' '.repeat(INDENT - (column % INDENT)));
      return;
    }
    const start = lineStart(text, from);
    // A selection ending at a line's start does not include that line (as in Monaco).
    const lastLineEnd = to > from && text[to - 1] === '\n' ? to - 1 : to;
    const endNl = text.indexOf('\n', lastLineEnd);
    const end = endNl < 0 ? text.length : endNl;
    const lines = text.slice(start, end).split('\n');
    let firstDelta = 0;
    const changed = lines.map((line, i) => {
      if (direction === 1) {
        if (i === 0) firstDelta = INDENT;
        return line.length ? ' '.repeat(INDENT) + line : line;
      }
      const remove = Math.min(INDENT, /^ */.exec(line)![0].length);
      if (i === 0) firstDelta = -remove;
      return line.slice(remove);
    });
    const replacement = changed.join('\n');
    if (replacement === text.slice(start, end)) return;
    const before = this.selection();
    this.input.setSelectionRange(start, end);
    this.insert(replacement, 'other', before);
    if (multiLine) {
      this.input.setSelectionRange(start, start + replacement.length);
    } else {
      this.input.setSelectionRange(
        Math.max(start, from + firstDelta),
        Math.max(start, to + firstDelta),
      );
    }
  }
}
