import type { ReactNode } from 'react';
import { selectCanRun, selectIsBusy } from '../store/selectors';
import { usePlaygroundStore } from '../store/context';
import { BootProgress } from './BootProgress';
import type { PlaygroundController } from './controller';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const RUN_SHORTCUT = isMac ? '⌘↵' : 'Ctrl+Enter';

export function Toolbar({
  controller,
  embedded,
  extras,
}: {
  controller: PlaygroundController;
  embedded: boolean;
  /** Share, Embed, Examples and the language switcher (share/CourseLayer). */
  extras?: ReactNode;
}) {
  const canRun = usePlaygroundStore(selectCanRun);
  const busy = usePlaygroundStore(selectIsBusy);
  const stopping = usePlaygroundStore((s) => s.runtimeStatus === 'stopping');
  const failed = usePlaygroundStore((s) => s.runtimeStatus === 'failed');
  const hasSyntaxError = usePlaygroundStore((s) => s.syntaxError !== null);

  return (
    <div className="ls-toolbar" role="toolbar" aria-label="Program">
      {!embedded && (
        <span className="ls-brand">
          <span className="ls-brand-mark" aria-hidden="true">
            ◎
          </span>
          Loopscope
          <span className="ls-brand-sub">asyncio, step by step</span>
        </span>
      )}
      <button
        type="button"
        className="ls-button ls-button-run"
        onClick={() => void controller.run()}
        disabled={!canRun}
        aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}
        title={
          hasSyntaxError
            ? `Run (${RUN_SHORTCUT}); the code has a syntax error`
            : `Run (${RUN_SHORTCUT})`
        }
      >
        <span aria-hidden="true">▶</span> Run
        <kbd className="ls-kbd" aria-hidden="true">
          {RUN_SHORTCUT}
        </kbd>
      </button>
      <button
        type="button"
        className="ls-button ls-button-stop"
        onClick={() => controller.stop()}
        disabled={!busy || stopping}
      >
        <span aria-hidden="true">■</span> Stop
      </button>
      {failed && (
        <button type="button" className="ls-button" onClick={() => controller.retry()}>
          Retry
        </button>
      )}
      {extras}
      <span className="ls-toolbar-spacer" />
      <BootProgress />
    </div>
  );
}
