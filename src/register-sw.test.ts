import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isSettled, whenRuntimeSettled } from './register-sw';

/** Just enough of MutationObserver to see what is observed and to deliver records by hand. */
class FakeObserver {
  static last: FakeObserver | null = null;
  options: MutationObserverInit | null = null;
  disconnected = false;
  constructor(readonly callback: (records: { target: unknown }[]) => void) {
    FakeObserver.last = this;
  }
  observe(_target: unknown, options: MutationObserverInit) {
    this.options = options;
  }
  disconnect() {
    this.disconnected = true;
  }
}

const element = (state: string) => ({ getAttribute: () => state });

/** A document with the given playground states, loaded or not. */
function fakeDocument(states: string[], readyState: DocumentReadyState) {
  const listeners = new Map<string, () => void>();
  return {
    doc: {
      readyState,
      documentElement: {},
      querySelectorAll: () => states.map(element),
      defaultView: {
        addEventListener: (type: string, fn: () => void) => listeners.set(type, fn),
        removeEventListener: (type: string) => listeners.delete(type),
      },
    } as unknown as Document,
    fire: (type: string) => listeners.get(type)?.(),
  };
}

describe('whenRuntimeSettled', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('MutationObserver', FakeObserver);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('watches the state attribute only, never every DOM change', () => {
    const { doc } = fakeDocument([], 'loading');
    whenRuntimeSettled(() => undefined, doc);
    const options = FakeObserver.last!.options!;
    expect(options.childList).toBeFalsy();
    expect(options.attributeFilter).toEqual(['data-runtime-state']);
  });

  it('finishes once when the state leaves booting', () => {
    const { doc } = fakeDocument(['booting'], 'complete');
    const done = vi.fn();
    whenRuntimeSettled(done, doc);
    const observer = FakeObserver.last!;
    observer.callback([{ target: element('booting') }]);
    expect(done).not.toHaveBeenCalled();
    observer.callback([{ target: element('ready') }]);
    observer.callback([{ target: element('running') }]);
    vi.runAllTimers();
    expect(done).toHaveBeenCalledTimes(1);
    expect(observer.disconnected).toBe(true);
  });

  it('finds a playground mounted before it looked, once the page has loaded', () => {
    const page = fakeDocument(['error'], 'interactive');
    const done = vi.fn();
    whenRuntimeSettled(done, page.doc);
    expect(done).not.toHaveBeenCalled();
    page.fire('load');
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('gives up waiting after the fallback (a replayed trace never boots Python)', () => {
    const { doc } = fakeDocument(['booting'], 'complete');
    const done = vi.fn();
    whenRuntimeSettled(done, doc, 1000);
    vi.advanceTimersByTime(999);
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('counts every state but booting as settled', () => {
    expect(['ready', 'running', 'error'].map(isSettled)).toEqual([true, true, true]);
    expect([isSettled('booting'), isSettled(null)]).toEqual([false, false]);
  });
});
