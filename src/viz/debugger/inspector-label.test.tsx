import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, expect, it, vi } from 'vitest';
import { setLanguage } from '../../i18n';
import { PlaygroundStoreContext } from '../../store/context';
import { createPlaygroundStore } from '../../store/create-store';
import { InspectorRegion } from './DebuggerPanels';

// The module also wires the editor, which Node cannot load; the inspector does not use it.
vi.mock('../../editor/monaco', () => ({ monaco: {} }));

afterEach(() => setLanguage('en', { persist: false }));

function render(): string {
  const store = createPlaygroundStore({ code: '', filename: 'main.py' });
  return renderToStaticMarkup(
    <PlaygroundStoreContext.Provider value={{ ...store, getInitialState: store.getState }}>
      <InspectorRegion />
    </PlaygroundStoreContext.Provider>,
  );
}

it("names the inspector's tab list in the page's language", () => {
  expect(render()).toMatch(/role="tablist" aria-label="Futures and resources"/);
  setLanguage('zh-CN', { persist: false });
  const zh = render();
  expect(zh).toMatch(/role="tablist" aria-label="Future 与资源"/);
  expect(zh).not.toContain('aria-label="Inspector"');
});

it('says that the Futures tab counts the pending ones (QA: "Futures 0" over done tasks)', () => {
  expect(render()).toMatch(/Futures <span class="ls-count">0 pending<\/span>/);
  expect(render()).toMatch(/Resources <span class="ls-count">0<\/span>/);
});
