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

/**
 * The box drawing of an exception group's traceback (`+-+---- 1 ----`, `+---- ... ----`,
 * `+--------`) and its notes on sub-exceptions left out (`and 3 more exceptions`,
 * `... (max_group_depth is 10)`). None of them says what went wrong.
 */
const GROUP_FRAME =
  /^(\+[-+]*( (\d+|\.\.\.) -+)?|and \d+ more exceptions?|\.\.\. \(max_group_depth is \d+\))$/;

/**
 * The final "Type: message" line of a traceback, or '' when there is none. An exception group
 * (a TaskGroup with a failing child) draws its sub-tracebacks inside `|` margins and ends with a
 * box line, so the margins are stripped and the box lines skipped: the summary is then the
 * innermost sub-exception, the same one `userErrorLine` points at.
 */
export function exceptionSummary(traceback: string): string {
  const lines = traceback.trimEnd().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = lines[i].replace(/^[\s|]*/, '').trim();
    if (text && !GROUP_FRAME.test(text)) return text;
  }
  return '';
}
