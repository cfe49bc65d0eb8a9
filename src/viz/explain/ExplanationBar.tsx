/**
 * The sentence for the current event, and the warnings raised so far, each linked to its line.
 */
import { memo, useContext } from 'react';
import type { RunLines } from '../../editor/line-map';
import type { WarningView } from '../../trace/types';
import {
  GoneLine,
  RichLines,
  RunLinesContext,
  fragmentLines,
  lineInText,
  shownLine,
} from '../tasks/run-lines';
import { useVizT } from '../i18n';
import { explainParams, listedWarningText, spaced } from '../fragment-text';
import type { Translate } from '../english';
import { outcomeDetailText } from '../../app/outcome-text';
import { handleSubjectParam } from '../../trace/explain';
import { handleText } from '../loop/handle-text';
import { formatCount } from '../format';

export interface ExplanationBarProps {
  explanation: string;
  /** The same sentence as an i18n message, rendered in the page's language when given. */
  explanationMessage?: { key: string; params: Record<string, string | number> };
  warnings: readonly WarningView[];
  /**
   * Every warning the run raises (`warnings` is a prefix of it). The list keeps room for them (up
   * to its scrolling height) from the run's first step, so the page below does not move down as
   * they appear.
   */
  runWarnings?: readonly WarningView[];
  onRevealLine?(line: number): void;
  /** Jump to the step that raised a warning. */
  onSeek?(step: number): void;
}

/** Warnings listed at most; a run can raise thousands (one per blocked call). */
const MAX_WARNINGS = 50;

/** Rows the list shows before it scrolls (its max-height, 5.6em, is four and a bit). */
const ROOM_ROWS = 5;

/**
 * The warnings to list: the last `max`, most recent first, since the one just raised is what
 * the step is about. Legacy notes raised together keep their order, though: a 2015-era program
 * gets one note per construct before its first line runs, at consecutive steps in line order,
 * and turning that batch around listed line 21 above line 4 (in every language).
 */
export function listedWarnings(
  warnings: readonly WarningView[],
  max = MAX_WARNINGS,
): WarningView[] {
  const shown = warnings.slice(-max);
  const out: WarningView[] = [];
  for (let end = shown.length; end > 0;) {
    let start = end - 1;
    while (
      start > 0 &&
      shown[start].kind === 'legacy' &&
      shown[start - 1].kind === 'legacy' &&
      shown[start - 1].step === shown[start].step - 1
    )
      start--;
    out.push(...shown.slice(start, end));
    end = start;
  }
  return out;
}

const WARNING_WORDS: Record<WarningView['kind'], string> = {
  'never-awaited': 'never awaited',
  'exception-not-retrieved': 'exception never retrieved',
  'task-destroyed-pending': 'task destroyed while pending',
  'blocking-call': 'blocking call',
  deadlock: 'deadlock',
  legacy: 'legacy API',
  'output-truncated': 'output truncated',
  python: 'Python warning',
};

/** The parameters carry the trace model's English fragments: translate them too. */
function sentenceParams(
  { key, params }: NonNullable<ExplanationBarProps['explanationMessage']>,
  t: Translate,
): Record<string, string | number> {
  let out = explainParams(key, params, t);
  // A sentence whose subject is the callback the loop runs ("The sleep(0.1) timer of Task-2
  // schedules ..."): that subject is a handle's label, translated as the loop panel's cards are.
  const subject = handleSubjectParam(key);
  const label = subject ? params[subject] : undefined;
  if (typeof label === 'string') {
    const shown = handleText(label, t, -1);
    if (shown !== out[subject!]) out = { ...out, [subject!]: shown };
  }
  // The run's end quotes the engine's detail ("event limit of 2000000 reached").
  // (A deadlock's detail explainParams has translated already.)
  const detail = params.detail;
  if (!key.startsWith('explain.runEnd.') || typeof detail !== 'string') return out;
  if (out.detail !== detail) return out;
  return { ...out, detail: outcomeDetailText(detail, t) };
}

/** The sentences' parameters that are line numbers of the run (src/trace/explain.ts). */
const LINE_PARAMS = ['line', 'awaitLine'];

/** The sentence's line numbers as the editor numbers them now (run-lines.tsx lineInText). */
function mapLineParams(
  params: Record<string, string | number>,
  raw: Record<string, string | number>,
  lines: RunLines | null,
): Record<string, string | number> {
  if (!lines) return params;
  let out: Record<string, string | number> | null = null;
  for (const name of LINE_PARAMS) {
    const line = raw[name];
    if (typeof line !== 'number' || line <= 0) continue;
    const now = lineInText(lines, line);
    if (now !== line) (out ??= { ...params })[name] = now;
  }
  return out ?? params;
}

/** A warning's "line N" link: N as the editor numbers it now, struck when deleted since. */
function WarningLine({
  w,
  t,
  onRevealLine,
  onSeek,
}: {
  w: WarningView;
  t: Translate;
  onRevealLine?(line: number): void;
  onSeek?(step: number): void;
}) {
  const shown = shownLine(useContext(RunLinesContext), w.line);
  if (shown <= 0) return <GoneLine line={w.line} t={t} />;
  return (
    <button
      type="button"
      className="ls-line ls-link"
      title={t('common.showLine', 'Show line {{line}} in the editor', { line: shown })}
      onClick={() => {
        onRevealLine?.(w.line);
        onSeek?.(w.step);
      }}
    >
      {t('common.line', 'line {{line}}', { line: shown })}
    </button>
  );
}

/**
 * One row of the warnings list. A hidden row is a warning still to come, holding its room: not
 * seen, not read out, its line link not focusable.
 */
function WarningRow({
  w,
  text,
  said,
  t,
  hidden = false,
  onRevealLine,
  onSeek,
}: {
  w: WarningView;
  text: string;
  said: boolean;
  t: Translate;
  hidden?: boolean;
  onRevealLine?(line: number): void;
  onSeek?(step: number): void;
}) {
  return (
    <li
      className={`ls-warning is-${w.kind}${said ? ' is-said' : ''}${hidden ? ' is-later' : ''}`}
      title={said ? text.replace(/`/g, '') : undefined}
      aria-hidden={hidden || undefined}
    >
      <span className="ls-warning-kind">{t(`warnings.kind.${w.kind}`, WARNING_WORDS[w.kind])}</span>
      {!said && (
        <span className="ls-warning-text">
          <RichLines text={text} t={t} />
        </span>
      )}
      {w.line > 0 && <WarningLine w={w} t={t} onRevealLine={onRevealLine} onSeek={onSeek} />}
    </li>
  );
}

function ExplanationBarImpl({
  explanation,
  explanationMessage,
  warnings,
  runWarnings,
  onRevealLine,
  onSeek,
}: ExplanationBarProps) {
  const t = useVizT();
  const lines = useContext(RunLinesContext);
  // The sentences' Chinese sets no space where a Chinese parameter meets Chinese text. Lines
  // inside the model's fragments ("a Future created at line 5") are the editor's too.
  const ts = spaced(fragmentLines(t, lines));
  const sentence = explanationMessage
    ? ts(
        explanationMessage.key,
        explanation,
        mapLineParams(sentenceParams(explanationMessage, ts), explanationMessage.params, lines),
      )
    : explanation || t('panels.placeholder', 'Run the program, then step through it.');
  // The warnings still to come hold their room, unseen (up to the rows the list shows before it
  // scrolls), so the page below the bar stays where it is as they appear.
  const shown = Math.min(warnings.length, MAX_WARNINGS);
  const later =
    runWarnings && shown < ROOM_ROWS
      ? runWarnings.slice(warnings.length, warnings.length + ROOM_ROWS - shown)
      : [];
  return (
    <section className="ls-explain" aria-label={t('panels.explanation', 'Explanation')}>
      <p className="ls-sentence" aria-live="polite" data-testid="explanation">
        <RichLines text={sentence} t={t} />
      </p>
      {(warnings.length > 0 || later.length > 0) && (
        <ul className="ls-warnings" aria-label={t('panels.warnings', 'Warnings')}>
          {warnings.length === 0 && (
            <li className="ls-warning is-none">
              {t('warnings.noneYet', 'No warnings yet: this run raises {{count}} later.', {
                count: formatCount(runWarnings!.length),
              })}
            </li>
          )}
          {listedWarnings(warnings).map((w, i) => {
            const text = listedWarningText(w.message, ts);
            // What the sentence above says already (the warning just raised, a deadlock at the
            // run's end) is not said twice: the row keeps its kind and line, the text its title.
            const said = text !== '' && sentence.includes(text);
            return (
              <WarningRow
                key={`${w.step}-${i}`}
                w={w}
                text={text}
                said={said}
                t={t}
                onRevealLine={onRevealLine}
                onSeek={onSeek}
              />
            );
          })}
          {later.map((w, i) => (
            <WarningRow
              key={`later-${warnings.length + i}`}
              w={w}
              text={listedWarningText(w.message, ts)}
              said={false}
              t={t}
              hidden
            />
          ))}
          {warnings.length > MAX_WARNINGS && (
            <li className="ls-more">
              {t('common.moreEarlier', '+{{count}} earlier', {
                count: warnings.length - MAX_WARNINGS,
              })}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

export const ExplanationBar = memo(ExplanationBarImpl);
