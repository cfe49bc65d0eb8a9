import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LaunchedPlayground } from './share/LaunchedPlayground';
import { debuggerPanels } from './viz/debugger/DebuggerPanels';
import { TimelineRegion } from './viz/timeline/TimelineRegion';
import './register-sw';

// The debugger's panels plus the timeline along the bottom.
const panels = { ...debuggerPanels, timeline: <TimelineRegion /> };

// The page reads its share link (code, step, options) once; see share/launch.ts. `?embed=1` turns
// it into an embed.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LaunchedPlayground entry="page" panels={panels} />
  </StrictMode>,
);
