/**
 * Futures with their state, done-callbacks and awaiting tasks. Pending futures come first: they
 * are what the program is waiting on.
 */
import { memo, useMemo, useRef } from 'react';
import { useListWindow } from '../list-window';
import { RECENT_DONE_WINDOW } from '../../trace/index';
import type { FutureView, TraceState } from '../../trace/types';
import { formatCount, futuresShown, listedFutures, pendingFutures, taskName } from '../format';
import { fragmentText } from '../fragment-text';
import { Rich } from '../Rich';
import { TaskChip } from '../TaskChip';
import { useVizT } from '../i18n';
import type { Translate } from '../i18n';
import { LineLink, StateBadge } from '../tasks/TasksPanel';

export interface FuturesPanelProps {
  state: TraceState;
  selectedTask: number;
  onSelectTask(id: number): void;
  onRevealLine?(line: number): void;
  limit?: number;
}

interface FutureRowProps {
  f: FutureView;
  /** The state the row is drawn in, read only for task names, which never change in a run. */
  state: TraceState;
  selectedTask: number;
  onSelectTask(id: number): void;
  onRevealLine?(line: number): void;
  t: Translate;
}

/**
 * One future. Memoized on the future's view (stateAt hands back the same object while nothing
 * about the future changed) and the selection, but not on `state`, which is new on every step and
 * is read only for task names.
 */
const FutureRow = memo(
  function FutureRow({ f, state, selectedTask, onSelectTask, onRevealLine, t }: FutureRowProps) {
    return (
      <li className={`ls-row is-${f.state}`} data-future={f.id}>
        <div className="ls-row-head">
          <span className="ls-row-title">
            <Rich text={futureTitle(f, t)} />
          </span>
          <span className="ls-kind">{t(`futures.kind.${f.kind}`, f.kind)}</span>
          <StateBadge t={t} state={f.state} label={t(`futures.state.${f.state}`, f.state)} />
          <LineLink t={t} line={f.line} onReveal={onRevealLine} />
        </div>
        {f.awaiters.length > 0 && (
          <div className="ls-row-line">
            <span className="ls-row-key">{t('futures.awaiters', 'awaited by')}</span>
            {f.awaiters.map((id) => (
              <TaskChip
                key={id}
                id={id}
                name={taskName(state, id)}
                selected={id === selectedTask}
                onSelect={onSelectTask}
              />
            ))}
          </div>
        )}
        {f.callbacks.length > 0 && (
          <div className="ls-row-line">
            <span className="ls-row-key">{t('futures.callbacks', 'callbacks')}</span>
            {f.callbacks.map((c, i) => (
              <code key={i} className="ls-callback">
                {callbackText(c, t)}
              </code>
            ))}
          </div>
        )}
        {f.outcome !== null && (
          <div className="ls-row-line">
            <span className="ls-row-key">
              {f.state === 'failed'
                ? t('futures.exception', 'exception')
                : f.state === 'cancelled'
                  ? t('futures.cancelMessage', 'cancel message')
                  : t('futures.result', 'result')}
            </span>
            <code>{f.outcome}</code>
          </div>
        )}
      </li>
    );
  },
  (a, b) =>
    a.f === b.f &&
    a.selectedTask === b.selectedTask &&
    a.onSelectTask === b.onSelectTask &&
    a.onRevealLine === b.onRevealLine &&
    a.t === b.t,
);

/**
 * normalize.ts callFutureTitle: asyncio.wait's call, then what ends the wait. English tail →
 * key under `futures.waitEnds`.
 */
const WAIT_TITLE = /^(.+) until (.+)$/s;
const WAIT_ENDS: Record<string, string> = {
  'all complete': 'all',
  'all complete or it times out': 'allTimeout',
  'the first completes': 'first',
  'the first completes or it times out': 'firstTimeout',
  'one raises or all complete': 'exception',
  'one raises, all complete or it times out': 'exceptionTimeout',
};

/**
 * A row's title in the reader's language. A wait in a method (kind `call`) is titled in words by
 * the trace model, as the task cards word it ("queue `q`.join()", "readline() on connection
 * `…`", "asyncio.wait() until the first completes or it times out"); the other kinds keep their
 * short label (a task's name, `sleep(0.1)`, a future's class), which their kind column explains.
 */
function futureTitle(f: FutureView, t: Translate): string {
  if (f.kind !== 'call') return f.label;
  const m = WAIT_TITLE.exec(f.label);
  const key = m ? WAIT_ENDS[m[2]] : undefined;
  if (m && key)
    return t(`futures.waitEnds.${key}`, `{{call}} until ${m[2]}`, {
      call: fragmentText(m[1], t),
    });
  return fragmentText(f.label, t);
}

/**
 * What an empty list means. The list holds the futures pending at the step and those completed in
 * its last RECENT_DONE_WINDOW events (stateAt), so it is empty before the first future and again
 * once everything finished long enough ago. Every task is a future, and pending until it ends: an
 * empty list with tasks means they all finished at least RECENT_DONE_WINDOW events ago.
 */
function emptyText(state: TraceState, t: Translate): string {
  const count = state.tasks.length;
  if (count === 0) return t('futures.none', 'No futures yet.');
  // Two keys rather than plural forms: Chinese has one form, and would say "all 1 tasks".
  if (count === 1) {
    return t(
      'futures.allDoneOne',
      'No pending futures: the only task finished at least {{events}} events ago.',
      { events: RECENT_DONE_WINDOW },
    );
  }
  return t(
    'futures.allDoneMany',
    'No pending futures: all {{count}} tasks finished at least {{events}} events ago.',
    { count, events: RECENT_DONE_WINDOW },
  );
}

/**
 * A done-callback as the trace names it: a function's name as it is; the loop's own task
 * callbacks ('task wakeup', 'task step') in the reader's words, as the timeline says them.
 */
function callbackText(descr: string, t: Translate): string {
  if (descr === 'task wakeup') return t('timeline.draw.taskWakeup', descr);
  if (descr === 'task step') return t('timeline.draw.taskStep', descr);
  return descr;
}

/** Rows drawn past the last one in view. */
const OVERSCAN = { futures: 1 };

/** The body of the panel, also used inside the tabbed inspector. */
export function FuturesList({
  state,
  selectedTask,
  onSelectTask,
  onRevealLine,
  limit = 40,
}: FuturesPanelProps) {
  const list = futuresShown(state, limit);
  const t = useVizT();
  // Only the rows that reach into the panel's view are drawn (list-window.ts): in the inspector
  // that is a row or two of the 40, and a jump across the run replaced all 40.
  const rows = useRef<HTMLUListElement>(null);
  const lists = useMemo(() => ({ futures: rows }), []);
  const win = useListWindow(OVERSCAN, lists, { futures: list.shown.length }, state, t);
  return (
    <>
      {listedFutures(state) === 0 ? (
        <p className="ls-empty">{emptyText(state, t)}</p>
      ) : (
        <ul className="ls-rows" ref={rows}>
          {list.shown.slice(0, win.drawn.futures).map((f) => (
            <FutureRow
              key={f.id}
              f={f}
              state={state}
              selectedTask={selectedTask}
              onSelectTask={onSelectTask}
              onRevealLine={onRevealLine}
              t={t}
            />
          ))}
          {win.spacer.futures > 0 && (
            <li
              className="ls-list-spacer"
              aria-hidden="true"
              style={{ height: win.spacer.futures }}
            />
          )}
        </ul>
      )}
      {list.hidden > 0 && (
        <p className="ls-more">{t('common.more', '+{{count}} more', { count: list.hidden })}</p>
      )}
    </>
  );
}

function FuturesPanelImpl(props: FuturesPanelProps) {
  const t = useVizT();
  return (
    <section className="ls-panel ls-futures" aria-label={t('panels.futures', 'Futures')}>
      <header className="ls-panel-header">
        <h2>{t('panels.futures', 'Futures')}</h2>
        <span className="ls-count ls-head-aside">
          {t('futures.pendingCount', '{{count}} pending', {
            count: formatCount(pendingFutures(props.state)),
          })}
        </span>
      </header>
      <div className="ls-dbg-body">
        <FuturesList {...props} />
      </div>
    </section>
  );
}

export const FuturesPanel = memo(FuturesPanelImpl);
