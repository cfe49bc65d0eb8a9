/**
 * The code editor as the playground renders it, in two stages:
 * 1. the first-stage editor (lite-editor.ts), editable as soon as the page has rendered: typing,
 *    selection, undo, Python colours, Tab/Enter indentation and Ctrl/Cmd+Enter to run;
 * 2. Monaco, whose chunk (a few megabytes to fetch, parse and run) starts loading once stage 1 is
 *    up. Monaco is created underneath, hidden, with the same text; after its first frame it takes
 *    the cursor, selection, scroll and focus from stage 1 (`viewState()`), and stage 1 is removed
 *    in the same frame, so the swap shows nothing but richer editing.
 * If Monaco's chunk fails to load, stage 1 stays: it needs nothing from Monaco. (The debugger
 * panels import Monaco as well, so they would not load either.)
 *
 * Props are CodeEditor's, so the shell does not know which stage it has. The wrapper carries the
 * attributes tests and tools read: data-testid="code-editor", the error lines, and
 * data-editor-stage ('lite' or 'monaco').
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MutableRefObject } from 'react';
import { flushSync } from 'react-dom';
import type { CodeEditorProps } from './CodeEditor';
import type * as CodeEditorModule from './CodeEditor';
import { markEditorInteractive } from './editor-ready';
import { LiteEditor, type EditorViewState } from './lite-editor';
import { whenMonacoLocaleReady } from './monaco-locale';
import './lite-editor.css';

export type { CodeEditorProps, LineHighlight } from './CodeEditor';

type MonacoModule = typeof CodeEditorModule;

let monacoModule: MonacoModule | null = null;
let monacoLoading: Promise<MonacoModule> | null = null;

/** Loads Monaco's chunk once per page; every editor shares it. */
export function loadMonacoEditor(): Promise<MonacoModule> {
  // Monaco's messages first: its modules read them as they evaluate (monaco-locale.ts).
  monacoLoading ??= whenMonacoLocaleReady()
    .then(() => import('./CodeEditor'))
    .then((module) => (monacoModule = module));
  return monacoLoading;
}

export function CodeEditor(props: CodeEditorProps) {
  // A later editor (another embed, a remount) finds Monaco loaded and skips stage 1.
  const [Monaco, setMonaco] = useState(() => monacoModule?.CodeEditor ?? null);
  const [stage, setStage] = useState<'lite' | 'monaco'>(() => (monacoModule ? 'monaco' : 'lite'));
  const lite = useRef<LiteEditor | null>(null);

  useEffect(() => {
    if (Monaco) return;
    let live = true;
    loadMonacoEditor().then(
      (module) => live && setMonaco(() => module.CodeEditor),
      // Stage 1 stays; it is a complete editor on its own.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [Monaco]);

  const takeView = useCallback((): EditorViewState | null => lite.current?.viewState() ?? null, []);
  // Synchronous, so no keystroke can land in stage 1 between the hand-over and its removal.
  const onReady = useCallback(() => flushSync(() => setStage('monaco')), []);

  return (
    <div
      className="ls-editor ls-editor-stack"
      data-testid="code-editor"
      data-editor-stage={stage}
      data-error-line={props.highlights.find((h) => h.kind === 'error')?.line ?? ''}
      data-syntax-error-line={props.syntaxError?.line ?? ''}
    >
      {Monaco && (
        <div
          className={stage === 'monaco' ? 'ls-editor-layer' : 'ls-editor-layer ls-editor-pending'}
        >
          <Monaco
            {...props}
            initialView={stage === 'lite' ? takeView : undefined}
            onReady={stage === 'lite' ? onReady : undefined}
          />
        </div>
      )}
      {stage === 'lite' && <LiteStage {...props} editorRef={lite} />}
    </div>
  );
}

/** Stage 1 as a controlled component, like CodeEditor.tsx: outside text is pushed in only when it
 * differs, and callbacks are read through a ref so their identity does not matter. */
function LiteStage(props: CodeEditorProps & { editorRef: MutableRefObject<LiteEditor | null> }) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const { editorRef } = props;

  // A layout effect: the editor is in the page, listening, before the first paint.
  useLayoutEffect(() => {
    const lite = new LiteEditor(host.current!, {
      value: latest.current.value,
      ariaLabel: latest.current.ariaLabel,
      readOnly: latest.current.readOnly,
      onChange: (value) => latest.current.onChange(value),
      onRun: () => latest.current.onRun(),
    });
    editorRef.current = lite;
    markEditorInteractive();
    return () => {
      lite.dispose();
      editorRef.current = null;
    };
  }, [editorRef]);

  useEffect(() => {
    editorRef.current?.setValue(props.value);
  }, [editorRef, props.value]);

  useEffect(() => {
    editorRef.current?.update({ readOnly: props.readOnly ?? false, ariaLabel: props.ariaLabel });
  }, [editorRef, props.readOnly, props.ariaLabel]);

  useEffect(() => {
    editorRef.current?.setLineHighlights(props.highlights);
  }, [editorRef, props.highlights]);

  return <div className="ls-editor-layer" ref={host} data-testid="lite-editor" />;
}
