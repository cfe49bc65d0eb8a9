/**
 * The timeline connected to the playground store: the trace of the last run, the cursor's step
 * and the selected task, with clicks going back through the cursor slice's actions (seek,
 * selectTask). Goes into the layout's `timeline` region.
 */
import { useCallback, useMemo } from 'react';
import { usePlaygroundStore, usePlaygroundStoreApi } from '../../store/context';
import { indexFor } from '../../store/slices/cursor-source';
import { traceToJson } from '../../trace/json';
import { useVizT } from '../i18n';
import { Timeline } from './Timeline';

export function TimelineRegion() {
  const t = useVizT();
  const store = usePlaygroundStoreApi();
  const trace = usePlaygroundStore((s) => s.trace);
  const step = usePlaygroundStore((s) => s.step);
  const selectedTask = usePlaygroundStore((s) => s.selectedTask);
  // The editor's numbers for the run's lines after an edit (set by the debugger's editor hook-up).
  const lines = usePlaygroundStore((s) => s.runLines);
  // The debugger's index of the same trace (built once, shared): its lifecycles word the waits
  // on the timeline as the task cards word them.
  const normalized = useMemo(() => {
    const index = trace ? indexFor(trace) : null;
    return index && !(index instanceof Error) ? index.nz : null;
  }, [trace]);
  const onSeek = useCallback(
    (n: number) => {
      const s = store.getState();
      // A click on the timeline is a jump: stop playback so the cursor stays where it was put.
      if (s.playing) s.pause();
      s.seek(n);
    },
    [store],
  );
  const onSelectTask = useCallback(
    (task: number) => {
      const s = store.getState();
      // selectTask toggles; the timeline asks for a definite task (or -1 to clear).
      if (task < 0) {
        if (s.selectedTask >= 0) s.selectTask(s.selectedTask);
      } else if (s.selectedTask !== task) s.selectTask(task);
    },
    [store],
  );

  if (!trace || trace.events.kind.length === 0) {
    return (
      <section className="ls-panel ls-placeholder" aria-label={t('timeline.title', 'Timeline')}>
        <header className="ls-panel-header">
          <h2>{t('timeline.title', 'Timeline')}</h2>
        </header>
        <p className="ls-placeholder-hint">
          {t('timeline.empty', "Run a program to see every task as a lane on the loop's clock.")}
        </p>
      </section>
    );
  }
  return (
    <Timeline
      trace={trace}
      step={step}
      onSeek={onSeek}
      selectedTask={selectedTask}
      onSelectTask={onSelectTask}
      toLoopscopeJson={traceToJson}
      normalized={normalized}
      lines={lines}
    />
  );
}
