import { boot } from './boot';

// An embed takes the same link parameters as the page (docs/embedding.md). It never saves code,
// and never runs without its visible Run unless the link asks for autorun; its host talks to it
// through share/embed-messaging.ts. Python starts loading before the app mounts; see boot.ts.
boot('embed');
