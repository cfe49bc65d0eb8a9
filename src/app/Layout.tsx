/**
 * The playground's page layout as named regions. The shell fills toolbar, editor and console;
 * the debugger's panels go into loop, tasks, timeline (and inspector, under tasks). A region left
 * empty shows a quiet placeholder so the page keeps its shape before the first run.
 */
import type { ReactNode } from 'react';
import { useT } from '../i18n';

export interface LayoutRegions {
  toolbar: ReactNode;
  /** The debugger's bar (playback, explanation), full width under the toolbar; omitted if empty. */
  debugbar?: ReactNode;
  editor: ReactNode;
  console: ReactNode;
  /** The event loop: ready queue, timers, the running callback. */
  loop?: ReactNode;
  /** Tasks and the futures/resources they wait on. */
  tasks?: ReactNode;
  /** Details of the selected task/future/resource. */
  inspector?: ReactNode;
  /** The time axis with playback controls, full width at the bottom. */
  timeline?: ReactNode;
}

function Placeholder({ title, hint }: { title: string; hint: string }) {
  return (
    <section className="ls-panel ls-placeholder" aria-label={title}>
      <header className="ls-panel-header">
        <h2>{title}</h2>
      </header>
      <p className="ls-placeholder-hint">{hint}</p>
    </section>
  );
}

export function Layout({ regions, embedded }: { regions: LayoutRegions; embedded: boolean }) {
  const { t } = useT();
  return (
    <div className={`ls-layout${embedded ? ' ls-layout-embedded' : ''}`}>
      <div className="ls-region ls-region-toolbar">{regions.toolbar}</div>
      {regions.debugbar && <div className="ls-region ls-region-debugbar">{regions.debugbar}</div>}
      <div className="ls-region ls-region-editor">{regions.editor}</div>
      <div className="ls-region ls-region-console">{regions.console}</div>
      <div className="ls-region ls-region-loop">
        {regions.loop ?? <Placeholder title={t('panels.loop')} hint={t('panels.hint.loop')} />}
      </div>
      <div className="ls-region ls-region-tasks">
        {regions.tasks ?? <Placeholder title={t('panels.tasks')} hint={t('panels.hint.tasks')} />}
        {regions.inspector}
      </div>
      <div className="ls-region ls-region-timeline">
        {regions.timeline ?? (
          <Placeholder title={t('panels.timeline')} hint={t('panels.hint.timeline')} />
        )}
      </div>
    </div>
  );
}
