import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n';
import { RegionBoundary } from './RegionBoundary';

// React's server renderer has no error boundaries, so these drive the boundary's own methods;
// e2e/resilience.spec.ts checks the real thing with a panels chunk that fails to load.
afterEach(() => {
  setLanguage('en', { persist: false });
  vi.restoreAllMocks();
});

function boundary(name: string) {
  return new RegionBoundary({ name, children: createElement('span', null, `${name} panel`) });
}

describe('RegionBoundary', () => {
  it('renders its children while nothing has failed', () => {
    expect(renderToStaticMarkup(boundary('loop').render())).toBe('<span>loop panel</span>');
  });

  it('after an error shows it with a reload in the page language, and logs the region', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const b = boundary('tasks');
    const error = new Error('Failed to fetch dynamically imported module');
    b.state = RegionBoundary.getDerivedStateFromError(error);
    b.componentDidCatch(error, { componentStack: '' });
    const html = renderToStaticMarkup(b.render());
    expect(html).toContain('role="alert"');
    expect(html).toContain(
      'This panel could not load: Failed to fetch dynamically imported module. Your code is kept.',
    );
    expect(html).toContain('>Reload</button>');
    expect(console.error).toHaveBeenCalledWith('Loopscope: the tasks region failed', error, '');
    setLanguage('zh-CN', { persist: false });
    expect(renderToStaticMarkup(b.render())).toContain('>重新加载</button>');
  });

  it('turns a thrown non-Error into an Error', () => {
    const state = RegionBoundary.getDerivedStateFromError('boom');
    expect(state.error).toBeInstanceOf(Error);
    expect(state.error?.message).toBe('boom');
  });
});
