import type { SliceCreator } from '../types';

export interface ConsoleChunk {
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
}

/**
 * The console keeps at most this many characters; beyond it, output is dropped with a notice
 * so that no stream of text can make the page unresponsive. It is above the engine's own cap on
 * a run's output (`max_output` in _runner.py, 1,000,000 characters, and its closing note), so a
 * run's output is cut once, where the engine warns about it ("output past 1000000 characters was
 * dropped"), not again here with another number (QA saw both, 1,000,000 and 500,000).
 */
export const CONSOLE_CHAR_LIMIT = 1_010_000;

/**
 * Chunks are kept near this size and split at line ends. The console draws each chunk as its own
 * block: appending then lays out only the new block, where one growing text node made Chromium
 * lay out all the output again on every write (75 s instead of under 1 s for 500 KB in 120 writes).
 */
export const CONSOLE_CHUNK_CHARS = 4096;

/**
 * Appends `text` to a copy of `chunks`: into the last chunk while it is the same stream and
 * small, otherwise as new chunks that start after a line end.
 */
export function appendChunked(
  chunks: readonly ConsoleChunk[],
  stream: ConsoleChunk['stream'],
  text: string,
): ConsoleChunk[] {
  const out = chunks.slice();
  let rest = text;
  const last = out[out.length - 1];
  if (last && last.stream === stream) {
    let cut: number;
    if (last.text.length + rest.length <= CONSOLE_CHUNK_CHARS) {
      cut = rest.length;
    } else {
      const room = CONSOLE_CHUNK_CHARS - last.text.length;
      const nl = room > 0 ? rest.lastIndexOf('\n', room - 1) : -1;
      if (nl !== -1) cut = nl + 1;
      else if (last.text.endsWith('\n')) cut = 0;
      else cut = lineEnd(rest); // finish the open line: a boundary never splits a line
    }
    if (cut > 0) out[out.length - 1] = { stream, text: last.text + rest.slice(0, cut) };
    rest = rest.slice(cut);
  }
  while (rest.length > 0) {
    let cut = rest.length;
    if (cut > CONSOLE_CHUNK_CHARS) {
      const nl = rest.lastIndexOf('\n', CONSOLE_CHUNK_CHARS - 1);
      cut = nl !== -1 ? nl + 1 : lineEnd(rest);
    }
    out.push({ stream, text: rest.slice(0, cut) });
    rest = rest.slice(cut);
  }
  return out;
}

/** Length of the first line of `text` including its newline, or all of it without one. */
function lineEnd(text: string): number {
  const nl = text.indexOf('\n');
  return nl === -1 ? text.length : nl + 1;
}

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
    const chunks = appendChunked(consoleChunks, stream, chunk);
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
