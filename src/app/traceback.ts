/**
 * The line in the user's own file that a traceback ends at: the last `File "<filename>", line N`
 * entry (tracebacks list the innermost frame last; a SyntaxError report has just one).
 */
export function userErrorLine(traceback: string, filename: string): number | null {
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`File "${escaped}", line (\\d+)`, 'g');
  let line: number | null = null;
  for (const match of traceback.matchAll(pattern)) line = Number(match[1]);
  return line;
}

/** The final "Type: message" line of a traceback, or '' when there is none. */
export function exceptionSummary(traceback: string): string {
  const lines = traceback.trimEnd().split('\n');
  return lines[lines.length - 1]?.trim() ?? '';
}
