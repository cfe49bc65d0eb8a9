/**
 * Carrying out a keyboard command against the cursor actions. Kept apart from the DOM listener
 * so the mapping from key to effect is unit-tested without a browser.
 */
import type { CursorSlice } from '../../store/slices/cursor';
import type { Command } from './shortcuts';

/** The cursor actions the controls use; the store's state satisfies it. */
export type CursorActions = Pick<
  CursorSlice,
  | 'stepForward'
  | 'stepBack'
  | 'setGranularity'
  | 'togglePlay'
  | 'changeSpeed'
  | 'jumpStart'
  | 'jumpEnd'
  | 'runToNext'
  | 'runToPrev'
  | 'runToLine'
  | 'seek'
>;

export interface CommandContext {
  toggleHelp(): void;
  closeHelp(): void;
  /**
   * The run's line at the editor's caret and the number the editor shows for it (they differ once
   * edits moved the line), or null when there is no editor or the caret is on a line typed since.
   */
  caretLine(): { line: number; shown: number } | null;
}

export function runCommand(cmd: Command, cursor: CursorActions, ctx: CommandContext): void {
  switch (cmd.type) {
    case 'step':
      if (cmd.direction === 'forward') cursor.stepForward(cmd.granularity ?? undefined);
      else cursor.stepBack(cmd.granularity ?? undefined);
      return;
    case 'granularity':
      cursor.setGranularity(cmd.granularity);
      return;
    case 'togglePlay':
      cursor.togglePlay();
      return;
    case 'speed':
      cursor.changeSpeed(cmd.delta);
      return;
    case 'jump':
      if (cmd.to === 'start') cursor.jumpStart();
      else cursor.jumpEnd();
      return;
    case 'runTo':
      if (cmd.direction === 'next') cursor.runToNext(cmd.kind);
      else cursor.runToPrev(cmd.kind);
      return;
    case 'runToCursor': {
      const at = ctx.caretLine();
      if (at) cursor.runToLine(at.line, cmd.direction, at.shown);
      return;
    }
    case 'help':
      ctx.toggleHelp();
      return;
    case 'closeHelp':
      ctx.closeHelp();
      return;
  }
}
