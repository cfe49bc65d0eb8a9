/**
 * Leaving the code editor from the keyboard. Inside an editor Tab indents, so a keyboard user
 * would otherwise be stuck there: Escape, then Tab (or Shift+Tab), moves the focus to the next
 * (or previous) control of the page, as in other browser code editors. Any other key in between
 * cancels it, so Escape to close a suggestion and then Tab to indent still indents.
 */
import { tabbable } from 'tabbable';

/** The fields of a keydown the rule reads, so tests pass plain objects. */
export interface TabKey {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** Feeds keydowns; answers where the focus should go, or null to let the key act as usual. */
export function tabEscape(): (e: TabKey) => 'next' | 'previous' | null {
  let armed = false;
  return (e) => {
    if (e.key === 'Escape') {
      armed = !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey;
      return null;
    }
    // A modifier pressed on its own (Shift for Shift+Tab) keeps the Escape's promise.
    if (e.key === 'Shift' || e.key === 'Control' || e.key === 'Alt' || e.key === 'Meta') {
      return null;
    }
    const wasArmed = armed;
    armed = false;
    if (e.key !== 'Tab' || !wasArmed || e.altKey || e.ctrlKey || e.metaKey) return null;
    return e.shiftKey ? 'previous' : 'next';
  };
}

/**
 * Focuses the first tabbable element after `container` in the page's tab order (or the last one
 * before it), skipping everything inside it. Returns whether the focus moved.
 */
export function focusBeyond(container: Element, where: 'next' | 'previous'): boolean {
  const all = tabbable(container.ownerDocument.body);
  const outside = all.filter((el) => !container.contains(el));
  const after = (el: Element) =>
    (container.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const target = where === 'next' ? outside.find(after) : outside.filter((el) => !after(el)).at(-1);
  if (!target) return false;
  target.focus();
  return true;
}
