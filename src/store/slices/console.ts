import type { SliceCreator } from '../types';

export interface ConsoleChunk {
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
}

/** The console keeps at most this many characters; beyond it, output is dropped with a notice
 * so a program printing a million lines cannot make the page unresponsive. */
export const CONSOLE_CHAR_LIMIT = 500_000;

export interface ConsoleSlice {
  consoleChunks: ConsoleChunk[];
  consoleChars: number;
  consoleTruncated: boolean;
  appendOutput(stream: ConsoleChunk['stream'], text: string): void;
  clearConsole(): void;
}

export const createConsoleSlice: SliceCreator<ConsoleSlice> = () => (set, get) => ({
  consoleChunks: [],
  consoleChars: 0,
  consoleTruncated: false,
  appendOutput: (stream, text) => {
    const { consoleChunks, consoleChars, consoleTruncated } = get();
    if (!text || consoleTruncated) return;
    let chunk = text;
    let truncated = false;
    if (consoleChars + chunk.length > CONSOLE_CHAR_LIMIT) {
      chunk = chunk.slice(0, CONSOLE_CHAR_LIMIT - consoleChars);
      truncated = true;
    }
    const chunks = consoleChunks.slice();
    const last = chunks[chunks.length - 1];
    // Merge with the previous chunk of the same stream: fewer DOM nodes for chatty programs.
    if (last && last.stream === stream)
      chunks[chunks.length - 1] = { stream, text: last.text + chunk };
    else chunks.push({ stream, text: chunk });
    if (truncated) {
      chunks.push({
        stream: 'system',
        text: `\n[output truncated: the console keeps the first ${CONSOLE_CHAR_LIMIT.toLocaleString('en')} characters]\n`,
      });
    }
    set({
      consoleChunks: chunks,
      consoleChars: consoleChars + chunk.length,
      consoleTruncated: truncated,
    });
  },
  clearConsole: () => set({ consoleChunks: [], consoleChars: 0, consoleTruncated: false }),
});
