// Monaco's contribution modules ship without declarations; they are imported only for their
// side effects (registering editor features), so an untyped declaration is all they need.
declare module 'monaco-editor/esm/vs/editor/browser/*';
declare module 'monaco-editor/esm/vs/editor/contrib/*';
declare module 'monaco-editor/esm/vs/features/*';
declare module 'monaco-editor/esm/vs/languages/definitions/*';
// Monaco's message tables: scripts that set its global messages (see monaco-locale.ts).
declare module 'monaco-editor/esm/vs/nls/lang/*';
