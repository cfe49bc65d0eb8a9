/** Shown when the code was edited after the run: the panels describe the old code. */

export interface StaleBannerProps {
  stale: boolean;
  onRerun(): void;
  /** The shell's run shortcut as shown to people, e.g. "Ctrl+Enter". */
  runKeys: string;
}

export function StaleBanner({ stale, onRerun, runKeys }: StaleBannerProps) {
  if (!stale) return null;
  return (
    <div className="ls-stale" role="status">
      <span>The code changed since this run: the debugger shows the old run.</span>
      <button type="button" className="ls-btn ls-primary" onClick={onRerun}>
        Run again <kbd>{runKeys}</kbd>
      </button>
    </div>
  );
}
