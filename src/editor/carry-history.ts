/**
 * Gives Monaco the first-stage editor's undo history (lite-history.ts) when it takes over, so
 * Ctrl/Cmd+Z after the hand-over walks back through what was typed before Monaco arrived, one
 * step at a time, with the selection of each step, and redo goes forward again.
 */
import type { TextSelection, UndoHistorySnapshot } from './lite-history';
import { diffText } from './lite-history';
import { monaco } from './monaco';

/**
 * Rebuilds `model`'s undo stack from `history`: the model goes back to the history's first text,
 * then each step is applied as the one range it changed, with an undo stop between steps; steps
 * that had been undone are undone again, so they can be redone. The model must not have an undo
 * history of its own (it is replaced). Returns false, changing nothing, if the history does not
 * end at the model's text (then there is nothing trustworthy to undo to).
 */
export function carryUndoHistory(
  model: monaco.editor.ITextModel,
  history: UndoHistorySnapshot,
): boolean {
  const { base, steps, index } = history;
  const now = model.getValue();
  if (steps.length === 0 || (index > 0 ? steps[index - 1].text : base) !== now) return false;
  const selection = (s: TextSelection) => {
    const anchor = model.getPositionAt(s.anchor);
    const head = model.getPositionAt(s.head);
    return new monaco.Selection(anchor.lineNumber, anchor.column, head.lineNumber, head.column);
  };
  try {
    // setValue clears the undo stack: the history starts from here.
    model.setValue(base);
    let text = base;
    for (const step of steps) {
      const change = diffText(text, step.text);
      const start = model.getPositionAt(change.start);
      const end = model.getPositionAt(change.end);
      const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
      model.pushStackElement();
      // The selection before is read on the text before the edit, the one after on the text after.
      model.pushEditOperations([selection(step.before)], [{ range, text: change.text }], () => [
        selection(step.after),
      ]);
      model.pushStackElement();
      text = step.text;
    }
    // Undo of a model with no other resources and no confirmation is synchronous.
    for (let i = steps.length; i > index; i--) void model.undo();
    if (model.getValue() === now) return true;
  } catch (error) {
    // The hand-over must happen whatever the history holds.
    console.error('Loopscope: the first-stage undo history could not be carried over', error);
  }
  // Not expected; the text the person sees wins over the history.
  model.setValue(now);
  return false;
}
