import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Playground } from './app/Playground';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Playground config={{ storageKey: 'loopscope:code' }} />
  </StrictMode>,
);
