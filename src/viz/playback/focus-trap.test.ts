import { describe, expect, it } from 'vitest';
import { cycleTarget } from './focus-trap';

describe('cycleTarget', () => {
  const items = ['close', 'link', 'last'];

  it('moves to the next control, and from the last around to the first', () => {
    expect(cycleTarget(items, 'close', false)).toBe('link');
    expect(cycleTarget(items, 'last', false)).toBe('close');
  });

  it('moves back with Shift+Tab, and from the first around to the last', () => {
    expect(cycleTarget(items, 'link', true)).toBe('close');
    expect(cycleTarget(items, 'close', true)).toBe('last');
  });

  it('keeps a dialog with one control on it (the help list has only Close)', () => {
    expect(cycleTarget(['close'], 'close', false)).toBe('close');
    expect(cycleTarget(['close'], 'close', true)).toBe('close');
  });

  it('enters at the first or the last from anywhere else: the dialog itself, or nowhere', () => {
    expect(cycleTarget(items, 'dialog', false)).toBe('close');
    expect(cycleTarget(items, 'dialog', true)).toBe('last');
    expect(cycleTarget(items, null, false)).toBe('close');
    expect(cycleTarget([], 'dialog', false)).toBeNull();
  });
});
