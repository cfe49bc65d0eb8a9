/**
 * Synchronization primitives, queues and network connections, each with who holds it and who
 * waits for it, in the order they will be woken.
 */
import { memo } from 'react';
import type { ResourceView, TraceState } from '../../trace/types';
import { capped, taskName } from '../format';
import { TaskChip } from '../TaskChip';
import { LineLink } from '../tasks/TasksPanel';

export interface ResourcesPanelProps {
  state: TraceState;
  selectedTask: number;
  onSelectTask(id: number): void;
  onRevealLine?(line: number): void;
  limit?: number;
}

const KIND_WORDS: Record<ResourceView['kind'], string> = {
  lock: 'Lock',
  event: 'Event',
  condition: 'Condition',
  semaphore: 'Semaphore',
  'bounded-semaphore': 'BoundedSemaphore',
  barrier: 'Barrier',
  queue: 'Queue',
  server: 'Server',
  connection: 'Connection',
  worker: 'Worker thread',
};

/** The one number that matters for each kind, in words. */
export function resourceValue(r: ResourceView): string {
  switch (r.kind) {
    case 'lock':
    case 'condition':
      return r.holders.length > 0 ? 'locked' : 'unlocked';
    case 'event':
      return r.value ? 'set' : 'clear';
    case 'semaphore':
    case 'bounded-semaphore':
      return `value ${r.value}${r.capacity > 0 ? ` of ${r.capacity}` : ''}`;
    case 'barrier':
      return `${r.value} of ${r.capacity} arrived`;
    case 'queue':
      return `${r.value} item${r.value === 1 ? '' : 's'}${r.capacity > 0 ? ` of ${r.capacity}` : ''}`;
    case 'connection':
      return `${r.value} bytes in flight`;
    case 'server':
      return 'listening';
    case 'worker':
      return r.holders.length > 0 ? 'busy' : 'idle';
  }
}

/** The body of the panel, also used inside the tabbed inspector. */
export function ResourcesList({
  state,
  selectedTask,
  onSelectTask,
  onRevealLine,
  limit = 40,
}: ResourcesPanelProps) {
  const list = capped(state.resources, limit);
  const chips = (ids: number[]) =>
    ids.map((t) => (
      <TaskChip
        key={t}
        id={t}
        name={taskName(state, t)}
        selected={t === selectedTask}
        onSelect={onSelectTask}
      />
    ));
  return (
    <>
      {state.resources.length === 0 ? (
        <p className="ls-empty">No locks, queues or connections yet.</p>
      ) : (
        <ul className="ls-rows">
          {list.shown.map((r) => (
            <li
              key={r.id}
              className={`ls-row${r.waiters.length > 0 ? ' has-waiters' : ''}`}
              data-resource={r.id}
            >
              <div className="ls-row-head">
                <span className="ls-kind">{KIND_WORDS[r.kind]}</span>
                <span className="ls-row-title">
                  <code>{r.name}</code>
                </span>
                <span className="ls-value">{resourceValue(r)}</span>
                <LineLink line={r.line} onReveal={onRevealLine} />
              </div>
              {r.holders.length > 0 && (
                <div className="ls-row-line">
                  <span className="ls-row-key">
                    {r.kind === 'worker' ? 'running for' : 'held by'}
                  </span>
                  {chips(r.holders)}
                </div>
              )}
              {r.waiters.length > 0 && (
                <div className="ls-row-line">
                  <span className="ls-row-key">waiting</span>
                  {chips(r.waiters)}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {list.hidden > 0 && <p className="ls-more">+{list.hidden} more</p>}
    </>
  );
}

function ResourcesPanelImpl(props: ResourcesPanelProps) {
  return (
    <section className="ls-panel ls-resources" aria-label="Resources">
      <header className="ls-panel-header">
        <h2>Resources</h2>
        <span className="ls-count ls-head-aside">{props.state.resources.length}</span>
      </header>
      <div className="ls-dbg-body">
        <ResourcesList {...props} />
      </div>
    </section>
  );
}

export const ResourcesPanel = memo(ResourcesPanelImpl);
