/**
 * The program's stdout and stderr as it runs, plus system lines (stops, crashes, truncation).
 * It follows the output while the person is at the bottom and stays put when they scroll up.
 */
import { useLayoutEffect, useRef } from 'react';
import { usePlaygroundStore } from '../../store/context';
import './console.css';
import { splitAtCut, useOutputCut } from '../debugger/console-cut';
import { terminalSegments } from './terminal';
import { deadlockDetail, spaced } from '../fragment-text';
import { Rich } from '../Rich';
import { useVizT } from '../i18n';
import type { Translate } from '../english';
import type { Notice } from '../../store/slices/runtime';

/**
 * A keyed notice in the reader's language; a deadlock's detail is the tracer's English, worded
 * with Chinese spacing (spaced) when it is Chinese. Code in backticks is shown as code (Rich).
 */
function noticeText(notice: Notice, t: Translate): string {
  if (!notice.key) return notice.text;
  const detail = notice.params?.detail;
  const params =
    notice.key === 'status.deadlock' && typeof detail === 'string'
      ? { ...notice.params, detail: deadlockDetail(detail, spaced(t)) }
      : notice.params;
  return t(notice.key, notice.text, params);
}

export function ConsolePanel() {
  const chunks = usePlaygroundStore((s) => s.consoleChunks);
  const running = usePlaygroundStore((s) => s.running);
  const notice = usePlaygroundStore((s) => s.notice);
  // While stepping, output written after the cursor step is dimmed (src/viz/debugger).
  const cut = useOutputCut();
  const t = useVizT();
  const scroller = useRef<HTMLPreElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    // Nothing to follow before the first output: reading scrollHeight would force a layout of
    // the whole page during the first render.
    if (el && stick.current && chunks.length > 0) el.scrollTop = el.scrollHeight;
  }, [chunks]);

  // While stepping, keep the boundary between written and not-yet-written output in view.
  useLayoutEffect(() => {
    const el = scroller.current;
    const mark = el?.querySelector('[data-after-cursor]');
    if (!el || !mark) return;
    const m = mark.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    if (m.top < box.top || m.top > box.bottom - 24)
      el.scrollTop += m.top - box.top - box.height / 2;
  }, [cut]);

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
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
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
