import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { CodeEditor, type LineHighlight } from '../editor/LazyCodeEditor';
import { useT } from '../i18n';
import { createPlaygroundStore } from '../store/create-store';
import { PlaygroundStoreContext, usePlaygroundStore } from '../store/context';
import { ConsolePanel } from '../viz/console/ConsolePanel';
import { resolveConfig, type PlaygroundConfig } from './config';
import { PlaygroundController } from './controller';
import { PlaygroundControllerContext } from './controller-context';
import { DEFAULT_EXAMPLE } from './default-example';
import { Layout, type LayoutRegions } from './Layout';
import { loadSavedCode, saveCode } from './storage';
import { Toolbar } from './Toolbar';
import './playground.css';

export interface PlaygroundProps {
  config?: PlaygroundConfig;
  /** Panels for the debugger regions; any left out show a placeholder. */
  panels?: Pick<LayoutRegions, 'debugbar' | 'loop' | 'tasks' | 'inspector' | 'timeline'>;
  /** Extra toolbar content inside the store and controller contexts (share/CourseLayer). */
  toolbarExtras?: ReactNode;
  /**
   * Called when Python starts after mounting with `startRuntime: false`: from the host's own
   * button (`controller.start()`) or because the reader pressed Run. Read once, like `config`.
   */
  onRuntimeStart?(): void;
}

/**
 * One self-contained playground: its own store, its own Python worker. Render several on a page
 * and they never share state.
 */
export function Playground({ config, panels, toolbarExtras, onRuntimeStart }: PlaygroundProps) {
  const [deferred, setDeferred] = useState(() => config?.startRuntime === false);
  // Created once per instance: config changes after mount are not applied (a host remounts
  // with a new key to start over), which keeps the worker and the store stable.
  const [{ store, controller, resolved }] = useState(() => {
    const resolved = resolveConfig(config);
    const code = loadSavedCode(resolved.storageKey) ?? resolved.initialCode ?? DEFAULT_EXAMPLE;
    const store = createPlaygroundStore({ code, filename: resolved.filename });
    const controller = new PlaygroundController(store, resolved, {
      onStart: () => {
        setDeferred(false);
        onRuntimeStart?.();
      },
    });
    return { store, controller, resolved };
  });

  useEffect(() => {
    if (resolved.startRuntime) controller.start();
    return () => controller.dispose();
  }, [controller, resolved]);

  // The controller saves edits once it has started. Before that (a recorded run shown without
  // Python) every edit is saved here, as the controller would, so a reload or another link does
  // not lose it. Whatever was saved before is the host's to keep before it mounts a program over
  // it (share/LaunchedPlayground asks first and keeps it, as for any link's program).
  useEffect(() => {
    const key = resolved.storageKey;
    if (!deferred || key === null) return;
    return store.subscribe((state, prev) => {
      if (state.code !== prev.code) saveCode(key, state.code);
    });
  }, [deferred, store, resolved]);

  return (
    <PlaygroundStoreContext.Provider value={store}>
      <PlaygroundControllerContext.Provider value={controller}>
        <Shell
          controller={controller}
          embedded={resolved.embedded}
          readOnly={resolved.readOnly}
          runtimeDeferred={deferred}
          panels={panels}
          toolbarExtras={toolbarExtras}
        />
      </PlaygroundControllerContext.Provider>
    </PlaygroundStoreContext.Provider>
  );
}

function Shell({
  controller,
  embedded,
  readOnly,
  runtimeDeferred,
  panels,
  toolbarExtras,
}: {
  controller: PlaygroundController;
  embedded: boolean;
  readOnly: boolean;
  runtimeDeferred: boolean;
  panels: PlaygroundProps['panels'];
  toolbarExtras: ReactNode;
}) {
  const { t } = useT();
  const status = usePlaygroundStore((s) => s.runtimeStatus);
  const runSeq = usePlaygroundStore((s) => s.runSeq);
  const running = usePlaygroundStore((s) => s.running);
  const code = usePlaygroundStore((s) => s.code);
  const filename = usePlaygroundStore((s) => s.filename);
  const setCode = usePlaygroundStore((s) => s.setCode);
  const syntaxError = usePlaygroundStore((s) => s.syntaxError);
  const errorLine = usePlaygroundStore((s) => s.errorLine);
  const highlights = useMemo<LineHighlight[]>(
    () => (errorLine ? [{ line: errorLine.line, kind: 'error', message: errorLine.message }] : []),
    [errorLine],
  );

  // Ctrl/Cmd+Enter anywhere on the playground, not only inside the editor.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
        event.preventDefault();
        void controller.run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);

  return (
    <main
      className="ls-playground"
      aria-label={t('app.playground')}
      // Readiness signals for tests and hosts: the runtime's state and the last run's number.
      data-runtime-state={status}
      data-run-seq={runSeq}
      data-run-state={running ? 'running' : 'idle'}
    >
      <Layout
        embedded={embedded}
        regions={{
          toolbar: (
            <Toolbar
              controller={controller}
              embedded={embedded}
              runStartsRuntime={runtimeDeferred}
              extras={toolbarExtras}
            />
          ),
          editor: (
            <section className="ls-panel ls-editor-panel" aria-label={t('panels.editor')}>
              <CodeEditor
                path={filename}
                value={code}
                onChange={setCode}
                syntaxError={syntaxError}
                highlights={highlights}
                readOnly={readOnly}
                onRun={() => void controller.run()}
                ariaLabel={t('panels.editorAria', { filename })}
              />
            </section>
          ),
          console: <ConsolePanel />,
          ...panels,
        }}
      />
    </main>
  );
}
