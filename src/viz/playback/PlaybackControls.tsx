/**
 * The transport bar: step back / forward at the chosen granularity, play and pause, speed, jump
 * to start and end, a scrubber over the whole run, and "run to next" buttons. Purely a function
 * of its props; the cursor slice does the moving.
 */
import { memo } from 'react';
import type { MouseEvent } from 'react';
import type { CursorNotice, RunToKind } from '../../store/slices/cursor';
import { RUN_TO_KINDS, RUN_TO_WORDS, SPEEDS } from '../../store/slices/cursor';
import type { Granularity } from '../../trace/types';
import { formatCount, formatTime } from '../format';
import type { CursorActions } from './commands';
import { IconBack, IconEnd, IconForward, IconPause, IconPlay, IconStart } from './icons';
import { ariaKeys } from './shortcuts';
import { useVizT } from '../i18n';
import type { Translate } from '../i18n';

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
  notice: CursorNotice | null;
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

interface TransportProps {
  none: boolean;
  atStart: boolean;
  atEnd: boolean;
  granularity: Granularity;
  playing: boolean;
  speed: number;
  cursor: PlaybackControlsProps['cursor'];
  onHelp(): void;
  t: Translate;
}

/**
 * The transport buttons, granularity, speed and help: memoized apart from the scrubber, since a
 * step changes none of their props (only the first and last steps enable or disable buttons),
 * and their thirty-odd labels and the speed list were rendered again on every step.
 */
const TransportRow = memo(function TransportRow({
  none,
  atStart,
  atEnd,
  granularity,
  playing,
  speed,
  cursor,
  onHelp,
  t,
}: TransportProps) {
  return (
    <div className="ls-playback-row">
      <div className="ls-transport">
        <button
          type="button"
          className="ls-btn ls-icon-btn"
          aria-label={t('playback.jumpStart', 'Jump to start')}
          title={`${t('playback.jumpStart', 'Jump to start')} (Home)`}
          aria-keyshortcuts="Home"
          disabled={atStart}
          onClick={() => cursor.jumpStart()}
        >
          <IconStart />
        </button>
        <button
          type="button"
          className="ls-btn ls-icon-btn"
          aria-label={t('playback.stepBack', 'Step back')}
          title={`${t('playback.stepBack', 'Step back')} (←)`}
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
          aria-label={playing ? t('playback.pause', 'Pause') : t('playback.play', 'Play')}
          title={`${playing ? t('playback.pause', 'Pause') : t('playback.play', 'Play')} (Space)`}
          aria-keyshortcuts="Space"
          disabled={none}
          onClick={() => (playing ? cursor.pause() : cursor.play())}
        >
          {playing ? <IconPause /> : <IconPlay />}
        </button>
        <button
          type="button"
          className="ls-btn ls-icon-btn"
          aria-label={t('playback.stepForward', 'Step forward')}
          title={`${t('playback.stepForward', 'Step forward')} (→)`}
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
          aria-label={t('playback.jumpEnd', 'Jump to end')}
          title={`${t('playback.jumpEnd', 'Jump to end')} (End)`}
          aria-keyshortcuts="End"
          disabled={atEnd}
          onClick={() => cursor.jumpEnd()}
        >
          <IconEnd />
        </button>
      </div>

      <div className="ls-segmented" role="radiogroup" aria-label={t('playback.stepBy', 'Step by')}>
        {GRANULARITIES.map((g, i) => (
          <button
            key={g.value}
            type="button"
            role="radio"
            aria-checked={granularity === g.value}
            className="ls-seg"
            title={`${t(`playback.granularity.${g.value}Title`, g.title)} (${i + 1})`}
            aria-keyshortcuts={String(i + 1)}
            onClick={() => cursor.setGranularity(g.value)}
          >
            {t(`playback.granularity.${g.value}`, g.label)}
          </button>
        ))}
      </div>

      <label className="ls-speed">
        <span>{t('playback.speed', 'Speed')}</span>
        <select
          aria-label={t('playback.speed', 'Speed')}
          aria-keyshortcuts="+ -"
          value={speed}
          onChange={(e) => cursor.setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {t('playback.speedValue', '{{speed}} / s', { speed: s })}
            </option>
          ))}
        </select>
      </label>

      <button
        type="button"
        className="ls-btn ls-icon-btn ls-help-btn"
        aria-label={t('playback.help', 'Keyboard shortcuts')}
        title={`${t('playback.help', 'Keyboard shortcuts')} (?)`}
        aria-keyshortcuts="?"
        onClick={onHelp}
      >
        ?
      </button>
    </div>
  );
});

/** The "run to next" buttons and the cursor's notice, memoized like TransportRow. */
const RunToRow = memo(function RunToRow({
  none,
  notice,
  cursor,
  t,
}: {
  none: boolean;
  notice: CursorNotice | null;
  cursor: PlaybackControlsProps['cursor'];
  t: Translate;
}) {
  const words = (kind: RunToKind) => t(`playback.runToWords.${kind}`, RUN_TO_WORDS[kind]);
  const onRunTo = (kind: RunToKind) => (e: MouseEvent) => {
    if (e.shiftKey) cursor.runToPrev(kind);
    else cursor.runToNext(kind);
  };
  return (
    <div
      className="ls-playback-row ls-runto"
      role="group"
      aria-label={t('playback.runTo', 'Run to')}
    >
      <span className="ls-runto-label" aria-hidden="true">
        {t('playback.runToLabel', 'Run to next')}
      </span>
      {RUN_TO_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          className="ls-btn ls-chip-btn"
          data-kind={kind}
          aria-label={t('playback.runToNext', 'Run to next {{what}}', { what: words(kind) })}
          title={t(
            'playback.runToTitle',
            'Run to next {{what}} ({{key}}); Shift-click or Shift+{{key}} for the previous one',
            { what: words(kind), key: RUN_TO_KEY[kind] },
          )}
          aria-keyshortcuts={`${RUN_TO_KEY[kind]} Shift+${RUN_TO_KEY[kind]}`}
          disabled={none}
          onClick={onRunTo(kind)}
        >
          {t(`playback.runToKind.${kind}`, RUN_TO_LABELS[kind])}
        </button>
      ))}
      <span className="ls-cursor-notice" role="status" aria-live="polite">
        {notice
          ? t(notice.key, notice.text, {
              ...notice.params,
              ...(notice.kind ? { what: words(notice.kind) } : {}),
            })
          : ''}
      </span>
    </div>
  );
});

function PlaybackControlsImpl(props: PlaybackControlsProps) {
  const { step, length, granularity, playing, speed, notice, cursor } = props;
  const none = length === 0;
  const last = Math.max(0, length - 1);
  const atStart = none || step <= 0;
  const atEnd = none || step >= last;

  const t = useVizT();

  return (
    <div className="ls-playback" role="toolbar" aria-label={t('playback.label', 'Playback')}>
      <TransportRow
        none={none}
        atStart={atStart}
        atEnd={atEnd}
        granularity={granularity}
        playing={playing}
        speed={speed}
        cursor={cursor}
        onHelp={props.onHelp}
        t={t}
      />

      <div className="ls-scrub-row">
        <input
          className="ls-scrubber"
          type="range"
          min={0}
          max={last}
          step={1}
          value={none ? 0 : step}
          disabled={none}
          aria-label={t('playback.scrubber', 'Scrubber')}
          aria-valuetext={t('playback.scrubberValue', 'step {{step}} of {{total}}, {{time}}', {
            step: formatCount(step + 1),
            total: formatCount(length),
            time: formatTime(props.time),
          })}
          onChange={(e) => cursor.seek(Number(e.target.value))}
          // To a hundredth of a percent (a tenth of a pixel on a wide track): on a long run most
          // steps then leave the style as it was, and the slider is not restyled.
          style={{
            ['--ls-fill' as string]: `${length > 1 ? ((step / last) * 100).toFixed(2) : 0}%`,
          }}
        />

        <div className="ls-position" aria-live="off">
          <span className="ls-pos-step">
            {t('playback.stepWord', 'step')}{' '}
            <b data-testid="cursor-step">{none ? '–' : formatCount(step + 1)}</b> /{' '}
            {formatCount(length)}
          </span>
          <span className="ls-pos-time">{formatTime(props.time)}</span>
          <span className="ls-pos-iter">
            {t('playback.iteration', 'iter {{iteration}}', {
              iteration: formatCount(props.iteration),
            })}
          </span>
        </div>
      </div>

      <RunToRow none={none} notice={notice} cursor={cursor} t={t} />
    </div>
  );
}

export const PlaybackControls = memo(PlaybackControlsImpl);
