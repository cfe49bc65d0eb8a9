/**
 * Finds the code editor of this playground without the editor component having to hand it over:
 * Monaco keeps a list of its editors, and ours is the one inside the same `.ls-playground`
 * element. Two playgrounds on a page each find their own.
 */
import { debuggerLines } from '../../editor/debug-decorations';
import { monaco } from '../../editor/monaco';

type Editor = monaco.editor.ICodeEditor;

const PLAYGROUND = '.ls-playground';

export function findEditor(scope: Element | null): Editor | null {
  const root = scope?.closest(PLAYGROUND);
  if (!root) return null;
  for (const ed of monaco.editor.getEditors()) {
    if (root.contains(ed.getContainerDomNode())) return ed;
  }
  return null;
}

/** Calls `onEditor` with this playground's editor now and whenever one is created or disposed. */
export function watchEditor(scope: Element, onEditor: (editor: Editor | null) => void): () => void {
  let current: Editor | null = null;
  let disposeSub: { dispose(): void } | null = null;
  const update = () => {
    const ed = findEditor(scope);
    if (ed === current) return;
    disposeSub?.dispose();
    current = ed;
    disposeSub = ed ? ed.onDidDispose(() => queueMicrotask(update)) : null;
    onEditor(ed);
  };
  // A new editor is announced before it is in the DOM; look once it is attached.
  const created = monaco.editor.onDidCreateEditor(() => queueMicrotask(update));
  update();
  return () => {
    created.dispose();
    disposeSub?.dispose();
  };
}

/**
 * Scroll the editor to the run's `line` and put the caret there (without taking focus). The line
 * is where the edits since the run moved it; nothing happens for a line deleted since.
 */
export function revealLine(scope: Element | null, runLine: number): void {
  const ed = findEditor(scope);
  const line = ed && runLine > 0 ? (debuggerLines(ed)?.editorLine(runLine) ?? runLine) : 0;
  if (!ed || line <= 0) return;
  ed.revealLineInCenter(line, monaco.editor.ScrollType.Smooth);
  ed.setPosition({ lineNumber: line, column: 1 });
}

/**
 * The run's line at the caret in this playground's editor (`line`) and the number the editor shows
 * for it (`shown`, another one once edits moved the line); null without a caret, or on a line typed
 * since the run.
 */
export function caretLine(scope: Element | null): { line: number; shown: number } | null {
  const ed = findEditor(scope);
  const at = ed?.getPosition()?.lineNumber;
  if (!ed || !at) return null;
  const line = debuggerLines(ed)?.traceLine(at) ?? at;
  return line > 0 ? { line, shown: at } : null;
}
