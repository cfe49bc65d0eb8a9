/**
 * One card per task: name, state badge, what it awaits in words, its await chain with lines and
 * locals, where and by whom it was created. Selecting a card selects the task everywhere
 * (editor lines, timeline lane) through the cursor slice's selectedTask.
 */
import { memo, useEffect, useRef, useState } from 'react';
import type { TaskView, TraceState } from '../../trace/types';
import { capped, idSet, liveCount, plural, taskById, taskName } from '../format';
import { STATE_COLORS, taskColor } from '../palette';
import { Rich } from '../Rich';
import { useVizT } from '../i18n';
import type { Translate } from '../i18n';

export interface TasksPanelProps {
  state: TraceState;
  selectedTask: number;
  onSelectTask(id: number): void;
  /** Reveal a line of the program in the editor. */
  onRevealLine?(line: number): void;
  limit?: number;
}

export function LineLink({
  line,
  onReveal,
  t,
}: {
  line: number;
  onReveal?(line: number): void;
  t: Translate;
}) {
  if (line <= 0) return null;
  const text = t('common.line', 'line {{line}}', { line });
  if (!onReveal) return <span className="ls-line">{text}</span>;
  return (
    <button
      type="button"
      className="ls-line ls-link"
      title={t('common.showLine', 'Show line {{line}} in the editor', { line })}
      onClick={(e) => {
        e.stopPropagation();
        onReveal(line);
      }}
    >
      {text}
    </button>
  );
}

export function StateBadge({ state, t }: { state: string; t: Translate }) {
  return (
    <span
      className="ls-badge"
      style={{ ['--ls-badge' as string]: STATE_COLORS[state] ?? '#8b949e' }}
    >
      {t(`tasks.state.${state}`, state)}
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
  t: Translate;
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
  t,
}: CardProps) {
  const frozen = task.state === 'suspended' || task.state === 'ready' || task.state === 'pending';
  const finished = task.state === 'done' || task.state === 'failed' || task.state === 'cancelled';
  return (
    <li
      className={`ls-task-card is-${task.state}${selected ? ' is-selected' : ''}${fresh ? ' is-fresh' : ''}`}
      style={{ ['--ls-task' as string]: taskColor(task.id) }}
      data-task={task.id}
      data-state={task.state}
      aria-label={t('tasks.card', 'Task {{name}}, {{state}}', {
        name: task.name,
        state: t(`tasks.state.${task.state}`, task.state),
      })}
    >
      <div className="ls-task-head">
        <button
          type="button"
          className="ls-task-name"
          aria-pressed={selected}
          title={
            selected
              ? t('tasks.unselect', 'Clear the selection')
              : t('tasks.select', 'Select {{name}}: highlight its lines and lane', {
                  name: task.name,
                })
          }
          onClick={() => onSelectTask(task.id)}
        >
          <span className="ls-task-dot" aria-hidden="true" />
          {task.name}
        </button>
        <StateBadge t={t} state={task.state} />
        <span className="ls-coro">{task.coro}</span>
      </div>

      {task.awaiting && (
        <p className="ls-awaits">
          {t('tasks.awaits', 'awaits')}{' '}
          <b>
            <Rich text={task.awaiting.text} />
          </b>
        </p>
      )}
      {task.cancelling > 0 && task.state !== 'cancelled' && (
        <p className="ls-cancelling">
          {t('tasks.cancelRequested', 'cancel requested')}
          {task.cancelling > 1 ? ` ×${task.cancelling}` : ''}
        </p>
      )}

      {nowLine > 0 && (
        <p className="ls-now">
          {t('tasks.nowAt', 'now at')} <LineLink t={t} line={nowLine} onReveal={onRevealLine} />
          {task.chain.length > 0 && (
            <span className="ls-hint-inline">
              {' '}
              {t('tasks.framesAsOf', '(frames as of its last await)')}
            </span>
          )}
        </p>
      )}
      {task.chain.length > 0 && !finished && (
        <ol
          className={`ls-chain${frozen ? ' is-frozen' : ''}`}
          aria-label={t('tasks.chain', 'Await chain of {{name}}', { name: task.name })}
        >
          {task.chain.map((f, i) => {
            const locals = Object.entries(f.locals);
            return (
              <li key={i} className="ls-frame">
                <div className="ls-frame-head">
                  <span className="ls-func">{f.func}</span>
                  <LineLink t={t} line={f.line} onReveal={onRevealLine} />
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
          {task.state === 'done'
            ? `${t('tasks.returned', 'returned')} `
            : task.state === 'failed'
              ? `${t('tasks.raised', 'raised')} `
              : ''}
          <code>{task.outcome}</code>
        </p>
      )}

      <p className="ls-created">
        {t('tasks.createdBy', 'created by {{parent}}', {
          parent: parentName ?? t('tasks.theProgram', 'the program'),
        })}
        {task.createdLine > 0 && (
          <>
            {', '}
            <LineLink t={t} line={task.createdLine} onReveal={onRevealLine} />
          </>
        )}
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
  const live = liveCount(state.tasks);
  const capList = capped(state.tasks, showAll ? 2000 : limit);
  // A task selected elsewhere (the timeline) gets its card even when it is past the cap.
  const extra =
    selectedTask >= 0 && !capList.shown.some((x) => x.id === selectedTask)
      ? taskById(state, selectedTask)
      : undefined;
  const list = extra ? { shown: [...capList.shown, extra], hidden: capList.hidden - 1 } : capList;
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (selectedTask < 0) return;
    const card = listRef.current?.querySelector(`[data-task="${selectedTask}"]`);
    // scrollIntoView is missing in some non-browser renderers; the card is there either way.
    card?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedTask]);
  const t = useVizT();
  return (
    <section className="ls-panel ls-tasks" aria-label={t('panels.tasks', 'Tasks')}>
      <header className="ls-panel-header">
        <h2>{t('panels.tasks', 'Tasks')}</h2>
        <span className="ls-count ls-head-aside">
          {t('tasks.count', `${plural(state.tasks.length, 'task')}, {{live}} live`, {
            total: state.tasks.length,
            live,
          })}
        </span>
      </header>
      <div className="ls-dbg-body">
        {state.tasks.length === 0 ? (
          <p className="ls-empty">{t('tasks.none', 'No tasks yet.')}</p>
        ) : (
          <ul className="ls-task-list" ref={listRef}>
            {list.shown.map((task) => (
              <TaskCard
                key={task.id}
                task={task}
                parentName={task.parent >= 0 ? taskName(state, task.parent) : null}
                nowLine={task.id === state.currentTask ? state.currentLine : 0}
                selected={task.id === selectedTask}
                fresh={fresh.has(task.id)}
                onSelectTask={onSelectTask}
                onRevealLine={onRevealLine}
                t={t}
              />
            ))}
          </ul>
        )}
        {list.hidden > 0 && (
          <button type="button" className="ls-btn ls-more-btn" onClick={() => setShowAll(true)}>
            {t('tasks.showMore', 'Show {{count}} more tasks', { count: list.hidden })}
          </button>
        )}
      </div>
    </section>
  );
}

export const TasksPanel = memo(TasksPanelImpl);
