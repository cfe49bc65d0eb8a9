import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n';
import { RESOURCES, flatten } from '../../i18n/resources';
import type { Tree } from '../../i18n/resources';
import { RUNTIME_NOTICES } from '../../runtime/runtime-client';
import { PlaygroundStoreContext } from '../../store/context';
import { createPlaygroundStore } from '../../store/create-store';
import { announceRunEnd } from '../../app/run-end';
import { Outcome } from '../../trace/schema';
import { ConsolePanel } from './ConsolePanel';

type Store = ReturnType<typeof createPlaygroundStore>;

/** Server rendering reads zustand's initial state, so the render sees the state as it is now. */
const render = (store: Store) =>
  renderToStaticMarkup(
    createElement(
      PlaygroundStoreContext.Provider,
      { value: { ...store, getInitialState: store.getState } },
      createElement(ConsolePanel),
    ),
  );

afterEach(() => setLanguage('en', { persist: false }));

describe('console header notice', () => {
  it('shows a keyed notice in the language of the moment, not the one it was set in', () => {
    initI18n('en');
    const store = createPlaygroundStore({ code: 'print(1)\n', filename: 'main.py' });
    store
      .getState()
      .setNotice('info', 'Finished in 12 ms.', { key: 'status.finished', params: { ms: '12 ms' } });
    expect(render(store)).toContain('Finished in 12 ms.');
    setLanguage('zh-CN', { persist: false });
    const zh = render(store);
    expect(zh).toContain('运行完毕，用时 12 ms。');
    expect(zh).not.toContain('Finished');
  });

  it("heads a deadlock with one sentence in the reader's language, the waiters left to stderr", () => {
    initI18n('en');
    const store = createPlaygroundStore({ code: '', filename: 'main.py' });
    announceRunEnd(store.getState(), {
      outcome: Outcome.DEADLOCK,
      detail: 'deadlock: Task-2 (w) waits for Lock `lock` held by Task-1 at line 6',
      stderr: '',
      filename: 'main.py',
      codeUnchanged: true,
      wallMs: 12,
    });
    const en = render(store);
    expect(en).toContain('Deadlock: the program waits for something that can never happen.');
    // The header is one line: who waits for what is the engine's closing line in the console.
    expect(en).not.toContain('Task-2');
    setLanguage('zh-CN', { persist: false });
    const zh = render(store);
    expect(zh).toContain('死锁：程序在等待一件永远不会发生的事。');
    expect(zh).not.toContain('Deadlock');
  });

  it('shows a plain notice (a Python exception line) as it is', () => {
    const store = createPlaygroundStore({ code: '', filename: 'main.py' });
    store.getState().setNotice('error', 'ValueError: nope');
    setLanguage('zh-CN', { persist: false });
    expect(render(store)).toContain('ValueError: nope');
  });

  it("the runtime client's notice keys have the same English in the resources, and Chinese", () => {
    const en = flatten(RESOURCES.en.translation as Tree);
    const zh = flatten(RESOURCES['zh-CN'].translation as Tree);
    for (const [key, text] of Object.entries(RUNTIME_NOTICES)) {
      expect(en[key], key).toBe(text);
      expect(zh[key], key).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
