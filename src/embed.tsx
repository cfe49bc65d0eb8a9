import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LaunchedPlayground } from './share/LaunchedPlayground';
import { debuggerPanels } from './viz/debugger/DebuggerPanels';
import { TimelineRegion } from './viz/timeline/TimelineRegion';

// The debugger's panels plus the timeline along the bottom.
const panels = { ...debuggerPanels, timeline: <TimelineRegion /> };

// An embed takes the same link parameters as the page (docs/embedding.md). It never saves code,
// and never runs without its visible Run unless the link asks for autorun; its host talks to it
// through share/embed-messaging.ts.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LaunchedPlayground entry="embed" panels={panels} />
  </StrictMode>,
);
