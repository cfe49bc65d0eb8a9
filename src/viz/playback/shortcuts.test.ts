import { describe, expect, it, vi } from 'vitest';
import { runCommand } from './commands';
import type { CursorActions } from './commands';
import { HELP_ROWS, SHORTCUTS, commandFor } from './shortcuts';
import type { KeyLike } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

function fakeCursor() {
  const calls: string[] = [];
  const rec =
    (name: string) =>
    (...args: unknown[]) =>
      calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(',')})`);
  const cursor = {
    stepForward: rec('stepForward'),
    stepBack: rec('stepBack'),
    setGranularity: rec('setGranularity'),
    togglePlay: rec('togglePlay'),
    changeSpeed: rec('changeSpeed'),
    jumpStart: rec('jumpStart'),
    jumpEnd: rec('jumpEnd'),
    runToNext: rec('runToNext'),
    runToPrev: rec('runToPrev'),
    runToLine: rec('runToLine'),
    seek: rec('seek'),
  } as unknown as CursorActions;
  return { cursor, calls };
}

describe('keyboard shortcuts', () => {
  const ctx = { toggleHelp: vi.fn(), closeHelp: vi.fn(), caretLine: () => ({ line: 7, shown: 9 }) };

  it('maps keys to cursor actions', () => {
    const { cursor, calls } = fakeCursor();
    const press = (k: KeyLike) => {
      const cmd = commandFor(k, 'page');
      if (cmd) runCommand(cmd, cursor, ctx);
    };
    press(key('ArrowRight'));
    press(key('ArrowLeft', { shiftKey: true }));
    press(key(']'));
    press(key('['));
    press(key(' '));
    press(key('T'));
    press(key('C', { shiftKey: true }));
    press(key('End'));
    press(key('2'));
    press(key('+'));
    press(key('F4'));
    press(key('F4', { shiftKey: true }));
    expect(calls).toEqual([
      'stepForward()',
      'stepBack("step")',
      'stepForward("iteration")',
      'stepBack("iteration")',
      'togglePlay()',
      'runToNext("timer")',
      'runToPrev("cancel")',
      'jumpEnd()',
      'setGranularity("step")',
      'changeSpeed(1)',
      'runToLine(7,"next",9)',
      'runToLine(7,"prev",9)',
    ]);
    press(key('?'));
    expect(ctx.toggleHelp).toHaveBeenCalledTimes(1);
  });

  it('leaves typing alone in the editor but keeps F-keys', () => {
    expect(commandFor(key('ArrowRight'), 'text')).toBeNull();
    expect(commandFor(key('t'), 'text')).toBeNull();
    expect(commandFor(key('F10'), 'text')).toEqual({
      type: 'step',
      direction: 'forward',
      granularity: 'line',
    });
    expect(commandFor(key('ArrowRight', { ctrlKey: true }), 'page')).toBeNull();
    expect(commandFor(key('t', { ctrlKey: true }), 'page')).toBeNull();
  });

  it('on the scrubber, plays and pauses with Space but leaves it the arrows and Home/End', () => {
    expect(commandFor(key(' '), 'slider')).toEqual({ type: 'togglePlay' });
    expect(commandFor(key(' '), 'text')).toBeNull();
    for (const k of ['ArrowRight', 'ArrowLeft', 'Home', 'End', 'PageUp', 'k', 't', '1']) {
      expect(commandFor(key(k), 'slider')).toBeNull();
    }
    expect(commandFor(key('ArrowRight', { shiftKey: true }), 'slider')).toBeNull();
    expect(commandFor(key(' ', { ctrlKey: true }), 'slider')).toBeNull();
    // F-keys act everywhere, the slider included.
    expect(commandFor(key('F10'), 'slider')).toEqual({
      type: 'step',
      direction: 'forward',
      granularity: 'line',
    });
  });

  it('has no two shortcuts for one key press, and lists every command in the help', () => {
    const probes = SHORTCUTS.map((s) => s.aria);
    expect(new Set(probes).size).toBe(probes.length);
    expect(HELP_ROWS.length).toBeGreaterThan(10);
    expect(HELP_ROWS.some((r) => r.description.includes('Play or pause'))).toBe(true);
  });
});
