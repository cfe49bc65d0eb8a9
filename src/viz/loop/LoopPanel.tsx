/**
 * The event loop at one step: clock and iteration, the handle running now, the ready queue in
 * FIFO order and the timer heap in firing order. Entries new since the previous step glow.
 *
 * Each list draws at most `limit` cards, and of those only the ones that reach into the panel's
 * view (list-window.ts); a spacer stands in for the others.
 */
import { memo, useMemo, useRef } from 'react';
import { useListWindow } from '../list-window';
import type { HandleView, TraceState } from '../../trace/types';
import { capped, formatCount, formatTime, sortedTimers } from '../format';
import { taskColor } from '../palette';
import { Rich } from '../Rich';
import { handleText } from './handle-text';
import { LineText } from '../tasks/run-lines';
import { useVizT } from '../i18n';
import type { Translate } from '../i18n';

export interface LoopPanelProps {
  state: TraceState;
  /** Most cards drawn per list; the rest are counted. */
  limit?: number;
  /** Handles of this task are outlined (the task selected in the tasks panel or timeline). */
  selectedTask?: number;
}

/**
 * Which of the `shown` handles are in `changed`. A jump changes thousands of timers, in firing
 * order rather than by id, and a set of them all cost more than the rest of the panel; one pass
 * over them against the few shown ids does not. The pass ends once every shown handle is found:
 * stateAt lists what changed in the order of the list itself, and the cards shown are the list's
 * first, so after a jump (every card changed) it reads as many entries as there are cards.
 */
export function changedAmong(
  changed: readonly number[],
  shown: readonly { id: number }[],
): ReadonlySet<number> {
  if (changed.length <= shown.length) return new Set(changed);
  const ids = new Set<number>();
  for (const h of shown) ids.add(h.id);
  const out = new Set<number>();
  for (let i = 0; i < changed.length && out.size < ids.size; i++) {
    const id = changed[i];
    if (ids.has(id)) out.add(id);
  }
  return out;
}

/** Cards drawn past the last one in view (list-window.ts): about a row of the wrapping queue. */
const OVERSCAN = { ready: 4, timers: 1 };

/** Stands in for the cards of a list that are not drawn (below the view). */
function Spacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return <li className="ls-list-spacer" aria-hidden="true" style={{ height }} />;
}

/**
 * Memoized: stateAt hands back the same HandleView object for a handle still queued, so on a step
 * only new cards, and those whose glow or selection changed, render again.
 */
const HandleCard = memo(function HandleCard({
  h,
  fresh,
  selected,
  showWhen,
  t,
}: {
  h: HandleView;
  fresh: boolean;
  selected?: boolean;
  showWhen: boolean;
  t: Translate;
}) {
  const label = handleText(h.label, t, h.task);
  return (
    <li
      className={`ls-handle${fresh ? ' is-fresh' : ''}${h.task >= 0 ? ' is-task' : ''}${selected ? ' is-selected' : ''}`}
      style={{ ['--ls-task' as string]: taskColor(h.task) }}
      data-handle={h.id}
      aria-label={`${label}${showWhen ? ` ${formatTime(h.when)}` : ''}${fresh ? `, ${t('loop.new', 'new')}` : ''}`}
    >
      {showWhen && <span className="ls-handle-when">{formatTime(h.when)}</span>}
      <span className="ls-handle-label">
        <Rich text={label} />
      </span>
      <LineText line={h.line} t={t} className="ls-handle-line" />
    </li>
  );
});

function LoopPanelImpl({ state, limit = 40, selectedTask = -1 }: LoopPanelProps) {
  const ready = capped(state.ready, limit);
  const timers = capped(sortedTimers(state.timers), limit);
  const freshReady = changedAmong(state.changed.ready, ready.shown);
  const freshTimers = changedAmong(state.changed.timers, timers.shown);
  const t = useVizT();
  const readyList = useRef<HTMLOListElement>(null);
  const timerList = useRef<HTMLOListElement>(null);
  const lists = useMemo(() => ({ ready: readyList, timers: timerList }), []);
  const win = useListWindow(
    OVERSCAN,
    lists,
    { ready: ready.shown.length, timers: timers.shown.length },
    state,
    t,
  );
  return (
    <section className="ls-panel ls-loop" aria-label={t('panels.loop', 'Event loop')}>
      <header className="ls-panel-header">
        <h2>{t('panels.loop', 'Event loop')}</h2>
        <div className="ls-loop-facts">
          <span className="ls-clock" data-testid="loop-clock">
            {formatTime(state.time)}
          </span>
          <span className="ls-iter" data-testid="loop-iteration">
            {t('loop.iterationN', 'iteration {{n}}', { n: formatCount(state.iteration) })}
          </span>
        </div>
      </header>
      <div className="ls-dbg-body">
        <div className="ls-loop-running">
          <h3>{t('loop.running', 'Running now')}</h3>
          {state.running ? (
            <div
              className="ls-handle is-running"
              style={{ ['--ls-task' as string]: taskColor(state.running.task) }}
              data-testid="loop-running"
            >
              <span className="ls-handle-label">
                <Rich text={handleText(state.running.label, t, state.running.task)} />
              </span>
              <LineText line={state.currentLine} t={t} className="ls-handle-line" />
            </div>
          ) : (
            <p className="ls-empty" data-testid="loop-running">
              {t('loop.idle', 'nothing: the loop is between callbacks')}
            </p>
          )}
        </div>

        <div className="ls-loop-queue">
          <h3>
            {t('loop.ready', 'Ready queue')}{' '}
            <span className="ls-count">{formatCount(state.ready.length)}</span>
            <span className="ls-hint">{t('loop.fifoHint', 'runs left to right')}</span>
          </h3>
          {state.ready.length === 0 ? (
            <p className="ls-empty">{t('loop.empty', 'empty')}</p>
          ) : (
            <ol className="ls-queue" aria-label={t('loop.ready', 'Ready queue')} ref={readyList}>
              {ready.shown.slice(0, win.drawn.ready).map((h) => (
                <HandleCard
                  key={h.id}
                  h={h}
                  fresh={freshReady.has(h.id)}
                  selected={h.task >= 0 && h.task === selectedTask}
                  showWhen={false}
                  t={t}
                />
              ))}
              <Spacer height={win.spacer.ready} />
              {ready.hidden > 0 && (
                <li className="ls-more">
                  {t('common.more', '+{{count}} more', { count: ready.hidden })}
                </li>
              )}
            </ol>
          )}
        </div>

        <div className="ls-loop-timers">
          <h3>
            {t('loop.timers', 'Timer heap')}{' '}
            <span className="ls-count">{formatCount(state.timers.length)}</span>
            <span className="ls-hint">{t('loop.timersHint', 'soonest first')}</span>
          </h3>
          {state.timers.length === 0 ? (
            <p className="ls-empty">{t('loop.noTimers', 'none scheduled')}</p>
          ) : (
            <ol className="ls-timers" aria-label={t('loop.timers', 'Timer heap')} ref={timerList}>
              {timers.shown.slice(0, win.drawn.timers).map((h) => (
                <HandleCard
                  key={h.id}
                  h={h}
                  fresh={freshTimers.has(h.id)}
                  selected={h.task >= 0 && h.task === selectedTask}
                  showWhen
                  t={t}
                />
              ))}
              <Spacer height={win.spacer.timers} />
              {timers.hidden > 0 && (
                <li className="ls-more">
                  {t('common.more', '+{{count}} more', { count: timers.hidden })}
                </li>
              )}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}

export const LoopPanel = memo(LoopPanelImpl);
