/**
 * The sentence for the current event, and the warnings raised so far, each linked to its line.
 */
import { memo } from 'react';
import type { WarningView } from '../../trace/types';
import { Rich } from '../Rich';

export interface ExplanationBarProps {
  explanation: string;
  warnings: readonly WarningView[];
  onRevealLine?(line: number): void;
  /** Jump to the step that raised a warning. */
  onSeek?(step: number): void;
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

function ExplanationBarImpl({ explanation, warnings, onRevealLine, onSeek }: ExplanationBarProps) {
  return (
    <section className="ls-explain" aria-label="Explanation">
      <p className="ls-sentence" aria-live="polite" data-testid="explanation">
        <Rich text={explanation || 'Run the program, then step through it.'} />
      </p>
      {warnings.length > 0 && (
        <ul className="ls-warnings" aria-label="Warnings">
          {warnings.map((w, i) => (
            <li key={`${w.step}-${i}`} className={`ls-warning is-${w.kind}`}>
              <span className="ls-warning-kind">{WARNING_WORDS[w.kind]}</span>
              <span className="ls-warning-text">
                <Rich text={w.message} />
              </span>
              {w.line > 0 && (
                <button
                  type="button"
                  className="ls-line ls-link"
                  title={`Show line ${w.line} and go to the step that raised this`}
                  onClick={() => {
                    onRevealLine?.(w.line);
                    onSeek?.(w.step);
                  }}
                >
                  line {w.line}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const ExplanationBar = memo(ExplanationBarImpl);
