/**
 * The Monaco editor as a controlled React component. The model is keyed by URI (one per file
 * name), text is pushed into it only when it differs (so typing never resets the cursor), error
 * squiggles are model markers, and line highlights go through one decorations collection.
 * LazyCodeEditor.tsx renders it behind the first-stage editor and hands over through
 * `initialView` and `onReady`.
 */
import { useEffect, useRef } from 'react';
import type { SyntaxErrorInfo } from '../runtime/protocol';
import { carryUndoHistory } from './carry-history';
import type { EditorViewState } from './lite-editor';
import { monaco } from './monaco';
import { focusBeyond, tabEscape } from './tab-escape';
import { editorThemeFor, followPageTheme } from './theme';

/** A whole-line highlight. `kind` picks the style: the debugger adds 'current' lines later. */
export interface LineHighlight {
  line: number;
  kind: 'error' | 'current';
  /** Shown on hover over the glyph/line. */
  message?: string;
}

export interface CodeEditorProps {
  /** Model URI path, e.g. "main.py"; a different path is a different model. */
  path: string;
  value: string;
  onChange(value: string): void;
  /** Compile errors to squiggle. */
  syntaxError: SyntaxErrorInfo | null;
  highlights: LineHighlight[];
  readOnly?: boolean;
  /** Ctrl/Cmd+Enter inside the editor. */
  onRun(): void;
  /** Accessible name of the editing area. */
  ariaLabel: string;
  /**
   * Where the editor this one replaces left off (cursor, selection, scroll, focus, undo history);
   * read once, after Monaco's first frame, just before `onReady`.
   */
  initialView?: () => EditorViewState | null;
  /** Monaco has drawn its first frame (and taken `initialView`): it can be shown. */
  onReady?: () => void;
}

const MARKER_OWNER = 'loopscope';

export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  // Callbacks change identity every render; the editor's listeners read them through refs.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  // Create the editor and its model once per path; dispose both on unmount.
  useEffect(() => {
    if (!host.current) return;
    const uri = monaco.Uri.file(`/${props.path}`);
    const model =
      monaco.editor.getModel(uri) ?? monaco.editor.createModel(props.value, 'python', uri);
    const editor = monaco.editor.create(host.current, {
      model,
      theme: editorThemeFor(document.documentElement.dataset.theme),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      fontFamily: "'JetBrains Mono', 'Fira Code', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      glyphMargin: true,
      renderLineHighlight: 'all',
      tabSize: 4,
      insertSpaces: true,
      padding: { top: 12, bottom: 12 },
      ariaLabel: latest.current.ariaLabel,
      readOnly: latest.current.readOnly ?? false,
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection();
    // While the first stage's undo history is replayed, the text passes through its old versions;
    // the app already has the text it ends with.
    let replaying = false;
    const sub = model.onDidChangeContent(() => {
      if (!replaying) latest.current.onChange(model.getValue());
    });
    // A link's theme=light (or a later switch) recolours the editor along with the panels.
    const stopTheme = followPageTheme((theme) => monaco.editor.setTheme(theme));
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRun());
    // Escape then Tab leaves the editor (Tab alone indents); Ctrl+M (Monaco's tab focus mode)
    // makes Tab move the focus until pressed again.
    const leaveKeys = tabEscape();
    const keys = editor.onKeyDown((e) => {
      const where = leaveKeys(e.browserEvent);
      if (!where) return;
      e.preventDefault();
      e.stopPropagation();
      focusBeyond(editor.getContainerDomNode(), where);
    });
    // Monaco draws in an animation frame scheduled by create(); this one runs after it.
    const frame = requestAnimationFrame(() => {
      const view = latest.current.initialView?.();
      if (view) {
        replaying = true;
        try {
          carryUndoHistory(model, view.history);
        } finally {
          replaying = false;
        }
        const start = model.getPositionAt(view.anchor);
        const end = model.getPositionAt(view.head);
        editor.setSelection(
          new monaco.Selection(start.lineNumber, start.column, end.lineNumber, end.column),
        );
        editor.setScrollTop(view.scrollTop);
        editor.setScrollLeft(view.scrollLeft);
        // Same scroll, same lines on screen; but if the box changed height meanwhile (the panels
        // arriving), the cursor the person was looking at must stay on screen.
        if (view.headInView) editor.revealPosition(end, monaco.editor.ScrollType.Immediate);
      }
      // onReady shows this editor synchronously; a hidden one could not take the focus.
      latest.current.onReady?.();
      if (view?.focused) editor.focus();
    });
    return () => {
      cancelAnimationFrame(frame);
      stopTheme();
      keys.dispose();
      sub.dispose();
      decorations.current?.clear();
      decorations.current = null;
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
    // The model is created from the value at mount; later values flow in through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.path]);

  // Push outside changes (a loaded example, a shared link) without touching unchanged text.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model && model.getValue() !== props.value) model.setValue(props.value);
  }, [props.value]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly: props.readOnly ?? false });
  }, [props.readOnly]);

  // The accessible name follows the page language.
  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel: props.ariaLabel });
  }, [props.ariaLabel]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const e = props.syntaxError;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      e
        ? [
            {
              severity: monaco.MarkerSeverity.Error,
              message: e.message,
              startLineNumber: e.line,
              startColumn: e.column,
              endLineNumber: e.endLine,
              endColumn: e.endColumn,
            },
          ]
        : [],
    );
  }, [props.syntaxError, props.value]);

  useEffect(() => {
    decorations.current?.set(
      props.highlights.map((h) => ({
        range: new monaco.Range(h.line, 1, h.line, 1),
        options: {
          isWholeLine: true,
          className: `ls-line-${h.kind}`,
          // No glyph: the debugger's own marks use the glyph margin for the same lines.
          hoverMessage: h.message ? { value: h.message } : undefined,
          overviewRuler: {
            color: h.kind === 'error' ? '#f0616d' : '#e6c15a',
            position: monaco.editor.OverviewRulerLane.Full,
          },
        },
      })),
    );
  }, [props.highlights]);

  // The test id and error-line attributes are on LazyCodeEditor's wrapper.
  return <div className="ls-editor-monaco" ref={host} />;
}
