/**
 * One card per task: name, state badge, what it awaits in words, its await chain with lines and
 * locals, where and by whom it was created. Selecting a card selects the task everywhere
 * (editor lines, timeline lane) through the cursor slice's selectedTask.
 */
import { memo, useState } from 'react';
import type { TaskView, TraceState } from '../../trace/types';
import { capped, idSet, plural, taskName } from '../format';
import { STATE_COLORS, taskColor } from '../palette';
import { Rich } from '../Rich';

export interface TasksPanelProps {
  state: TraceState;
  selectedTask: number;
  onSelectTask(id: number): void;
  /** Reveal a line of the program in the editor. */
  onRevealLine?(line: number): void;
  limit?: number;
}

export function LineLink({ line, onReveal }: { line: number; onReveal?(line: number): void }) {
  if (line <= 0) return null;
  if (!onReveal) return <span className="ls-line">line {line}</span>;
  return (
    <button
      type="button"
      className="ls-line ls-link"
      title={`Show line ${line} in the editor`}
      onClick={(e) => {
        e.stopPropagation();
        onReveal(line);
      }}
    >
      line {line}
    </button>
  );
}

export function StateBadge({ state }: { state: string }) {
  return (
    <span
      className="ls-badge"
      style={{ ['--ls-badge' as string]: STATE_COLORS[state] ?? '#8b949e' }}
    >
      {state}
    </span>
  );
}

interface CardProps {
  task: TaskView;
  /** Name of the task that created it, or null. */
  parentName: string | null;
  /** The line it runs now when it is the running task, else 0. */
  nowLine: number;
  selected: boolean;
  fresh: boolean;
  onSelectTask(id: number): void;
  onRevealLine?(line: number): void;
}

/**
 * Memoized: stateAt returns the same TaskView object for a task that did not change, so on a step
 * only the cards of tasks that changed render again.
 */
const TaskCard = memo(function TaskCard({
  task,
  parentName,
  nowLine,
  selected,
  fresh,
  onSelectTask,
  onRevealLine,
}: CardProps) {
  const frozen = task.state === 'suspended' || task.state === 'ready' || task.state === 'pending';
  const finished = task.state === 'done' || task.state === 'failed' || task.state === 'cancelled';
  return (
    <li
      className={`ls-task-card is-${task.state}${selected ? ' is-selected' : ''}${fresh ? ' is-fresh' : ''}`}
      style={{ ['--ls-task' as string]: taskColor(task.id) }}
      data-task={task.id}
      data-state={task.state}
      aria-label={`Task ${task.name}, ${task.state}`}
    >
      <div className="ls-task-head">
        <button
          type="button"
          className="ls-task-name"
          aria-pressed={selected}
          title={
            selected ? 'Clear the selection' : `Select ${task.name}: highlight its lines and lane`
          }
          onClick={() => onSelectTask(task.id)}
        >
          <span className="ls-task-dot" aria-hidden="true" />
          {task.name}
        </button>
        <StateBadge state={task.state} />
        <span className="ls-coro">{task.coro}</span>
      </div>

      {task.awaiting && (
        <p className="ls-awaits">
          awaits{' '}
          <b>
            <Rich text={task.awaiting.text} />
          </b>
        </p>
      )}
      {task.cancelling > 0 && task.state !== 'cancelled' && (
        <p className="ls-cancelling">
          cancel requested{task.cancelling > 1 ? ` ×${task.cancelling}` : ''}
        </p>
      )}

      {nowLine > 0 && (
        <p className="ls-now">
          now at <LineLink line={nowLine} onReveal={onRevealLine} />
          {task.chain.length > 0 && (
            <span className="ls-hint-inline">; frames as of its last await</span>
          )}
        </p>
      )}
      {task.chain.length > 0 && !finished && (
        <ol
          className={`ls-chain${frozen ? ' is-frozen' : ''}`}
          aria-label={`Await chain of ${task.name}`}
        >
          {task.chain.map((f, i) => {
            const locals = Object.entries(f.locals);
            return (
              <li key={i} className="ls-frame">
                <div className="ls-frame-head">
                  <span className="ls-func">{f.func}</span>
                  <LineLink line={f.line} onReveal={onRevealLine} />
                </div>
                {locals.length > 0 && (
                  <dl className="ls-locals">
                    {locals.map(([k, v]) => (
                      <div key={k}>
                        <dt>{k}</dt>
                        <dd>{v}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </li>
            );
          })}
        </ol>
      )}

      {task.outcome !== null && finished && (
        <p className={`ls-outcome is-${task.state}`}>
          {task.state === 'done' ? 'returned ' : task.state === 'failed' ? 'raised ' : ''}
          <code>{task.outcome}</code>
        </p>
      )}

      <p className="ls-created">
        created
        {task.createdLine > 0 && (
          <>
            {' at '}
            <LineLink line={task.createdLine} onReveal={onRevealLine} />
          </>
        )}
        {' by '}
        {parentName ?? 'the program'}
      </p>
    </li>
  );
});

function TasksPanelImpl({
  state,
  selectedTask,
  onSelectTask,
  onRevealLine,
  limit = 60,
}: TasksPanelProps) {
  const [showAll, setShowAll] = useState(false);
  const fresh = idSet(state.changed.tasks);
  const live = state.tasks.filter((t) => t.state !== 'done' && t.state !== 'cancelled').length;
  const list = capped(state.tasks, showAll ? 2000 : limit);
  return (
    <section className="ls-panel ls-tasks" aria-label="Tasks">
      <header className="ls-panel-header">
        <h2>Tasks</h2>
        <span className="ls-count ls-head-aside">
          {plural(state.tasks.length, 'task')}, {live} live
        </span>
      </header>
      <div className="ls-dbg-body">
        {state.tasks.length === 0 ? (
          <p className="ls-empty">No tasks yet.</p>
        ) : (
          <ul className="ls-task-list">
            {list.shown.map((t) => (
              <TaskCard
                key={t.id}
                task={t}
                parentName={t.parent >= 0 ? taskName(state, t.parent) : null}
                nowLine={t.id === state.currentTask ? state.currentLine : 0}
                selected={t.id === selectedTask}
                fresh={fresh.has(t.id)}
                onSelectTask={onSelectTask}
                onRevealLine={onRevealLine}
              />
            ))}
          </ul>
        )}
        {list.hidden > 0 && (
          <button type="button" className="ls-btn ls-more-btn" onClick={() => setShowAll(true)}>
            Show {list.hidden} more tasks
          </button>
        )}
      </div>
    </section>
  );
}

export const TasksPanel = memo(TasksPanelImpl);
