import { useT } from '../i18n';
import { BOOT_PHASES } from '../runtime/protocol';
import { selectBootFraction } from '../store/selectors';
import { usePlaygroundStore } from '../store/context';
import { PHASE_LABELS } from './controller';

function megabytes(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}

/**
 * Where the runtime is: the boot phase in words with bytes downloaded, then the Python version
 * once ready. The progress bar has a value only while bytes are known.
 */
export function BootProgress() {
  const status = usePlaygroundStore((s) => s.runtimeStatus);
  const phase = usePlaygroundStore((s) => s.bootPhase);
  const loaded = usePlaygroundStore((s) => s.bootLoaded);
  const total = usePlaygroundStore((s) => s.bootTotal);
  const info = usePlaygroundStore((s) => s.runtimeInfo);
  const fraction = usePlaygroundStore(selectBootFraction);
  const { t } = useT();

  if (status === 'failed') {
    return (
      <span className="ls-runtime ls-runtime-failed" role="status">
        {t('boot.failed')}
      </span>
    );
  }
  if (status !== 'booting' && info) {
    return (
      <span
        className="ls-runtime ls-runtime-ready"
        role="status"
        title={t(info.interruptible ? 'boot.readyTitleInterrupt' : 'boot.readyTitleRestart', {
          ms: info.bootMs,
        })}
      >
        <span className="ls-dot" aria-hidden="true" />
        Python {info.pythonVersion}
      </span>
    );
  }
  const step = Math.max(0, BOOT_PHASES.indexOf(phase)) + 1;
  const bytes =
    loaded > 0 ? ` ${megabytes(loaded)}${total ? ` / ${megabytes(total)}` : ''} MB` : '';
  const label = `${t(`boot.phase.${phase}`, { defaultValue: PHASE_LABELS[phase] })}${bytes}`;
  return (
    <span className="ls-runtime ls-runtime-booting" role="status">
      <span className="ls-boot-step">
        {step}/{BOOT_PHASES.length}
      </span>
      <span className="ls-boot-label">{label}</span>
      <progress
        className="ls-boot-bar"
        aria-label={t('boot.label')}
        max={1}
        value={phase === 'fetch-runtime' ? (fraction ?? undefined) : step / BOOT_PHASES.length}
      />
    </span>
  );
}
