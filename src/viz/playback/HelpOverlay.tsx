/**
 * The keyboard-shortcut list, opened with "?". Generated from the same table the keys use. It is
 * a modal dialog: the keyboard stays inside it while it is open (see ./focus-trap).
 */
import { useRef } from 'react';
import { RUN_TO_WORDS } from '../../store/slices/cursor';
import { useVizT } from '../i18n';
import { trapTab, useModalFocus } from './focus-trap';
import { HELP_ROWS } from './shortcuts';

export interface HelpOverlayProps {
  open: boolean;
  onClose(): void;
  /** The shell's run shortcut, shown so the list is complete (e.g. "Ctrl+Enter"). */
  runKeys?: string;
}

export function HelpOverlay({ open, onClose, runKeys }: HelpOverlayProps) {
  const t = useVizT();
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useModalFocus(open, dialogRef, closeRef);

  if (!open) return null;
  return (
    <div className="ls-help-backdrop" onClick={onClose}>
      <div
        ref={dialogRef}
        className="ls-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ls-help-title"
        // Focusable by script and click only: a click on the list's text keeps the focus in the
        // dialog (not on the page's body), so Tab and Escape still reach its handler.
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          // Escape, and "?" itself ("Show or hide this list"), close it.
          if (e.key === 'Escape' || (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey)) {
            e.preventDefault();
            e.stopPropagation();
            onClose();
            return;
          }
          trapTab(e.currentTarget, e);
        }}
      >
        <div className="ls-help-head">
          <h2 id="ls-help-title">{t('playback.shortcuts.title', 'Keyboard shortcuts')}</h2>
          <button ref={closeRef} type="button" className="ls-btn" onClick={onClose}>
            {t('common.close', 'Close')}
          </button>
        </div>
        <table className="ls-help-table">
          <tbody>
            {runKeys && (
              <tr>
                <td>
                  <kbd>{runKeys}</kbd>
                </td>
                <td>{t('playback.shortcuts.run', 'Run the program')}</td>
              </tr>
            )}
            {HELP_ROWS.map((row) => (
              <tr key={row.keys}>
                <td>
                  <kbd>{row.keys}</kbd>
                </td>
                <td>
                  {row.helpKey
                    ? t(row.helpKey, row.description, {
                        what: row.kind
                          ? t(`playback.runToWords.${row.kind}`, RUN_TO_WORDS[row.kind])
                          : '',
                      })
                    : row.description}
                </td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd>{t('playback.shortcuts.lineClickKeys', 'Click / Shift+click')}</kbd>
              </td>
              <td>
                {t(
                  'playback.shortcuts.lineClick',
                  'on a line number: run to its next / previous execution',
                )}
              </td>
            </tr>
            <tr>
              <td>
                <kbd>{t('playback.shortcuts.leaveEditorKeys', 'Esc, then Tab / Shift+Tab')}</kbd>
              </td>
              <td>
                {t(
                  'playback.shortcuts.leaveEditor',
                  'in the editor: move to the next / previous control (Ctrl+M: Tab moves the focus until pressed again)',
                )}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
