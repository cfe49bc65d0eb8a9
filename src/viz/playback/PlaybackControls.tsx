/**
 * The transport bar: step back / forward at the chosen granularity, play and pause, speed, jump
 * to start and end, a scrubber over the whole run, and "run to next" buttons. Purely a function
 * of its props; the cursor slice does the moving.
 */
import { memo } from 'react';
import type { MouseEvent } from 'react';
import type { RunToKind } from '../../store/slices/cursor';
import { RUN_TO_KINDS, RUN_TO_WORDS, SPEEDS } from '../../store/slices/cursor';
import type { Granularity } from '../../trace/types';
import { formatTime } from '../format';
import type { CursorActions } from './commands';
import { IconBack, IconEnd, IconForward, IconPause, IconPlay, IconStart } from './icons';
import { ariaKeys } from './shortcuts';

export interface PlaybackControlsProps {
  step: number;
  /** Number of steps in the trace; 0 when there is no trace yet. */
  length: number;
  /** Virtual time and loop iteration at `step`. */
  time: number;
  iteration: number;
  granularity: Granularity;
  playing: boolean;
  speed: number;
  /** Why the last move did not happen, announced politely. */
  notice: string | null;
  cursor: CursorActions & { play(): void; pause(): void; setSpeed(speed: number): void };
  onHelp(): void;
}

const GRANULARITIES: { value: Granularity; label: string; title: string }[] = [
  { value: 'line', label: 'Line', title: 'Step by line of user code' },
  { value: 'step', label: 'Task step', title: 'Step by task step or callback' },
  { value: 'iteration', label: 'Iteration', title: 'Step by loop iteration' },
];

const RUN_TO_LABELS: Record<RunToKind, string> = {
  timer: 'Timer',
  cancel: 'Cancel',
  exception: 'Exception',
  done: 'Task done',
  output: 'Output',
};

const RUN_TO_KEY: Record<RunToKind, string> = {
  timer: 'T',
  cancel: 'C',
  exception: 'E',
  done: 'D',
  output: 'O',
};

function PlaybackControlsImpl(props: PlaybackControlsProps) {
  const { step, length, granularity, playing, speed, notice, cursor } = props;
  const none = length === 0;
  const last = Math.max(0, length - 1);
  const atStart = none || step <= 0;
  const atEnd = none || step >= last;

  const onRunTo = (kind: RunToKind) => (e: MouseEvent) => {
    if (e.shiftKey) cursor.runToPrev(kind);
    else cursor.runToNext(kind);
  };

  return (
    <div className="ls-playback" role="toolbar" aria-label="Playback">
      <div className="ls-playback-row">
        <div className="ls-transport">
          <button
            type="button"
            className="ls-btn ls-icon-btn"
            aria-label="Jump to start"
            title="Jump to start (Home)"
            aria-keyshortcuts="Home"
            disabled={atStart}
            onClick={() => cursor.jumpStart()}
          >
            <IconStart />
          </button>
          <button
            type="button"
            className="ls-btn ls-icon-btn"
            aria-label="Step back"
            title="Step back (←)"
            aria-keyshortcuts={ariaKeys(
              (c) => c.type === 'step' && c.direction === 'back' && c.granularity === null,
            )}
            disabled={atStart}
            onClick={() => cursor.stepBack()}
          >
            <IconBack />
          </button>
          <button
            type="button"
            className="ls-btn ls-icon-btn ls-play"
            aria-label={playing ? 'Pause' : 'Play'}
            title={playing ? 'Pause (Space)' : 'Play (Space)'}
            aria-keyshortcuts="Space"
            disabled={none}
            onClick={() => (playing ? cursor.pause() : cursor.play())}
          >
            {playing ? <IconPause /> : <IconPlay />}
          </button>
          <button
            type="button"
            className="ls-btn ls-icon-btn"
            aria-label="Step forward"
            title="Step forward (→)"
            aria-keyshortcuts={ariaKeys(
              (c) => c.type === 'step' && c.direction === 'forward' && c.granularity === null,
            )}
            disabled={atEnd}
            onClick={() => cursor.stepForward()}
          >
            <IconForward />
          </button>
          <button
            type="button"
            className="ls-btn ls-icon-btn"
            aria-label="Jump to end"
            title="Jump to end (End)"
            aria-keyshortcuts="End"
            disabled={atEnd}
            onClick={() => cursor.jumpEnd()}
          >
            <IconEnd />
          </button>
        </div>

        <div className="ls-segmented" role="radiogroup" aria-label="Step by">
          {GRANULARITIES.map((g, i) => (
            <button
              key={g.value}
              type="button"
              role="radio"
              aria-checked={granularity === g.value}
              className="ls-seg"
              title={`${g.title} (${i + 1})`}
              aria-keyshortcuts={String(i + 1)}
              onClick={() => cursor.setGranularity(g.value)}
            >
              {g.label}
            </button>
          ))}
        </div>

        <label className="ls-speed">
          <span>Speed</span>
          <select
            aria-label="Speed"
            aria-keyshortcuts="+ -"
            value={speed}
            onChange={(e) => cursor.setSpeed(Number(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s} / s
              </option>
            ))}
          </select>
        </label>

        <button
          type="button"
          className="ls-btn ls-icon-btn ls-help-btn"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          aria-keyshortcuts="?"
          onClick={props.onHelp}
        >
          ?
        </button>
      </div>

      <div className="ls-scrub-row">
        <input
          className="ls-scrubber"
          type="range"
          min={0}
          max={last}
          step={1}
          value={none ? 0 : step}
          disabled={none}
          aria-label="Scrubber"
          aria-valuetext={`step ${step + 1} of ${length}, ${formatTime(props.time)}`}
          onChange={(e) => cursor.seek(Number(e.target.value))}
          style={{ ['--ls-fill' as string]: `${length > 1 ? (step / last) * 100 : 0}%` }}
        />

        <div className="ls-position" aria-live="off">
          <span className="ls-pos-step">
            step <b data-testid="cursor-step">{none ? '–' : step + 1}</b> / {length}
          </span>
          <span className="ls-pos-time">{formatTime(props.time)}</span>
          <span className="ls-pos-iter">iter {props.iteration}</span>
        </div>
      </div>

      <div className="ls-playback-row ls-runto" role="group" aria-label="Run to">
        <span className="ls-runto-label" aria-hidden="true">
          Run to next
        </span>
        {RUN_TO_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="ls-btn ls-chip-btn"
            data-kind={kind}
            aria-label={`Run to next ${RUN_TO_WORDS[kind]}`}
            title={`Run to next ${RUN_TO_WORDS[kind]} (${RUN_TO_KEY[kind]}); Shift-click or Shift+${RUN_TO_KEY[kind]} for the previous one`}
            aria-keyshortcuts={`${RUN_TO_KEY[kind]} Shift+${RUN_TO_KEY[kind]}`}
            disabled={none}
            onClick={onRunTo(kind)}
          >
            {RUN_TO_LABELS[kind]}
          </button>
        ))}
        <span className="ls-cursor-notice" role="status" aria-live="polite">
          {notice ?? ''}
        </span>
      </div>
    </div>
  );
}

export const PlaybackControls = memo(PlaybackControlsImpl);
