/**
 * Carriage returns and backspaces in program output, shown as a terminal shows them.
 *
 * Spinners and progress bars (Fluent Python's `spinner_async.py`) redraw one line with `\r`.
 * A browser draws `\r` as a space, so without this the console would show every frame of the
 * spinner side by side. Here `\r` goes back to the start of the line and what follows overwrites
 * it, and `\b` goes back one column, so the console at any step shows the line as it stood then.
 *
 * Output written after the cursor step (dimmed while stepping) is drawn the same way but on its
 * own: drawn over the current output it would hide what the line looked like at the cursor, which
 * is the point of stepping. It starts on a line of its own when the current output ends mid-line.
 */
import type { ChunkLike, Segment } from '../debugger/console-cut';

const CONTROL = /[\r\b]/;

interface Cell<C extends ChunkLike> {
  seg: Segment<C>;
  ch: string;
}

/** Segments drawn as a terminal would draw them; the same array when there is nothing to do. */
export function terminalSegments<C extends ChunkLike>(segs: Segment<C>[]): Segment<C>[] {
  if (!segs.some((s) => CONTROL.test(s.text))) return segs;
  const split = segs.findIndex((s) => s.after);
  if (split < 0) return draw(segs);
  const now = draw(segs.slice(0, split));
  const later = draw(segs.slice(split));
  const last = now[now.length - 1];
  if (last && !last.text.endsWith('\n') && later.length > 0) {
    later.unshift({ ...later[0], text: '\n' });
  }
  return [...now, ...later];
}

/** Drawn in one span: same stream, same side of the cursor. */
function same<C extends ChunkLike>(a: Segment<C>, b: Segment<C>): boolean {
  return a.chunk.stream === b.chunk.stream && a.after === b.after;
}

function draw<C extends ChunkLike>(segs: Segment<C>[]): Segment<C>[] {
  const out: Segment<C>[] = [];
  let line: Cell<C>[] = [];
  let col = 0;
  const push = (seg: Segment<C>, text: string) => {
    const prev = out[out.length - 1];
    if (prev && same(prev, seg)) prev.text += text;
    else out.push({ chunk: seg.chunk, after: seg.after, text });
  };
  const flush = () => {
    let i = 0;
    while (i < line.length) {
      let j = i + 1;
      while (j < line.length && same(line[j].seg, line[i].seg)) j++;
      push(
        line[i].seg,
        line.slice(i, j).reduce((text, cell) => text + cell.ch, ''),
      );
      i = j;
    }
    line = [];
    col = 0;
  };
  for (const seg of segs) {
    if (!CONTROL.test(seg.text) && col === line.length) {
      // No control characters and nothing to overwrite: the text goes on as it is.
      const nl = seg.text.lastIndexOf('\n');
      if (nl < 0) {
        for (const ch of seg.text) line.push({ seg, ch });
      } else {
        flush();
        push(seg, seg.text.slice(0, nl + 1));
        for (const ch of seg.text.slice(nl + 1)) line.push({ seg, ch });
      }
      col = line.length;
      continue;
    }
    for (const ch of seg.text) {
      if (ch === '\n') {
        flush();
        push(seg, '\n');
      } else if (ch === '\r') {
        col = 0;
      } else if (ch === '\b') {
        col = Math.max(0, col - 1);
      } else {
        if (col < line.length) line[col] = { seg, ch };
        else line.push({ seg, ch });
        col++;
      }
    }
  }
  flush();
  return out;
}
