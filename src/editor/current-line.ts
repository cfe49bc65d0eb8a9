/**
 * The running task's current line in the code editor: a tint across the line and an arrow in the
 * gutter, drawn by the debugger in two elements of its own rather than as a Monaco decoration.
 *
 * Why not a decoration: the current line moves on nearly every step, and any change to an
 * editor's decorations makes Monaco work out every visible line again (its view lines, the line
 * overlays and the margin): 2.5 to 3.5 ms of a step's frame mid-run on the bench trace, and a
 * second style and layout pass. Moving two absolutely placed elements costs a style change each.
 *
 * Where they go: the tint is the first child of Monaco's `.lines-content` (so it paints beneath
 * the line overlays, the selection and the text) and the arrow a child of `.margin`, in the
 * line-decorations column. Monaco scrolls both containers by moving them, so a line's offset from
 * the top of the document (`getTopForLineNumber`) places the marks, and scrolling needs nothing.
 * Past 500,000 px of document Monaco shifts the lines inside these containers
 * (`bigNumbersDelta`); `usable()` is false then, and the caller falls back to a decoration.
 *
 * Between steps the marks follow edits above them, as a decoration would.
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

export interface CurrentLineMark {
  /** Whether the marks can be drawn for the editor's document as it is now. */
  usable(): boolean;
  /** Shows the marks at a line (null hides them). */
  show(mark: CurrentLine | null): void;
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
 * Draws the current line in `editor`, or null when its DOM is not the one this module knows (the
 * caller then uses a decoration).
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

  const usable = () => editor.getScrollHeight() < SHIFTED_PAST;

  /** Sets an element's class only when it differs (a write restyles it even when equal). */
  const setClass = (el: HTMLElement, cls: string) => {
    if (el.className !== cls) el.className = cls;
  };

  const place = () => {
    const count = editor.getModel()?.getLineCount() ?? 0;
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
      if (!mark) return;
      line = lineAfterEdit(line, e.changes);
      place();
    }),
    editor.onDidChangeModel(() => {
      mark = null;
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
      place();
    },
    dispose() {
      for (const s of subscriptions) s.dispose();
      tint.remove();
      arrow.remove();
    },
  };
}
