/**
 * The running task's current line in the code editor, a tint across the line and an arrow in the
 * gutter, and the gutter dots of the parked tasks: drawn by the debugger in elements of its own
 * rather than as Monaco decorations.
 *
 * Why not decorations: the current line moves on nearly every step, and the parked dots change
 * whenever a task parks on a new line or another task becomes a line's first (and on every long
 * jump: the scrubber, Home, End, run to the next timer). Any change to an editor's decorations
 * makes Monaco work out every visible line again (its view lines, the line overlays and the
 * margin): 2.5 to 3.5 ms of a step's frame mid-run on the bench trace, and a second style and
 * layout pass. Moving or restyling a few absolutely placed elements costs a style change each.
 *
 * Where they go: the tint is the first child of Monaco's `.lines-content` (so it paints beneath
 * the line overlays, the selection and the text), the arrow and the dots children of `.margin`,
 * in the line-decorations column. Monaco scrolls both containers by moving them, so a line's
 * offset from the top of the document (`getTopForLineNumber`) places the marks, and scrolling
 * needs nothing. Past 500,000 px of document Monaco shifts the lines inside these containers
 * (`bigNumbersDelta`); `usable()` is false then, and the caller falls back to decorations.
 *
 * Between steps the marks follow edits above them, as decorations would.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

/** The current line as the debugger shows it. */
export interface CurrentLine {
  line: number;
  /** The running task (its colour), or -1. */
  task: number;
  /** Whether the gutter shows the arrow (not when parked tasks mark the same line). */
  gutter: boolean;
}

/** A gutter mark at a line: its classes (`ls-gut-task ls-gut-t7`, see debug-decorations.ts). */
export interface GutterMark {
  line: number;
  className: string;
}

export interface CurrentLineMark {
  /** Whether the marks can be drawn for the editor's document as it is now. */
  usable(): boolean;
  /** Shows the marks at a line (null hides them). */
  show(mark: CurrentLine | null): void;
  /** Shows these gutter marks (the parked tasks' dots) in place of those shown before. */
  showGutter(marks: readonly GutterMark[]): void;
  dispose(): void;
}

/** Monaco moves lines within their containers past this document height (its STEP_SIZE). */
const SHIFTED_PAST = 500_000;

/** Line breaks in inserted text. */
function breaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Where a line stands after an edit, as Monaco moves a whole-line decoration: edits wholly above
 * shift it by the lines they add or remove; an edit that starts above it and reaches it (a join,
 * or a replaced block) leaves it where the edit starts. `changes` in Monaco's order (last in the
 * document first), so each applies to the positions the previous left.
 */
export function lineAfterEdit(
  line: number,
  changes: readonly { range: { startLineNumber: number; endLineNumber: number }; text: string }[],
): number {
  let at = line;
  for (const c of changes) {
    const { startLineNumber: start, endLineNumber: end } = c.range;
    if (end < at) at += breaks(c.text) - (end - start);
    else if (start < at) at = start;
  }
  return at;
}

/**
 * Draws the current line and gutter marks in `editor`, or null when its DOM is not the one this
 * module knows (the caller then uses decorations).
 */
export function attachCurrentLine(
  monaco: typeof Monaco,
  editor: Monaco.editor.ICodeEditor,
): CurrentLineMark | null {
  const root = editor.getDomNode();
  const content = root?.querySelector<HTMLElement>('.lines-content');
  const margin = root?.querySelector<HTMLElement>('.margin');
  if (!content || !margin) return null;

  const tint = document.createElement('div');
  tint.setAttribute('aria-hidden', 'true');
  tint.style.cssText = 'position:absolute;left:0;width:100%;pointer-events:none;display:none';
  const arrow = document.createElement('div');
  arrow.setAttribute('aria-hidden', 'true');
  arrow.style.cssText = 'position:absolute;pointer-events:none;display:none';
  content.insertBefore(tint, content.firstChild);
  margin.appendChild(arrow);

  let mark: CurrentLine | null = null;
  /** The line drawn: the mark's, moved by edits since it was shown. */
  let line = 0;
  /** The gutter marks shown (their lines moved by edits since) and their elements, in order. */
  let gutter: GutterMark[] = [];
  const dots: HTMLElement[] = [];

  const usable = () => editor.getScrollHeight() < SHIFTED_PAST;

  /** Sets an element's class only when it differs (a write restyles it even when equal). */
  const setClass = (el: HTMLElement, cls: string) => {
    if (el.className !== cls) el.className = cls;
  };

  /** Places the gutter marks: one element each, kept from one showing to the next. */
  const placeGutter = (count: number) => {
    const on = usable();
    const layout = on && gutter.length > 0 ? editor.getLayoutInfo() : null;
    let used = 0;
    for (const g of gutter) {
      if (!layout || g.line < 1 || g.line > count) continue;
      let dot = dots[used];
      if (!dot) {
        dot = dots[used] = document.createElement('div');
        dot.setAttribute('aria-hidden', 'true');
        dot.style.cssText = 'position:absolute;pointer-events:none';
        margin.appendChild(dot);
      }
      used++;
      const top = editor.getTopForLineNumber(g.line);
      const height = Math.max(0, editor.getBottomForLineNumber(g.line) - top);
      setClass(dot, g.className);
      // Each write only when it differs: most showings keep most dots where they were.
      const set = (name: 'top' | 'height' | 'left' | 'width', value: string) => {
        if (dot.style[name] !== value) dot.style[name] = value;
      };
      set('top', `${top}px`);
      set('height', `${height}px`);
      set('left', `${layout.decorationsLeft}px`);
      set('width', `${layout.decorationsWidth}px`);
      if (dot.style.display) dot.style.display = '';
      const at = String(g.line);
      if (dot.dataset.line !== at) dot.dataset.line = at;
    }
    // Unused elements stay, hidden and without a class (a query for a mark finds none of them).
    for (let i = used; i < dots.length; i++) {
      setClass(dots[i], '');
      dots[i].style.display = 'none';
    }
  };

  const place = () => {
    const count = editor.getModel()?.getLineCount() ?? 0;
    placeGutter(count);
    placeCurrent(count);
  };

  const placeCurrent = (count: number) => {
    if (!mark || line < 1 || line > count || !usable()) {
      // Hidden marks carry no class, so a query for the current line finds nothing.
      tint.style.display = 'none';
      arrow.style.display = 'none';
      setClass(tint, '');
      setClass(arrow, '');
      return;
    }
    const top = editor.getTopForLineNumber(line);
    const height = Math.max(0, editor.getBottomForLineNumber(line) - top);
    const layout = editor.getLayoutInfo();
    setClass(tint, `ls-current-line ls-cur-t${Math.max(-1, mark.task)}`);
    tint.style.top = `${top}px`;
    tint.style.height = `${height}px`;
    tint.style.display = '';
    tint.dataset.line = String(line);
    if (mark.gutter) {
      setClass(arrow, 'ls-gut-current');
      arrow.style.top = `${top}px`;
      arrow.style.height = `${height}px`;
      arrow.style.left = `${layout.decorationsLeft}px`;
      arrow.style.width = `${layout.decorationsWidth}px`;
      arrow.style.display = '';
      arrow.dataset.line = String(line);
    } else {
      setClass(arrow, '');
      arrow.style.display = 'none';
    }
  };

  const subscriptions = [
    editor.onDidChangeModelContent((e) => {
      if (!mark && gutter.length === 0) return;
      line = lineAfterEdit(line, e.changes);
      gutter = gutter.map((g) => ({ ...g, line: lineAfterEdit(g.line, e.changes) }));
      place();
    }),
    editor.onDidChangeModel(() => {
      mark = null;
      gutter = [];
      place();
    }),
    // Line heights, the gutter's columns, folding and wrapping move the lines.
    editor.onDidLayoutChange(place),
    editor.onDidChangeConfiguration((e) => {
      if (e.hasChanged(monaco.editor.EditorOption.lineHeight)) place();
    }),
    editor.onDidChangeHiddenAreas(place),
    editor.onDidContentSizeChange(place),
  ];

  return {
    usable,
    show(next) {
      mark = next;
      line = next?.line ?? 0;
      placeCurrent(editor.getModel()?.getLineCount() ?? 0);
    },
    showGutter(marks) {
      gutter = marks.map((g) => ({ line: g.line, className: g.className }));
      placeGutter(editor.getModel()?.getLineCount() ?? 0);
    },
    dispose() {
      for (const s of subscriptions) s.dispose();
      tint.remove();
      arrow.remove();
      for (const dot of dots) dot.remove();
    },
  };
}
