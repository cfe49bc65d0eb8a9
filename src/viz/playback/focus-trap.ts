/**
 * The keyboard side of a modal dialog: while it is open the focus stays inside it, and when it
 * closes the focus goes back where it was. Without this, Tab from the help overlay went on to the
 * code editor behind its backdrop, where the next Tab indented the person's program.
 */
import { useEffect } from 'react';
import type { RefObject } from 'react';
import { isFocusable, tabbable } from 'tabbable';

/**
 * Where Tab (Shift+Tab: `backwards`) moves the focus among a dialog's tabbable elements: to the
 * next one, from the last around to the first, never out. From anywhere else (the dialog itself,
 * after a click on its text) Tab goes to the first one and Shift+Tab to the last. Null when the
 * dialog has nothing tabbable.
 */
export function cycleTarget<T>(
  items: readonly T[],
  current: T | null,
  backwards: boolean,
): T | null {
  if (items.length === 0) return null;
  const i = current === null ? -1 : items.indexOf(current);
  if (i < 0) return backwards ? items[items.length - 1] : items[0];
  return items[(i + (backwards ? items.length - 1 : 1)) % items.length];
}

/**
 * For the dialog's keydown: Tab and Shift+Tab cycle inside `dialog` and never leave it. Returns
 * whether it took the key.
 */
export function trapTab(
  dialog: HTMLElement,
  e: { key: string; shiftKey: boolean; preventDefault(): void },
): boolean {
  if (e.key !== 'Tab') return false;
  e.preventDefault();
  const target = cycleTarget<Element>(
    tabbable(dialog),
    dialog.ownerDocument.activeElement,
    e.shiftKey,
  );
  ((target as HTMLElement | null) ?? dialog).focus();
  return true;
}

/**
 * Gives the focus back to `opener`, the element that had it when the dialog opened. An opener
 * that can no longer take it (playback reached the end while the list was open and disabled
 * "Step forward") hands it to the nearest control after it, else before it, rather than leaving
 * it on the page's body. Nothing happens when the focus was nowhere to begin with.
 */
export function restoreFocus(opener: Element | null): void {
  if (!opener?.isConnected) return;
  const doc = opener.ownerDocument;
  if (opener === doc.body || opener === doc.documentElement) return;
  (opener as HTMLElement).focus?.();
  if (doc.activeElement === opener) return;
  const all = tabbable(doc.body);
  const after = (el: Element) =>
    (opener.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const target = all.find(after) ?? all.filter((el) => !after(el)).at(-1);
  target?.focus();
}

/**
 * While `open`: focuses `initial` (a control, or a part of the dialog whose first tabbable
 * control takes it; the dialog itself when there is none), keeps the focus inside `dialog` even when
 * something else would take it (the browser's own toolbar hands Tab back to the page's first
 * control), and on close gives it back with restoreFocus. Tab itself is trapped by the dialog's
 * keydown (trapTab), so a key never reaches the page behind.
 */
export function useModalFocus(
  open: boolean,
  dialog: RefObject<HTMLElement | null>,
  initial: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const box = dialog.current;
    if (!open || !box) return;
    const doc = box.ownerDocument;
    const opener = doc.activeElement;
    const enter = () => {
      const start = initial.current;
      const first = start && (isFocusable(start) ? start : tabbable(start)[0]);
      (first ?? box).focus();
    };
    enter();
    const keepInside = (e: FocusEvent) => {
      if (e.target instanceof Node && !box.contains(e.target)) enter();
    };
    doc.addEventListener('focusin', keepInside);
    return () => {
      doc.removeEventListener('focusin', keepInside);
      // Closing removes the dialog, and with it the focus; anything that took the focus on
      // purpose meanwhile (outside the dialog) keeps it.
      const now = doc.activeElement;
      if (!now || now === doc.body || box.contains(now)) restoreFocus(opener);
    };
  }, [open, dialog, initial]);
}
