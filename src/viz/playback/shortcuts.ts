/**
 * The debugger's keyboard map: one table read by the key handler, the help overlay and the
 * buttons' aria-keyshortcuts, so what is listed is what works.
 *
 * Plain keys act only when focus is outside text fields and the code editor (they would type
 * there). F-keys act everywhere, so someone editing code can step without leaving the editor.
 * On a slider (the scrubber) the arrows, Home and End move the slider, but Space, which a
 * slider has no use for, plays and pauses as it does elsewhere.
 */
import type { RunToKind } from '../../store/slices/cursor';
import type { Granularity } from '../../trace/types';

export type Command =
  | { type: 'step'; direction: 'forward' | 'back'; granularity: Granularity | null }
  | { type: 'granularity'; granularity: Granularity }
  | { type: 'togglePlay' }
  | { type: 'speed'; delta: 1 | -1 }
  | { type: 'jump'; to: 'start' | 'end' }
  | { type: 'runTo'; kind: RunToKind; direction: 'next' | 'prev' }
  | { type: 'runToCursor'; direction: 'next' | 'prev' }
  | { type: 'help' }
  | { type: 'closeHelp' };

/** The fields of a KeyboardEvent the map needs, so tests pass plain objects. */
export interface KeyLike {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export interface Shortcut {
  /** As shown in the help overlay. */
  keys: string;
  /** In aria-keyshortcuts syntax. */
  aria: string;
  description: string;
  /** i18n key of the description (playback.shortcuts.*). */
  helpKey?: string;
  command: Command;
  /** Acts even while typing in the editor. */
  global?: boolean;
  match(e: KeyLike): boolean;
}

const plain =
  (key: string, shift = false) =>
  (e: KeyLike) =>
    e.key === key && e.shiftKey === shift && !e.altKey && !e.ctrlKey && !e.metaKey;
/** Letter keys: Shift changes the character's case, so compare case-insensitively. */
const letter = (key: string, shift: boolean) => (e: KeyLike) =>
  e.key.toLowerCase() === key && e.shiftKey === shift && !e.altKey && !e.ctrlKey && !e.metaKey;

const RUN_TO_KEYS: [RunToKind, string, string][] = [
  ['timer', 't', 'timer firing'],
  ['cancel', 'c', 'cancellation'],
  ['exception', 'e', 'exception'],
  ['done', 'd', 'task done'],
  ['output', 'o', 'output line'],
];

export const SHORTCUTS: readonly Shortcut[] = [
  {
    keys: '→',
    aria: 'ArrowRight',
    description: 'Step forward by the chosen granularity',
    helpKey: 'playback.shortcuts.stepForward',
    command: { type: 'step', direction: 'forward', granularity: null },
    match: plain('ArrowRight'),
  },
  {
    keys: '←',
    aria: 'ArrowLeft',
    description: 'Step back by the chosen granularity',
    helpKey: 'playback.shortcuts.stepBack',
    command: { type: 'step', direction: 'back', granularity: null },
    match: plain('ArrowLeft'),
  },
  {
    keys: 'F10 / Shift+F10',
    aria: 'F10',
    description: 'Step forward / back one line (also inside the editor)',
    helpKey: 'playback.shortcuts.line',
    command: { type: 'step', direction: 'forward', granularity: 'line' },
    global: true,
    match: plain('F10'),
  },
  {
    keys: 'Shift+F10',
    aria: 'Shift+F10',
    description: '',
    command: { type: 'step', direction: 'back', granularity: 'line' },
    global: true,
    match: plain('F10', true),
  },
  {
    keys: 'Shift+→ / Shift+←',
    aria: 'Shift+ArrowRight',
    description: 'Step forward / back one task step or callback',
    helpKey: 'playback.shortcuts.taskStep',
    command: { type: 'step', direction: 'forward', granularity: 'step' },
    match: plain('ArrowRight', true),
  },
  {
    keys: 'Shift+←',
    aria: 'Shift+ArrowLeft',
    description: '',
    command: { type: 'step', direction: 'back', granularity: 'step' },
    match: plain('ArrowLeft', true),
  },
  {
    keys: '] / [',
    aria: ']',
    description: 'Step forward / back one loop iteration',
    helpKey: 'playback.shortcuts.iteration',
    command: { type: 'step', direction: 'forward', granularity: 'iteration' },
    match: (e) => e.key === ']' && !e.ctrlKey && !e.metaKey && !e.altKey,
  },
  {
    keys: '[',
    aria: '[',
    description: '',
    command: { type: 'step', direction: 'back', granularity: 'iteration' },
    match: (e) => e.key === '[' && !e.ctrlKey && !e.metaKey && !e.altKey,
  },
  {
    keys: '1 / 2 / 3',
    aria: '1',
    description: 'Step buttons move by line / task step / loop iteration',
    helpKey: 'playback.shortcuts.granularity',
    command: { type: 'granularity', granularity: 'line' },
    match: plain('1'),
  },
  {
    keys: '2',
    aria: '2',
    description: '',
    command: { type: 'granularity', granularity: 'step' },
    match: plain('2'),
  },
  {
    keys: '3',
    aria: '3',
    description: '',
    command: { type: 'granularity', granularity: 'iteration' },
    match: plain('3'),
  },
  {
    keys: 'Space / K',
    aria: 'Space',
    description: 'Play or pause',
    helpKey: 'playback.shortcuts.play',
    command: { type: 'togglePlay' },
    match: (e) => plain(' ')(e) || letter('k', false)(e),
  },
  {
    keys: '+ / −',
    aria: '+',
    description: 'Play faster / slower',
    helpKey: 'playback.shortcuts.speed',
    command: { type: 'speed', delta: 1 },
    match: (e) => (e.key === '+' || e.key === '=') && !e.ctrlKey && !e.metaKey && !e.altKey,
  },
  {
    keys: '−',
    aria: '-',
    description: '',
    command: { type: 'speed', delta: -1 },
    match: (e) => (e.key === '-' || e.key === '_') && !e.ctrlKey && !e.metaKey && !e.altKey,
  },
  {
    keys: 'Home / End',
    aria: 'Home',
    description: 'Jump to the start / end of the run',
    helpKey: 'playback.shortcuts.jump',
    command: { type: 'jump', to: 'start' },
    match: plain('Home'),
  },
  {
    keys: 'End',
    aria: 'End',
    description: '',
    command: { type: 'jump', to: 'end' },
    match: plain('End'),
  },
  ...RUN_TO_KEYS.flatMap(([kind, key, words]): Shortcut[] => [
    {
      keys: `${key.toUpperCase()} / Shift+${key.toUpperCase()}`,
      aria: key.toUpperCase(),
      description: `Run to the next / previous ${words}`,
      helpKey: 'playback.shortcuts.runTo',
      command: { type: 'runTo', kind, direction: 'next' },
      match: letter(key, false),
    },
    {
      keys: `Shift+${key.toUpperCase()}`,
      aria: `Shift+${key.toUpperCase()}`,
      description: '',
      command: { type: 'runTo', kind, direction: 'prev' },
      match: letter(key, true),
    },
  ]),
  {
    keys: 'F4 / Shift+F4',
    aria: 'F4',
    description: "Run to the next / previous execution of the editor cursor's line",
    helpKey: 'playback.shortcuts.runToCursor',
    command: { type: 'runToCursor', direction: 'next' },
    global: true,
    match: plain('F4'),
  },
  {
    keys: 'Shift+F4',
    aria: 'Shift+F4',
    description: '',
    command: { type: 'runToCursor', direction: 'prev' },
    global: true,
    match: plain('F4', true),
  },
  {
    keys: '?',
    aria: '?',
    description: 'Show or hide this list',
    helpKey: 'playback.shortcuts.help',
    command: { type: 'help' },
    match: (e) => e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey,
  },
  {
    keys: 'Esc',
    aria: 'Escape',
    description: 'Close this list',
    helpKey: 'playback.shortcuts.close',
    command: { type: 'closeHelp' },
    match: plain('Escape'),
  },
];

/** Rows for the help overlay: entries with an empty description are folded into the one before. */
export interface HelpRow {
  keys: string;
  description: string;
  helpKey?: string;
  /** For run-to rows: the kind whose words fill {{what}}. */
  kind?: RunToKind;
}
export const HELP_ROWS: readonly HelpRow[] = SHORTCUTS.filter((s) => s.description !== '').map(
  (s) => ({
    keys: s.keys,
    description: s.description,
    helpKey: s.helpKey,
    kind: s.command.type === 'runTo' ? s.command.kind : undefined,
  }),
);

/**
 * Where the keyboard focus is, as far as the shortcuts go: on the page (every shortcut), in the
 * editor, a text field or a menu (`text`: only global shortcuts, the others would type), or on a
 * slider (`slider`: as in text, but for Space).
 */
export type KeyFocus = 'page' | 'text' | 'slider';

const space = plain(' ');
/** What Space does on the page, from the table. */
const SPACE_COMMAND = SHORTCUTS.find((s) => s.aria === 'Space')!.command;

/** The command for a key press with the focus at `focus`, or null. */
export function commandFor(e: KeyLike, focus: KeyFocus): Command | null {
  if (focus === 'slider' && space(e)) return SPACE_COMMAND;
  for (const s of SHORTCUTS) {
    if ((s.global || focus === 'page') && s.match(e)) return s.command;
  }
  return null;
}

/** aria-keyshortcuts value for a command, found in the same table. */
export function ariaKeys(predicate: (c: Command) => boolean): string | undefined {
  const list = SHORTCUTS.filter((s) => predicate(s.command)).map((s) => s.aria);
  return list.length ? list.join(' ') : undefined;
}
