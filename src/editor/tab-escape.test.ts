import { describe, expect, it } from 'vitest';
import { tabEscape } from './tab-escape';
import type { TabKey } from './tab-escape';

const key = (k: string, mods: Partial<TabKey> = {}): TabKey => ({
  key: k,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('tabEscape', () => {
  it('lets Tab indent until Escape comes first', () => {
    const feed = tabEscape();
    expect(feed(key('Tab'))).toBeNull();
    expect(feed(key('Escape'))).toBeNull();
    expect(feed(key('Tab'))).toBe('next');
    // Spent: the next Tab indents again.
    expect(feed(key('Tab'))).toBeNull();
  });

  it('goes back with Shift+Tab, the Shift press in between keeping it armed', () => {
    const feed = tabEscape();
    feed(key('Escape'));
    expect(feed(key('Shift', { shiftKey: true }))).toBeNull();
    expect(feed(key('Tab', { shiftKey: true }))).toBe('previous');
  });

  it('is cancelled by any other key, and by modified Escapes or Tabs', () => {
    const feed = tabEscape();
    feed(key('Escape'));
    feed(key('a'));
    expect(feed(key('Tab'))).toBeNull();
    feed(key('Escape', { ctrlKey: true }));
    expect(feed(key('Tab'))).toBeNull();
    feed(key('Escape'));
    expect(feed(key('Tab', { ctrlKey: true }))).toBeNull();
    expect(feed(key('Tab'))).toBeNull();
  });
});
