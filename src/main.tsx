import { boot } from './boot';
import './register-sw';

// Python starts loading first, then the app mounts; see boot.ts. The page reads its share link
// (code, step, options) once (share/launch.ts); `?embed=1` turns it into an embed. The debugger's
// panels, timeline included, come from viz/debugger/DebuggerPanels.tsx (mount.tsx).
boot('page');
