/** Shown when the code was edited after the run: the panels describe the old code. */
import { useVizT } from '../i18n';

export interface StaleBannerProps {
  stale: boolean;
  onRerun(): void;
  /** The shell's run shortcut as shown to people, e.g. "Ctrl+Enter". */
  runKeys: string;
}

export function StaleBanner({ stale, onRerun, runKeys }: StaleBannerProps) {
  const t = useVizT();
  if (!stale) return null;
  return (
    <div className="ls-stale" role="status">
      <span>
        {t('status.stale', 'The code changed since this run: the trace shows the old program.')}
      </span>
      <button type="button" className="ls-btn ls-primary" onClick={onRerun}>
        {t('status.runAgain', 'Run again')} <kbd>{runKeys}</kbd>
      </button>
    </div>
  );
}
