/**
 * Keeps one failed region from blanking the whole playground. The debugger's panels arrive in a
 * lazy chunk; if that chunk cannot load (a deploy replaced it, the network dropped) or a panel
 * throws while rendering, React would otherwise unmount everything, the editor and its text
 * included. The region shows what failed and offers a reload; the code survives in storage.
 */
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { useT } from '../i18n';

interface Props {
  /** Names the region in the console message, e.g. "tasks". */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

function RegionFailed({ error }: { error: Error }) {
  const { t } = useT();
  return (
    <div className="ls-region-failed" role="alert">
      <p>{t('app.regionFailed', { error: error.message || error.name })}</p>
      <button type="button" onClick={() => location.reload()}>
        {t('app.reload')}
      </button>
    </div>
  );
}

export class RegionBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Loopscope: the ${this.props.name} region failed`, error, info.componentStack);
  }

  render(): ReactNode {
    return this.state.error ? <RegionFailed error={this.state.error} /> : this.props.children;
  }
}
