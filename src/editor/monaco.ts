/**
 * Monaco, slim: the editor API plus only what editing Python needs (tokenizer, find, comments,
 * brackets, folding, hover for marker messages, multi-cursor and line operations). The full
 * `monaco-editor` entry would pull in every language, TypeScript's worker and more, megabytes
 * the playground never uses. Everything is bundled: nothing comes from a CDN.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/browser/coreCommands';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/esm/vs/editor/contrib/folding/browser/folding';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor';
// Ctrl+M (Ctrl+Shift+M on a Mac): Tab moves the focus instead of indenting, for keyboard users.
import 'monaco-editor/esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode';
import 'monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/esm/vs/features/find/register';
import 'monaco-editor/esm/vs/languages/definitions/python/register';
// The grammar itself, in this chunk: `register` loads it lazily, which would leave the first
// frames after the hand-over from the first-stage editor uncoloured while a request goes out.
import 'monaco-editor/esm/vs/languages/definitions/python/python';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.css';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';

// Monaco asks for a worker per label; a Python-only editor needs just the base editor worker
// (diffing, word ranges). Vite bundles it as a same-origin module worker, which the CSP allows.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

monaco.editor.defineTheme('loopscope-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#12151c',
    'editor.lineHighlightBackground': '#1b202b',
    'editorGutter.background': '#12151c',
    'editorLineNumber.foreground': '#4b5468',
    'editorLineNumber.activeForeground': '#aab3c5',
  },
});

// The light page theme (course.css's `:root[data-theme='light']` colours) gets a light editor.
monaco.editor.defineTheme('loopscope-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#ffffff',
    'editor.lineHighlightBackground': '#eef1f6',
    'editorGutter.background': '#ffffff',
    'editorLineNumber.foreground': '#8a93a6',
    'editorLineNumber.activeForeground': '#1c2230',
  },
});

export { monaco };
