/**
 * The program's stdout and stderr as it runs, plus system lines (stops, crashes, truncation).
 * During a run it follows the output while the person is at the bottom and stays put when they
 * scroll up. After the run it follows the debugger's cursor (placeConsole).
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { usePlaygroundStore, usePlaygroundStoreApi } from '../../store/context';
import './console.css';
import { splitAtCut, useOutputCut } from '../debugger/console-cut';
import { terminalSegments } from './terminal';
import { Rich } from '../Rich';
import { useVizT } from '../i18n';
import type { Translate } from '../english';
import type { Notice } from '../../store/slices/runtime';

/** A keyed notice in the reader's language. Code in backticks is shown as code (Rich). */
function noticeText(notice: Notice, t: Translate): string {
  if (!notice.key) return notice.text;
  return t(notice.key, notice.text, notice.params);
}

/** About one line of output (px): a boundary closer than this to an edge counts as out of view. */
const LINE_PX = 24;

/** Whether the console is scrolled to (about) the end of its output. */
function atEnd(el: HTMLElement): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight < LINE_PX;
}

/**
 * Scrolls the console to the cursor's boundary: the last line written by the cursor step, just
 * above the first dimmed line (the one after the cursor), or the end of the output when nothing
 * is dimmed (the cursor at the last step, or past the last write). The boundary is centred when
 * it is out of view and left where it is otherwise, so a short move does not shift the text.
 * Returns false when the console is not laid out (inside a hidden frame or section): nothing can
 * be placed until it is (the caller tries again when its size changes).
 */
function placeConsole(el: HTMLElement): boolean {
  if (el.clientHeight === 0) return false;
  const mark = el.querySelector('[data-after-cursor]');
  if (!mark) {
    el.scrollTop = el.scrollHeight;
    return true;
  }
  const top = mark.getBoundingClientRect().top;
  const box = el.getBoundingClientRect();
  // A line of room above the mark for the last line written, unless nothing is written yet.
  const above = top < box.top + LINE_PX && el.scrollTop > 0;
  if (above || top > box.bottom - LINE_PX) el.scrollTop += top - box.top - box.height / 2;
  return true;
}

/** How the console follows: what it last placed itself for, and whether the reader moved it. */
interface Follow {
  /** During a run: follow the output (the reader is at the end). */
  stick: boolean;
  /** The cut the console shows (null: nothing dimmed). */
  cut: number | null;
  hasOutput: boolean;
  /** Where the console last put its scroll position; a scroll to anywhere else is the reader's. */
  placedAt: number;
  readerScrolled: boolean;
}

/** Scrolls to the end of the output, or to the cursor's boundary (placeConsole). */
function place(el: HTMLElement, f: Follow, toEnd: boolean): void {
  if (toEnd) el.scrollTop = el.scrollHeight;
  else if (!placeConsole(el)) return;
  f.placedAt = el.scrollTop;
  f.readerScrolled = false;
  // Now, not when the scroll event arrives: output added before then must see where it is.
  f.stick = atEnd(el);
}

export function ConsolePanel() {
  const chunks = usePlaygroundStore((s) => s.consoleChunks);
  const running = usePlaygroundStore((s) => s.running);
  const notice = usePlaygroundStore((s) => s.notice);
  // While stepping, output written after the cursor step is dimmed (src/viz/debugger).
  const cut = useOutputCut();
  const t = useVizT();
  const store = usePlaygroundStoreApi();
  const scroller = useRef<HTMLPreElement>(null);
  const follow = useRef<Follow>({
    stick: true,
    cut: null,
    hasOutput: false,
    placedAt: 0,
    readerScrolled: false,
  });

  /** A placement waiting for the next frame (see below), and that frame. */
  const pending = useRef<{ toEnd: boolean; frame: number } | null>(null);
  useEffect(
    () => () => {
      if (pending.current) cancelAnimationFrame(pending.current.frame);
    },
    [],
  );

  useLayoutEffect(() => {
    const el = scroller.current;
    const f = follow.current;
    const prev = f.cut;
    f.cut = cut;
    f.hasOutput = chunks.length > 0;
    // Nothing to place before the first output: reading scrollHeight would force a layout of
    // the whole page during the first render.
    if (!el || chunks.length === 0) return;
    let toEnd: boolean;
    // Stepping: the boundary, on every move that crosses a write and when output is added.
    if (cut !== null) toEnd = false;
    // The cursor moved to the end of the run (Jump to end): its boundary is the last line.
    else if (prev !== null) toEnd = true;
    // A run writing: follow it unless the reader scrolled up.
    else if (f.stick) toEnd = true;
    else return;
    if (typeof requestAnimationFrame === 'undefined') {
      place(el, f, toEnd);
      return;
    }
    // Placed in the animation frame, before it is painted, not here: reading the layout here
    // made the browser lay out the page in the middle of React's commit (on Jump to start and
    // Jump to end, the moves that cross the output), and the effects after this one changed it
    // again, so the frame laid it out twice. In the frame the page's layout is done once for
    // every panel (the list windows measure there too). The last placement asked for wins.
    if (pending.current) pending.current.toEnd = toEnd;
    else {
      const next = {
        toEnd,
        frame: requestAnimationFrame(() => {
          pending.current = null;
          const box = scroller.current;
          if (box) place(box, follow.current, next.toEnd);
        }),
      };
      pending.current = next;
    }
  }, [chunks, cut]);

  // A console that changes size (a hidden embed shown, a window resized) or that was not laid
  // out when the cursor moved (an embed opened at a step inside a collapsed section) is placed
  // again: the boundary must be in view whenever the reader can see the console.
  useEffect(() => {
    const el = scroller.current;
    const f = follow.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (!f.hasOutput || el.clientHeight === 0) return;
      if (f.cut !== null) place(el, f, false);
      else if (f.stick) place(el, f, true);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A move that crosses no write changes neither the cut nor this panel. If the reader has
  // scrolled the console away meanwhile, the move brings the boundary back into view.
  useEffect(() => {
    const f = follow.current;
    let frame = 0;
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.step === prev.step || !f.readerScrolled || state.running) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const el = scroller.current;
        if (el && f.hasOutput) place(el, f, f.cut === null);
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store]);

  return (
    <section className="ls-panel ls-console" aria-labelledby="ls-console-title">
      <header className="ls-panel-header">
        <h2 id="ls-console-title">{t('panels.console', 'Console')}</h2>
        {notice && (
          <p
            className={`ls-notice ls-notice-${notice.level}`}
            role={notice.level === 'info' ? 'status' : 'alert'}
            data-testid="notice"
          >
            <Rich text={noticeText(notice, t)} />
          </p>
        )}
      </header>
      <pre
        ref={scroller}
        className="ls-console-body"
        role="log"
        aria-label={t('panels.consoleAria', 'Program output')}
        aria-busy={running}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          const f = follow.current;
          f.stick = atEnd(el);
          if (Math.abs(el.scrollTop - f.placedAt) > 1) f.readerScrolled = true;
        }}
      >
        {chunks.length === 0 ? (
          <span className="ls-console-empty">
            {running
              ? ''
              : t('console.empty', 'Output appears here. Run with {{shortcut}}.', {
                  shortcut: 'Ctrl+Enter',
                })}
          </span>
        ) : (
          terminalSegments(splitAtCut(chunks, cut)).map((seg, i) => (
            <span
              key={i}
              className={`ls-out-${seg.chunk.stream}${seg.after ? ' ls-after-cursor' : ''}`}
              data-stream={seg.chunk.stream}
              data-after-cursor={seg.after || undefined}
            >
              {seg.text}
            </span>
          ))
        )}
      </pre>
    </section>
  );
}
