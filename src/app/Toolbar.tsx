import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { selectCanRun, selectIsBusy } from '../store/selectors';
import { usePlaygroundStore } from '../store/context';
import { BootProgress } from './BootProgress';
import type { PlaygroundController } from './controller';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const RUN_SHORTCUT = isMac ? '⌘↵' : 'Ctrl+Enter';

export function Toolbar({
  controller,
  embedded,
  runStartsRuntime = false,
  extras,
}: {
  controller: PlaygroundController;
  embedded: boolean;
  /** Python was not started (a recorded run): Run is offered anyway, and starts it first. */
  runStartsRuntime?: boolean;
  /** Share, Embed, Examples and the language switcher (share/CourseLayer). */
  extras?: ReactNode;
}) {
  const canRun = usePlaygroundStore(selectCanRun);
  const busy = usePlaygroundStore(selectIsBusy);
  const stopping = usePlaygroundStore((s) => s.runtimeStatus === 'stopping');
  const failed = usePlaygroundStore((s) => s.runtimeStatus === 'failed');
  const hasSyntaxError = usePlaygroundStore((s) => s.syntaxError !== null);
  const { t } = useT();

  return (
    <div className="ls-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {!embedded && (
        <span className="ls-brand">
          <span className="ls-brand-mark" aria-hidden="true">
            ◎
          </span>
          Loopscope
          <span className="ls-brand-sub">{t('app.tagline')}</span>
        </span>
      )}
      <button
        type="button"
        className="ls-button ls-button-run"
        data-run-control
        onClick={() => void controller.run()}
        disabled={!canRun && !runStartsRuntime}
        aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}
        title={t(hasSyntaxError ? 'toolbar.runTitleSyntax' : 'toolbar.runTitle', {
          shortcut: RUN_SHORTCUT,
        })}
      >
        <span aria-hidden="true">▶</span> {t('toolbar.run')}
        <kbd className="ls-kbd" aria-hidden="true">
          {RUN_SHORTCUT}
        </kbd>
      </button>
      <button
        type="button"
        className="ls-button ls-button-stop"
        data-run-control
        onClick={() => controller.stop()}
        disabled={!busy || stopping}
      >
        <span aria-hidden="true">■</span> {t('toolbar.stop')}
      </button>
      {failed && (
        <button type="button" className="ls-button" onClick={() => controller.retry()}>
          {t('toolbar.retry')}
        </button>
      )}
      {extras}
      <span className="ls-toolbar-spacer" />
      <BootProgress />
    </div>
  );
}
