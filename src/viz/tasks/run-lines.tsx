/**
 * Line numbers in the panels, as the editor numbers them now. A trace names the lines of the
 * program it was recorded from; once the code is edited under it (the trace is stale), the run's
 * line 18 may be the editor's line 20, or gone. The debugger hands the panels its line map
 * (RunLines, from the store) through this context, and every number a panel shows goes through
 * it until the next run: a moved line shows its editor number, a deleted one the run's number
 * struck through. Clicks still pass the run's line on; revealing it maps it again (editor-bridge).
 *
 * Cheap per step: the context changes only on an edit that moves a line, and a lookup is one
 * array read; with no edits (null) a number is shown as it is.
 */
import { Fragment, createContext, useContext } from 'react';
import type { RunLines } from '../../editor/line-map';
import type { Translate } from '../i18n';
import { Rich } from '../Rich';

/** The shown run's line mapping; null: every line is where the run had it. */
export const RunLinesContext = createContext<RunLines | null>(null);

/** The editor's number for the run's `line`, or 0 when the line was deleted since the run. */
export function shownLine(lines: RunLines | null, line: number): number {
  return lines && line > 0 ? lines.lineOf(line) : line;
}

/** `shownLine` through the context. */
export function useShownLine(line: number): number {
  return shownLine(useContext(RunLinesContext), line);
}

/**
 * A line of the run deleted from the editor since: its number in the run, struck through, with
 * the reason in its title (and a deletion to assistive technology). `text` defaults to
 * "line N"; the explanation's sentences give the number alone, their template says "line".
 */
export function GoneLine({
  line,
  t,
  text,
  className = 'ls-line',
}: {
  line: number;
  t: Translate;
  text?: string;
  className?: string;
}) {
  return (
    <del
      className={`${className} is-gone`}
      data-run-line={line}
      title={t('common.lineGone', 'Line {{line}} of the run: deleted from the code since', {
        line,
      })}
    >
      {text ?? t('common.line', 'line {{line}}', { line })}
    </del>
  );
}

/** "line N" as plain text (no link), N the editor's number for the run's `line`. */
export function LineText({
  line,
  t,
  className = 'ls-line',
}: {
  line: number;
  t: Translate;
  className?: string;
}) {
  const shown = useShownLine(line);
  if (line <= 0) return null;
  if (shown <= 0) return <GoneLine line={line} t={t} className={className} />;
  return <span className={className}>{t('common.line', 'line {{line}}', { line: shown })}</span>;
}

/**
 * A deleted line's number inside a text (a sentence, a fragment of the trace model), for
 * RichLines to strike: between two noncharacters, as fragment-text.ts marks its parameters, so
 * no translated text carries them.
 */
const GONE_OPEN = '\uFDD6';
const GONE_CLOSE = '\uFDD7';
const GONE_SPLIT = new RegExp(`${GONE_OPEN}(\\d+)${GONE_CLOSE}`);

/** `line` as a text names it: the editor's number now, or the run's marked as deleted. */
export function lineInText(lines: RunLines | null, line: number): number | string {
  const now = shownLine(lines, line);
  return now > 0 ? now : `${GONE_OPEN}${line}${GONE_CLOSE}`;
}

const mappedTranslators = new WeakMap<RunLines, WeakMap<Translate, Translate>>();

/**
 * `t` for the trace model's fragments (`fragment.*` keys: "a Future created at line 5", a
 * deadlock's "w at line 5") with their `line` shown as lineInText says. Other keys are left as
 * they are: their callers map their own numbers. One translator per mapping and `t` (they change
 * only on an edit), so the caches keyed by translator keep working.
 */
export function fragmentLines(t: Translate, lines: RunLines | null): Translate {
  if (!lines) return t;
  let byT = mappedTranslators.get(lines);
  if (!byT) mappedTranslators.set(lines, (byT = new WeakMap()));
  let out = byT.get(t);
  if (!out) {
    out = (key, english, params) => {
      const line = params?.line;
      if (typeof line !== 'number' || line <= 0 || !key.startsWith('fragment.'))
        return t(key, english, params);
      return t(key, english, { ...params, line: lineInText(lines, line) });
    };
    byT.set(t, out);
  }
  return out;
}

/** Rich text whose deleted lines (lineInText) are struck as GoneLine. */
export function RichLines({ text, t }: { text: string; t: Translate }) {
  if (!text.includes(GONE_OPEN)) return <Rich text={text} />;
  return (
    <>
      {text.split(GONE_SPLIT).map((part, i) => (
        <Fragment key={i}>
          {i % 2 === 1 ? (
            <GoneLine line={Number(part)} t={t} text={part} className="ls-text-line" />
          ) : (
            <Rich text={part} />
          )}
        </Fragment>
      ))}
    </>
  );
}
