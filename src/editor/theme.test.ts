import { afterEach, describe, expect, it, vi } from 'vitest';
import { EDITOR_THEMES, editorThemeFor, followPageTheme } from './theme';

/** A stand-in for MutationObserver (no DOM in these tests): records observers to fire by hand. */
class FakeObserver {
  static all: FakeObserver[] = [];
  connected = false;
  constructor(private readonly callback: () => void) {
    FakeObserver.all.push(this);
  }
  observe(_el: unknown, options: MutationObserverInit) {
    expect(options.attributeFilter).toEqual(['data-theme']);
    this.connected = true;
  }
  disconnect() {
    this.connected = false;
  }
  fire() {
    if (this.connected) this.callback();
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeObserver.all = [];
});

describe('editor theme', () => {
  it('maps the page theme to a Monaco theme, dark by default', () => {
    expect(editorThemeFor('light')).toBe(EDITOR_THEMES.light);
    expect(editorThemeFor('dark')).toBe(EDITOR_THEMES.dark);
    expect(editorThemeFor(undefined)).toBe(EDITOR_THEMES.dark);
    expect(editorThemeFor('solarized')).toBe(EDITOR_THEMES.dark);
  });

  it('applies the theme at once and follows later changes until stopped', () => {
    vi.stubGlobal('MutationObserver', FakeObserver);
    const root = { dataset: { theme: 'light' } as DOMStringMap } as HTMLElement;
    const applied: string[] = [];
    const stop = followPageTheme((theme) => applied.push(theme), root);
    expect(applied).toEqual(['loopscope-light']);
    root.dataset.theme = 'dark';
    FakeObserver.all[0].fire();
    FakeObserver.all[0].fire(); // no change: not applied twice
    expect(applied).toEqual(['loopscope-light', 'loopscope-dark']);
    stop();
    root.dataset.theme = 'light';
    FakeObserver.all[0].fire();
    expect(applied).toEqual(['loopscope-light', 'loopscope-dark']);
  });
});
