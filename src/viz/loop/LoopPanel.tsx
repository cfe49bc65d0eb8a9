/**
 * The event loop at one step: clock and iteration, the handle running now, the ready queue in
 * FIFO order and the timer heap in firing order. Entries new since the previous step glow.
 */
import { memo } from 'react';
import type { HandleView, TraceState } from '../../trace/types';
import { capped, formatTime, idSet, sortedTimers } from '../format';
import { taskColor } from '../palette';
import { Rich } from '../Rich';

export interface LoopPanelProps {
  state: TraceState;
  /** Most cards drawn per list; the rest are counted. */
  limit?: number;
}

function HandleCard({ h, fresh, showWhen }: { h: HandleView; fresh: boolean; showWhen: boolean }) {
  return (
    <li
      className={`ls-handle${fresh ? ' is-fresh' : ''}${h.task >= 0 ? ' is-task' : ''}`}
      style={{ ['--ls-task' as string]: taskColor(h.task) }}
      data-handle={h.id}
      aria-label={`${h.label}${showWhen ? ` at ${formatTime(h.when)}` : ''}${fresh ? ', new' : ''}`}
    >
      {showWhen && <span className="ls-handle-when">{formatTime(h.when)}</span>}
      <span className="ls-handle-label">
        <Rich text={h.label} />
      </span>
      {h.line > 0 && <span className="ls-handle-line">line {h.line}</span>}
    </li>
  );
}

function LoopPanelImpl({ state, limit = 40 }: LoopPanelProps) {
  const freshReady = idSet(state.changed.ready);
  const freshTimers = idSet(state.changed.timers);
  const ready = capped(state.ready, limit);
  const timers = capped(sortedTimers(state.timers), limit);
  return (
    <section className="ls-panel ls-loop" aria-label="Event loop">
      <header className="ls-panel-header">
        <h2>Event loop</h2>
        <div className="ls-loop-facts">
          <span className="ls-clock" data-testid="loop-clock">
            {formatTime(state.time)}
          </span>
          <span className="ls-iter" data-testid="loop-iteration">
            iteration {state.iteration}
          </span>
        </div>
      </header>
      <div className="ls-dbg-body">
        <div className="ls-loop-running">
          <h3>Running now</h3>
          {state.running ? (
            <div
              className="ls-handle is-running"
              style={{ ['--ls-task' as string]: taskColor(state.running.task) }}
              data-testid="loop-running"
            >
              <span className="ls-handle-label">
                <Rich text={state.running.label} />
              </span>
              {state.currentLine > 0 && (
                <span className="ls-handle-line">line {state.currentLine}</span>
              )}
            </div>
          ) : (
            <p className="ls-empty" data-testid="loop-running">
              nothing: the loop is between callbacks
            </p>
          )}
        </div>

        <div className="ls-loop-queue">
          <h3>
            Ready queue <span className="ls-count">{state.ready.length}</span>
            <span className="ls-hint">runs left to right</span>
          </h3>
          {state.ready.length === 0 ? (
            <p className="ls-empty">empty</p>
          ) : (
            <ol className="ls-queue" aria-label="Ready queue">
              {ready.shown.map((h) => (
                <HandleCard key={h.id} h={h} fresh={freshReady.has(h.id)} showWhen={false} />
              ))}
              {ready.hidden > 0 && <li className="ls-more">+{ready.hidden} more</li>}
            </ol>
          )}
        </div>

        <div className="ls-loop-timers">
          <h3>
            Timers <span className="ls-count">{state.timers.length}</span>
            <span className="ls-hint">soonest first</span>
          </h3>
          {state.timers.length === 0 ? (
            <p className="ls-empty">none scheduled</p>
          ) : (
            <ol className="ls-timers" aria-label="Timer heap">
              {timers.shown.map((h) => (
                <HandleCard key={h.id} h={h} fresh={freshTimers.has(h.id)} showWhen />
              ))}
              {timers.hidden > 0 && <li className="ls-more">+{timers.hidden} more</li>}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}

export const LoopPanel = memo(LoopPanelImpl);
