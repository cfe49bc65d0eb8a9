import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { commandFor } from './shortcuts';
import type { Command } from './shortcuts';

/**
 * Advance while playing: `speed` steps per second, paced by animation frames so playback never
 * outruns painting. At most 8 steps per frame, so a tab that was hidden does not leap ahead.
 */
export function usePlayback(playing: boolean, speed: number, advance: (count: number) => void) {
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last = performance.now();
    let owed = 1; // the first step happens at once, so pressing Play visibly does something
    const frame = (now: number) => {
      owed += ((now - last) / 1000) * speed;
      last = now;
      const n = Math.min(8, Math.floor(owed));
      if (n > 0) {
        owed -= n;
        advance(n);
      }
      if (owed > 8) owed = 0;
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [playing, speed, advance]);
}

/** True when a key typed at `target` belongs to it: text fields, the code editor, sliders, menus. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('.monaco-editor, [contenteditable="true"]')) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/**
 * Listen for the debugger's shortcuts on the window while `enabled`. Space and Enter on a focused
 * button are left to the button. With a `scope`, keys count only when focus is on the page body
 * or inside the same playground, so two playgrounds on one page do not both step.
 */
export function useDebuggerShortcuts(
  enabled: boolean,
  /** Return false to leave the key to the page (it was not used). */
  onCommand: (cmd: Command) => boolean | void,
  scope?: RefObject<Element | null>,
) {
  const handler = useRef(onCommand);
  useEffect(() => {
    handler.current = onCommand;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const target = e.target instanceof Element ? e.target : null;
      const home = scope?.current?.closest('.ls-playground');
      if (home && target && target !== document.body && !home.contains(target)) return;
      if ((e.key === ' ' || e.key === 'Enter') && target?.closest('button, a, [role="button"]')) {
        return;
      }
      // Other dialogs (examples, share) own their keys; the help overlay handles its own Escape.
      if (target?.closest('[role="dialog"], dialog')) return;
      const cmd = commandFor(e, isTypingTarget(e.target));
      if (!cmd) return;
      if (handler.current(cmd) !== false) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, scope]);
}
