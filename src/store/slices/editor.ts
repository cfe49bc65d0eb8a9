import type { RunLines } from '../../editor/line-map';
import type { SyntaxErrorInfo } from '../../runtime/protocol';
import type { SliceCreator } from '../types';

/** A line the editor should mark as where an exception was raised. */
export interface ErrorLine {
  line: number;
  message: string;
}

export interface EditorSlice {
  code: string;
  filename: string;
  /** The compile error of the current code, from the worker's check; null when it compiles. */
  syntaxError: SyntaxErrorInfo | null;
  /** Where the last run's exception was raised in the user's file. */
  errorLine: ErrorLine | null;
  /**
   * Where the shown run's lines are in the editor after the edits made since it (the debugger's
   * line map); null while each is where the run had it. Panels show line numbers through it until
   * the next run (a new trace clears it). Set by the debugger's editor hook-up.
   */
  runLines: RunLines | null;
  setRunLines(lines: RunLines | null): void;
  setCode(code: string): void;
  /** The file the program is run as (tracebacks name it): a replayed trace's own. */
  setFilename(filename: string): void;
  setSyntaxError(error: SyntaxErrorInfo | null): void;
  setErrorLine(error: ErrorLine | null): void;
}

export const createEditorSlice: SliceCreator<EditorSlice> = (init) => (set, get) => ({
  code: init.code,
  filename: init.filename,
  syntaxError: null,
  errorLine: null,
  runLines: null,
  setRunLines: (runLines) => {
    if (runLines !== get().runLines) set({ runLines });
  },
  setCode: (code) => {
    if (code === get().code) return;
    // An exception marker points into the old text; once the text changes it would mislead.
    set({ code, errorLine: null });
  },
  setFilename: (filename) => {
    if (filename && filename !== get().filename) set({ filename });
  },
  setSyntaxError: (syntaxError) => set({ syntaxError }),
  setErrorLine: (errorLine) => set({ errorLine }),
});
