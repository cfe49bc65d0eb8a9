import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { commandFor } from './shortcuts';
import type { Command, KeyFocus } from './shortcuts';

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

/**
 * Which keys `target` keeps for itself (see KeyFocus): text fields, the code editor and menus
 * keep the plain keys; a slider (the scrubber) keeps them too, but for Space.
 */
export function keyFocus(target: EventTarget | null): KeyFocus {
  if (!(target instanceof Element)) return 'page';
  if (target.closest('.monaco-editor, [contenteditable="true"]')) return 'text';
  const tag = target.tagName;
  if (tag === 'INPUT' && (target as HTMLInputElement).type === 'range') return 'slider';
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' ? 'text' : 'page';
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
      const cmd = commandFor(e, keyFocus(e.target));
      if (!cmd) return;
      if (handler.current(cmd) !== false) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, scope]);
}

/** The toolbar's Run and Stop buttons (src/app/Toolbar.tsx; other buttons borrow their look). */
const RUN_BUTTONS = '[data-run-control]';
/** The transport's Play/Pause button (./PlaybackControls.tsx). */
const PLAY_BUTTON = 'button.ls-play';

/** The part of the playground's state a run's end is read from. */
interface RunState {
  running: boolean;
  trace: unknown;
}

/**
 * When a run ends with a trace to show and the keyboard focus was on this playground's Run or
 * Stop button, move the focus to Play in `scope`. The page is a debugger from then on, where
 * Space is "play or pause"; left on Run (a click on Run keeps the focus there), Space would
 * press Run again and replace the trace. Focus anywhere else, the editor above all, stays put.
 *
 * Where the focus is gets read in the store's listener, on each change while a run goes on,
 * before the page renders the change: Stop is disabled as soon as it is pressed, and a disabled
 * button loses the focus to <body>.
 */
export function useFocusAfterRun(
  store: { subscribe(listener: (state: RunState, prev: RunState) => void): () => void },
  scope: RefObject<Element | null>,
) {
  const [handoff, setHandoff] = useState<{ from: Element } | null>(null);
  useEffect(() => {
    // The Run or Stop button last seen with the focus during this run.
    let held: Element | null = null;
    return store.subscribe((state, prev) => {
      if (!state.running && !prev.running) return;
      const home = scope.current?.closest('.ls-playground');
      if (!home) return;
      const doc = home.ownerDocument;
      const focused = doc.activeElement;
      if (focused?.matches(RUN_BUTTONS) && home.contains(focused)) held = focused;
      // On <body> with the document focused, Stop lost it when it was disabled. In an embed
      // <body> is also what a frame shows when the focus has left for the host page: not ours.
      else if (focused !== doc.body || !doc.hasFocus()) held = null;
      if (state.running) return;
      if (held && state.trace !== null) setHandoff({ from: held });
      held = null;
    });
  }, [store, scope]);
  useEffect(() => {
    if (!handoff) return;
    const doc = handoff.from.ownerDocument;
    const focused = doc.activeElement;
    // Moved on meanwhile (a click, Tab, the host page of an embed): leave it. On <body> of a
    // focused document: Stop lost it when it was disabled.
    if (focused !== handoff.from && (focused !== doc.body || !doc.hasFocus())) return;
    const play = scope.current?.querySelector<HTMLButtonElement>(PLAY_BUTTON);
    // Play sits just under Run, in view whenever Run is: no scrolling (in an embed, of the host).
    if (play && !play.disabled) play.focus({ preventScroll: true });
  }, [handoff, scope]);
}
