/**
 * Renders the playground into #root with the debugger's panels. Loaded by boot.ts after the
 * Python worker has been started. The panels (and the timeline) are in their own chunk, like
 * Monaco, so the toolbar, the editor's text and the console appear without waiting for them.
 */
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import type { PlaygroundProps } from './app/Playground';
import { RegionBoundary } from './app/RegionBoundary';
import { whenMonacoLocaleReady } from './editor/monaco-locale';
import { LaunchedPlayground } from './share/LaunchedPlayground';

type PanelKey = keyof NonNullable<PlaygroundProps['panels']>;

// The panels' chunk evaluates Monaco too: its messages first (editor/monaco-locale.ts).
const loadPanels = () =>
  whenMonacoLocaleReady().then(() => import('./viz/debugger/DebuggerPanels'));

/**
 * One region of `debuggerPanels` (viz/debugger/DebuggerPanels.tsx, which decides what goes
 * where), rendered once its chunk has arrived; the region stays empty until then. A chunk that
 * fails to load, or a panel that throws, takes down only its own region.
 */
function lazyRegion(key: PanelKey) {
  const Region = lazy(() =>
    loadPanels().then(({ debuggerPanels }) => ({
      default: () => (debuggerPanels as PlaygroundProps['panels'])?.[key] ?? null,
    })),
  );
  return (
    <RegionBoundary name={key}>
      <Suspense fallback={null}>
        <Region />
      </Suspense>
    </RegionBoundary>
  );
}

const panels: PlaygroundProps['panels'] = {
  debugbar: lazyRegion('debugbar'),
  loop: lazyRegion('loop'),
  tasks: lazyRegion('tasks'),
  inspector: lazyRegion('inspector'),
  timeline: lazyRegion('timeline'),
};

/** `entry` as for LaunchedPlayground: the page reads its share link; `?embed=1` makes an embed. */
export function mountPlayground(entry: 'page' | 'embed'): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LaunchedPlayground entry={entry} panels={panels} />
    </StrictMode>,
  );
}
