/**
 * The code editor as the playground renders it: Monaco arrives in its own chunk (a few megabytes
 * to parse), and until it has, the program is shown as plain text with line numbers, laid out
 * like the editor, so a person can read the example at once. Props are CodeEditor's, so the shell
 * does not know which one it got.
 */
import { Suspense, lazy } from 'react';
import type { CodeEditorProps } from './CodeEditor';
import './editor-preview.css';

export type { CodeEditorProps, LineHighlight } from './CodeEditor';

// boot.ts starts this import before the app has loaded; the module is fetched and run once.
const MonacoCodeEditor = lazy(() =>
  import('./CodeEditor').then((module) => ({ default: module.CodeEditor })),
);

export function CodeEditor(props: CodeEditorProps) {
  return (
    <Suspense fallback={<CodePreview code={props.value} />}>
      <MonacoCodeEditor {...props} />
    </Suspense>
  );
}

/**
 * The program as read-only text. Not a textbox: the editor's accessible name belongs to Monaco's
 * input, which replaces this, and typing here would be lost.
 */
function CodePreview({ code }: { code: string }) {
  const lines = code.split('\n');
  return (
    <div className="ls-editor ls-editor-preview" data-testid="code-preview" aria-busy="true">
      <pre>
        {lines.map((line, i) => (
          <div key={i} className="ls-editor-preview-line">
            <span className="ls-editor-preview-number" aria-hidden="true">
              {i + 1}
            </span>
            <code>{line || ' '}</code>
          </div>
        ))}
      </pre>
    </div>
  );
}
