/**
 * The first-stage editor: a real, editable code editor that is ready as soon as the page has
 * rendered, while Monaco (a few megabytes to fetch, parse and run) is still loading. It is a
 * native <textarea> laid over a coloured copy of the text, so typing, selection, the clipboard,
 * IME input and undo/redo are the browser's own; on top of that it adds what editing Python
 * needs: Tab and Shift+Tab indent, Enter keeps the indentation (and indents after a colon),
 * Ctrl/Cmd+Enter runs, Python colours (python-tokens.ts), line numbers and line highlights.
 *
 * Edits go through `document.execCommand('insertText')` where the browser has it, because that is
 * what keeps them on the textarea's native undo stack; `setRangeText` is the fallback.
 *
 * When Monaco is ready, LazyCodeEditor.tsx reads `viewState()` (cursor, selection, scroll, focus)
 * and gives it to Monaco, which takes over the same text. Layout constants match Monaco's
 * (CodeEditor.tsx options): 14px font, 19px lines, 12px top padding.
 */
import { tokenizeLine, type LineState } from './python-tokens';

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

/** The program as HTML, one token class per coloured span. */
export function highlightPython(text: string): string {
  if (text.length > MAX_COLOURED_CHARS) return escapeHtml(text);
  let state: LineState = '';
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const r = tokenizeLine(line, state);
    state = r.state;
    let html = '';
    let at = 0;
    for (const t of r.tokens) {
      html += escapeHtml(line.slice(at, t.start));
      html += `<span class="ls-tok-${t.kind}">${escapeHtml(line.slice(t.start, t.end))}</span>`;
      at = t.end;
    }
    out.push(html + escapeHtml(line.slice(at)));
  }
  return out.join('\n');
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
    body.append(clip, this.layer, this.input);
    this.element.append(this.gutter, body);
    host.append(this.element);
    // Not scrolled yet: reading the scroll position here would force a layout of the whole page
    // in the middle of React's commit.
    this.render(false);

    this.listen('input', () => {
      this.render();
      this.opts.onChange(this.input.value);
    });
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

  /** Inserts at the selection as typing would: on the undo stack, firing `input`. */
  private insert(text: string): void {
    const doc = this.element.ownerDocument;
    if (doc.activeElement !== this.input) this.input.focus();
    if (!this.execInsert(text)) {
      this.input.setRangeText(text, this.input.selectionStart, this.input.selectionEnd, 'end');
      this.input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }

  /** The browser's own insertion, which the native undo stack records; false where missing. */
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
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.opts.onRun();
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
    this.insert(`\n${indent}`);
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
    this.input.setSelectionRange(start, end);
    this.insert(replacement);
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
