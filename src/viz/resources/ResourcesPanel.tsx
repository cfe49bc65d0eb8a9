/**
 * Synchronization primitives, queues and network connections, each with who holds it and who
 * waits for it, in the order they will be woken.
 */
import { memo } from 'react';
import type { ResourceView, TraceState } from '../../trace/types';
import { capped, plural, taskName } from '../format';
import { TaskChip } from '../TaskChip';
import { useVizT } from '../i18n';
import type { Translate } from '../i18n';
import { LineLink } from '../tasks/TasksPanel';

export interface ResourcesPanelProps {
  state: TraceState;
  selectedTask: number;
  onSelectTask(id: number): void;
  onRevealLine?(line: number): void;
  limit?: number;
}

/** English names; the translated ones are resources.kind.* in src/i18n. */
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
export function resourceValue(r: ResourceView, t: Translate = english): string {
  const cap = r.capacity > 0;
  const n = { value: r.value, capacity: r.capacity };
  switch (r.kind) {
    case 'lock':
    case 'condition':
      return r.holders.length > 0
        ? t('resources.locked', 'locked')
        : t('resources.unlocked', 'unlocked');
    case 'event':
      return r.value ? t('resources.set', 'set') : t('resources.clear', 'clear');
    case 'semaphore':
    case 'bounded-semaphore':
      return cap
        ? t('resources.valueOf', 'value {{value}} of {{capacity}}', n)
        : t('resources.value', 'value {{value}}', n);
    case 'barrier':
      return t('resources.arrived', '{{value}} of {{capacity}} arrived', n);
    case 'queue':
      return cap
        ? t('resources.itemsOf', `${plural(r.value, 'item')} of {{capacity}}`, n)
        : t('resources.items', plural(r.value, 'item'), n);
    case 'connection':
      return t('resources.inFlight', '{{value}} bytes in flight', n);
    case 'server':
      return t('resources.listening', 'listening');
    case 'worker':
      return r.holders.length > 0 ? t('resources.busy', 'busy') : t('resources.idle', 'idle');
  }
}

/** Fills {{name}} placeholders in the English text; for callers outside React. */
const english: Translate = (_key, text, params) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params?.[k] ?? ''));

/** The body of the panel, also used inside the tabbed inspector. */
export function ResourcesList({
  state,
  selectedTask,
  onSelectTask,
  onRevealLine,
  limit = 40,
}: ResourcesPanelProps) {
  const list = capped(state.resources, limit);
  const t = useVizT();
  const chips = (ids: number[]) =>
    ids.map((id) => (
      <TaskChip
        key={id}
        id={id}
        name={taskName(state, id)}
        selected={id === selectedTask}
        onSelect={onSelectTask}
      />
    ));
  return (
    <>
      {state.resources.length === 0 ? (
        <p className="ls-empty">{t('resources.none', 'No locks, queues or connections yet.')}</p>
      ) : (
        <ul className="ls-rows">
          {list.shown.map((r) => (
            <li
              key={r.id}
              className={`ls-row${r.waiters.length > 0 ? ' has-waiters' : ''}`}
              data-resource={r.id}
            >
              <div className="ls-row-head">
                <span className="ls-kind">{t(`resources.kind.${r.kind}`, KIND_WORDS[r.kind])}</span>
                <span className="ls-row-title">
                  <code>{r.name}</code>
                </span>
                <span className="ls-value">{resourceValue(r, t)}</span>
                <LineLink t={t} line={r.line} onReveal={onRevealLine} />
              </div>
              {r.holders.length > 0 && (
                <div className="ls-row-line">
                  <span className="ls-row-key">
                    {r.kind === 'worker'
                      ? t('resources.runningFor', 'running for')
                      : t('resources.holders', 'held by')}
                  </span>
                  {chips(r.holders)}
                </div>
              )}
              {r.waiters.length > 0 && (
                <div className="ls-row-line">
                  <span className="ls-row-key">{t('resources.waiters', 'waiting')}</span>
                  {chips(r.waiters)}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {list.hidden > 0 && (
        <p className="ls-more">{t('common.more', '+{{count}} more', { count: list.hidden })}</p>
      )}
    </>
  );
}

function ResourcesPanelImpl(props: ResourcesPanelProps) {
  const t = useVizT();
  return (
    <section className="ls-panel ls-resources" aria-label={t('panels.resources', 'Resources')}>
      <header className="ls-panel-header">
        <h2>{t('panels.resources', 'Resources')}</h2>
        <span className="ls-count ls-head-aside">{props.state.resources.length}</span>
      </header>
      <div className="ls-dbg-body">
        <ResourcesList {...props} />
      </div>
    </section>
  );
}

export const ResourcesPanel = memo(ResourcesPanelImpl);
