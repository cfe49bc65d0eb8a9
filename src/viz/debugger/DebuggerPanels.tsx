/**
 * The debugger's panels connected to the playground store. Each reads (trace, step) through
 * useDebugView and hands plain data to the pure panels in src/viz; the cursor slice's actions
 * do all the moving.
 *
 * Regions (see app/Layout): `debugbar` (full width under the toolbar) holds the stale banner,
 * playback and explanation; `loop` the event loop; `tasks` the task cards; `inspector` futures
 * and resources.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { TaskView } from '../../trace/types';
import { useShallow } from 'zustand/react/shallow';
import { usePlaygroundController } from '../../app/controller-context';
import { attachDebugger } from '../../editor/debug-decorations';
import type { DebuggerDecorations } from '../../editor/debug-decorations';
import { monaco } from '../../editor/monaco';
import { usePlaygroundStore, usePlaygroundStoreApi } from '../../store/context';
import { failureMarks } from '../../store/slices/cursor-source';
import { ExplanationBar } from '../explain/ExplanationBar';
import { StaleBanner } from '../explain/StaleBanner';
import { emptyState, taskAwaitLine } from '../../trace/index';
import { formatCount, pendingFutures } from '../format';
import { FuturesList } from '../futures/FuturesPanel';
import { LoopPanel } from '../loop/LoopPanel';
import { runCommand } from '../playback/commands';
import { HelpOverlay } from '../playback/HelpOverlay';
import { useDebuggerShortcuts, useFocusAfterRun, usePlayback } from '../playback/hooks';
import { PlaybackControls } from '../playback/PlaybackControls';
import { ResourcesList } from '../resources/ResourcesPanel';
import { RunLinesContext } from '../tasks/run-lines';
import { TasksPanel } from '../tasks/TasksPanel';
import { TimelineRegion } from '../timeline/TimelineRegion';
import { caretLine, revealLine, watchEditor } from './editor-bridge';
import { editorState, marksKey, sameKey } from './editor-view';
import { tabFor } from './tab-keys';
import { useDebugView } from './hooks';
import { useVizT } from '../i18n';

import '../debugger.css';

/** What the panels show before the first run; one shared object, so memoized panels stay put. */
const NO_RUN = emptyState();

/** The run shortcut as the shell binds it (Playground.tsx: Ctrl/Cmd+Enter). */
const RUN_KEYS = 'Ctrl+Enter';

/**
 * The shown run's line mapping (the store's runLines, set by EditorDebugger), for the panels'
 * line numbers (../tasks/run-lines.tsx). It changes only on an edit that moves a line.
 */
function useRunLines() {
  return usePlaygroundStore((s) => s.runLines);
}

/**
 * Cursor actions are stable functions on the store; read them once. The state object holding
 * them is new after every move, and handing a new one down would render the memoized playback
 * rows again on every step.
 */
function useCursorActions() {
  const store = usePlaygroundStoreApi();
  return useMemo(() => store.getState(), [store]);
}

/** Stale banner, playback controls, explanation and warnings; owns the keyboard and playback. */
export function DebugBar() {
  const root = useRef<HTMLElement>(null);
  const store = usePlaygroundStoreApi();
  const controller = usePlaygroundController();
  const actions = useCursorActions();
  const { index, state, error } = useDebugView();
  const c = usePlaygroundStore(
    useShallow((s) => ({
      step: s.step,
      granularity: s.granularity,
      playing: s.playing,
      speed: s.speed,
      notice: s.cursorNotice,
    })),
  );
  const stale = usePlaygroundStore((s) => s.trace !== null && s.code !== s.trace.meta.source);
  const runLines = useRunLines();
  const [help, setHelp] = useState(false);
  const t = useVizT();

  usePlayback(c.playing, c.speed, actions.advance);

  const helpOpen = useRef(help);
  useEffect(() => {
    helpOpen.current = help;
  });
  const onCommand = useCallback(
    (cmd: Parameters<typeof runCommand>[0]) => {
      // Escape means something only while the list is open; otherwise leave it to the page.
      if (cmd.type === 'closeHelp' && !helpOpen.current) return false;
      runCommand(cmd, store.getState(), {
        toggleHelp: () => setHelp((h) => !h),
        closeHelp: () => setHelp(false),
        caretLine: () => caretLine(root.current),
      });
    },
    [store],
  );
  useDebuggerShortcuts(true, onCommand, root);
  useFocusAfterRun(store, root);

  const length = index?.eventCount ?? 0;
  const reveal = useCallback((line: number) => revealLine(root.current, line), []);
  const openHelp = useCallback(() => setHelp(true), []);
  return (
    <section
      ref={root}
      className="ls-panel ls-dbg-fixed ls-debugbar"
      aria-label={t('panels.debugger', 'Debugger')}
      data-step={state ? state.step : -1}
      data-current-line={state?.currentLine ?? 0}
      data-current-task={state?.currentTask ?? -1}
    >
      <PlaybackControls
        step={Math.min(c.step, Math.max(0, length - 1))}
        length={length}
        time={state?.time ?? 0}
        iteration={state?.iteration ?? 0}
        granularity={c.granularity}
        playing={c.playing}
        speed={c.speed}
        notice={c.notice}
        cursor={actions}
        onHelp={openHelp}
      />
      {/* The stale banner lies over the explanation (which is the old run's), so an edit after a
          run does not push the page down under the caret. */}
      <div className="ls-explain-slot">
        <RunLinesContext value={runLines}>
          <ExplanationBar
            explanation={
              error ? `This trace cannot be shown: ${error}` : (state?.explanation ?? '')
            }
            explanationMessage={error ? undefined : state?.explanationMessage}
            warnings={state?.warnings ?? []}
            runWarnings={error ? undefined : index?.warnings}
            onRevealLine={reveal}
          />
        </RunLinesContext>
        <StaleBanner stale={stale} onRerun={() => void controller.run()} runKeys={RUN_KEYS} />
      </div>
      <HelpOverlay open={help} onClose={() => setHelp(false)} runKeys={RUN_KEYS} />
      <EditorDebugger scope={root} />
    </section>
  );
}

/**
 * Keeps this playground's editor in step with the cursor: current line, suspended-task gutter
 * marks, selected task lines, error marks; a click on a line number runs to that line.
 */
function EditorDebugger({ scope }: { scope: RefObject<HTMLElement | null> }) {
  const store = usePlaygroundStoreApi();
  const { state, index } = useDebugView();
  const selectedTask = usePlaygroundStore((s) => s.selectedTask);
  const t = useVizT();
  const [marks, setMarks] = useState<DebuggerDecorations | null>(null);
  const errors = useMemo(() => (index ? [...index.errors, ...failureMarks(index)] : []), [index]);
  const awaitLine = useMemo(
    () => (index ? (task: TaskView) => taskAwaitLine(index, task) : undefined),
    [index],
  );

  useEffect(() => {
    const el = scope.current;
    if (!el) return;
    let current: DebuggerDecorations | null = null;
    const stop = watchEditor(el, (editor) => {
      current?.dispose();
      current = editor
        ? attachDebugger(monaco, editor, {
            onLineClick: (line, direction, shown) =>
              store.getState().runToLine(line, direction, shown),
            // The panels show the run's lines where the editor has them now.
            onLinesChange: (lines) => store.getState().setRunLines(lines),
          })
        : null;
      setMarks(current);
    });
    return () => {
      stop();
      current?.dispose();
    };
  }, [scope, store]);

  // Most steps mid-run on a big trace leave the marks as they were (every parked task still
  // parked on the same line): skip the update then, and with it Monaco's redraw.
  const shown = useRef<{ marks: DebuggerDecorations; key: readonly unknown[] } | null>(null);
  useEffect(() => {
    if (!marks) return;
    const view = editorState(state, index);
    // The hovers are in the reader's language: a switch sets the marks again.
    const key = [...marksKey(view, selectedTask, errors), t];
    if (shown.current?.marks === marks && sameKey(shown.current.key, key)) return;
    shown.current = { marks, key };
    marks.update(view, selectedTask, errors, awaitLine, t);
  }, [marks, state, index, selectedTask, errors, awaitLine, t]);
  return null;
}

/** The event loop panel at the cursor. */
export function LoopRegion() {
  const { state } = useDebugView();
  const selectedTask = usePlaygroundStore((s) => s.selectedTask);
  const runLines = useRunLines();
  return (
    <RunLinesContext value={runLines}>
      <LoopPanel state={state ?? NO_RUN} selectedTask={selectedTask} />
    </RunLinesContext>
  );
}

/** Task cards at the cursor; selecting one selects it in the editor and the timeline. */
export function TasksRegion() {
  const root = useRef<HTMLDivElement>(null);
  const { state } = useDebugView();
  const selectedTask = usePlaygroundStore((s) => s.selectedTask);
  const selectTask = usePlaygroundStore((s) => s.selectTask);
  const reveal = useCallback((line: number) => revealLine(root.current, line), []);
  const runLines = useRunLines();
  return (
    <div ref={root} className="ls-dbg-region">
      <RunLinesContext value={runLines}>
        <TasksPanel
          state={state ?? NO_RUN}
          selectedTask={selectedTask}
          onSelectTask={selectTask}
          onRevealLine={reveal}
        />
      </RunLinesContext>
    </div>
  );
}

type InspectorTab = 'futures' | 'resources';

/** Futures and resources, as two tabs sharing one panel under the tasks. */
export function InspectorRegion() {
  const root = useRef<HTMLElement>(null);
  const { state: maybe } = useDebugView();
  const state = maybe ?? NO_RUN;
  const selectedTask = usePlaygroundStore((s) => s.selectedTask);
  const selectTask = usePlaygroundStore((s) => s.selectTask);
  const t = useVizT();
  const [tab, setTab] = useState<InspectorTab>('futures');
  const id = useId();
  const tabButtons = useRef<(HTMLButtonElement | null)[]>([]);
  const runLines = useRunLines();
  const reveal = useCallback((line: number) => revealLine(root.current, line), []);
  // The Futures list shows done futures too: its tab counts the pending ones and says so (a bare
  // "Futures 0" over a list of done tasks read as a wrong count).
  const tabs: { id: InspectorTab; label: string; count: string }[] = [
    {
      id: 'futures',
      label: t('panels.futures', 'Futures'),
      count: t('futures.pendingCount', '{{count}} pending', {
        count: formatCount(pendingFutures(state)),
      }),
    },
    {
      id: 'resources',
      label: t('panels.resources', 'Resources'),
      count: String(state.resources.length),
    },
  ];
  const props = { state, selectedTask, onSelectTask: selectTask, onRevealLine: reveal };
  return (
    <section
      ref={root}
      className="ls-panel ls-inspector"
      aria-label={t('panels.inspector', 'Futures and resources')}
    >
      <header className="ls-panel-header">
        <div
          role="tablist"
          aria-label={t('panels.inspector', 'Futures and resources')}
          className="ls-tabs"
        >
          {tabs.map((tb, i) => (
            <button
              key={tb.id}
              ref={(el) => {
                tabButtons.current[i] = el;
              }}
              id={`${id}-tab-${tb.id}`}
              type="button"
              role="tab"
              aria-selected={tab === tb.id}
              aria-controls={`${id}-body`}
              tabIndex={tab === tb.id ? 0 : -1}
              className="ls-tab"
              onClick={() => setTab(tb.id)}
              onKeyDown={(e) => {
                if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
                const next = tabFor(e.key, i, tabs.length);
                if (next === null) return;
                // The tab's own keys: the debugger's shortcuts (step, Home/End of the run) must
                // not act on them too; they skip a handled (default-prevented) key.
                e.preventDefault();
                e.stopPropagation();
                setTab(tabs[next].id);
                // Focus moves with the selection, so the focused tab is always the selected one.
                tabButtons.current[next]?.focus();
              }}
            >
              {tb.label} <span className="ls-count">{tb.count}</span>
            </button>
          ))}
        </div>
      </header>
      <div
        id={`${id}-body`}
        className="ls-dbg-body"
        role="tabpanel"
        aria-labelledby={`${id}-tab-${tab}`}
      >
        <RunLinesContext value={runLines}>
          {tab === 'futures' ? <FuturesList {...props} /> : <ResourcesList {...props} />}
        </RunLinesContext>
      </div>
    </section>
  );
}

/** The panels for <Playground panels={...}>. */
export const debuggerPanels = {
  debugbar: <DebugBar />,
  loop: <LoopRegion />,
  tasks: <TasksRegion />,
  inspector: <InspectorRegion />,
  // The timeline helper's region, reading the same cursor (step, selectedTask).
  timeline: <TimelineRegion />,
};
