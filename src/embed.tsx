import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Playground } from './app/Playground';
import { debuggerPanels } from './viz/debugger/DebuggerPanels';

// The embed's own code comes from its host (share/embed messaging adds that); until then it
// opens with the default example, does not persist, and never runs without its visible Run
// unless the URL asks for autorun.
const params = new URLSearchParams(location.search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Playground
      config={{ storageKey: null, embedded: true, autorun: params.get('autorun') === '1' }}
      panels={debuggerPanels}
    />
  </StrictMode>,
);
