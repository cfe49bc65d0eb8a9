import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Playground } from './app/Playground';
import { debuggerPanels } from './viz/debugger/DebuggerPanels';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Playground config={{ storageKey: 'loopscope:code' }} panels={debuggerPanels} />
  </StrictMode>,
);
