/**
 * The one page helper the e2e specs drive Loopscope through, as a person would: by roles and
 * accessible names. It waits on the page's own readiness signals (data-runtime-state on the
 * playground, data-run-seq/data-run-state for runs), never on fixed sleeps.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Booting Pyodide on a busy two-core machine can take a while. */
export const BOOT_TIMEOUT = 90_000;

export class LoopscopePage {
  readonly playground: Locator;
  readonly runButton: Locator;
  readonly stopButton: Locator;
  readonly output: Locator;
  readonly notice: Locator;
  readonly editor: Locator;
  readonly editorInput: Locator;
  /** Console messages where the browser refused something under the Content-Security-Policy. */
  readonly cspViolations: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) {
        this.cspViolations.push(message.text());
      }
    });
    // The page's names follow its language (English or Chinese).
    this.playground = page.getByRole('main', { name: /^Loopscope (playground|练习场)$/ });
    this.runButton = page.getByRole('button', { name: 'Run', exact: true });
    this.stopButton = page.getByRole('button', { name: 'Stop', exact: true });
    this.output = page.getByRole('log', { name: 'Program output' });
    this.notice = page.getByTestId('notice');
    this.editor = page.getByTestId('code-editor');
    this.editorInput = page.getByRole('textbox', { name: /Python (code editor|代码编辑器)/ });
  }

  /** Opens the app; `fresh` clears saved code first so each test starts from the example. */
  async open({ fresh = true }: { fresh?: boolean } = {}): Promise<void> {
    if (fresh) {
      await this.page.addInitScript(() => {
        if (!sessionStorage.getItem('e2e-started')) {
          localStorage.clear();
          sessionStorage.setItem('e2e-started', '1');
        }
      });
    }
    await this.page.goto('/');
    await this.waitReady();
  }

  async waitReady(timeout = BOOT_TIMEOUT): Promise<void> {
    await expect(this.playground).toHaveAttribute('data-runtime-state', 'ready', { timeout });
  }

  async runSeq(): Promise<number> {
    return Number(await this.playground.getAttribute('data-run-seq'));
  }

  /**
   * Replaces the editor's text the way a person pasting a program would: select all, then a
   * paste event. Pasted text is inserted verbatim, where typed keystrokes would be auto-indented
   * and auto-closed by Monaco. On a page still loading, Monaco can take over from the first-stage
   * editor between the focus and the paste, which then lands on the element it replaced: so the
   * paste is made again until the app has saved the code.
   */
  async setCode(code: string): Promise<void> {
    await expect(async () => {
      await this.pasteCode(code);
      await expect.poll(() => this.savedCode(), { timeout: 5_000 }).toBe(code);
    }).toPass({ timeout: 30_000 });
  }

  /** Selects all of the editor's text and pastes `code` over it, once; nothing is awaited. */
  async pasteCode(code: string): Promise<void> {
    await this.editorInput.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.editorInput.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, code);
  }

  /** What the app saved for a reload (it saves after every edit). */
  savedCode(): Promise<string | null> {
    return this.page.evaluate(() => localStorage.getItem('loopscope:code'));
  }

  /** Opens the gallery and picks its example number `n` (from 0), replacing the editor's code. */
  async openExample(n = 0): Promise<void> {
    await this.page.getByRole('button', { name: 'Examples' }).click();
    await this.page
      .getByRole('dialog', { name: 'Examples' })
      .getByRole('button', { name: /^Open example: / })
      .nth(n)
      .click();
  }

  /** Clicks Run and returns once that run has started. */
  async startRun(): Promise<void> {
    const before = await this.runSeq();
    await this.runButton.click();
    await expect(this.playground).toHaveAttribute('data-run-seq', String(before + 1));
  }

  /** Runs the editor's code and waits for the run to end. */
  async run(timeout = 60_000): Promise<void> {
    await this.startRun();
    await this.waitRunEnd(timeout);
  }

  async waitRunEnd(timeout = 60_000): Promise<void> {
    await expect(this.playground).toHaveAttribute('data-run-state', 'idle', { timeout });
  }

  /** Rests the pointer on the code of an editor line (a line in view), where its hover shows. */
  async hoverCodeLine(line: number): Promise<void> {
    const at = await this.page.getByTestId('code-editor').evaluate((el, n) => {
      const rows = [...el.querySelectorAll('.margin-view-overlays > div')];
      const row = rows
        .find((r) => r.querySelector('.line-numbers')?.textContent?.trim() === String(n))!
        .getBoundingClientRect();
      const code = el.querySelector('.view-lines')!.getBoundingClientRect();
      return { x: code.left + 60, y: row.top + row.height / 2 };
    }, line);
    await this.page.mouse.move(at.x, at.y);
  }

  /** The editor's hover on screen. */
  get editorHover(): Locator {
    return this.page.locator('.monaco-hover').filter({ visible: true });
  }
}

/**
 * Lines carrying a class in the editor's gutter or line overlays. Monaco draws one overlay row per
 * visible line, in order; the program is short enough to be fully visible. The current line is
 * drawn apart from Monaco's rows (src/editor/current-line.ts), as elements that name their line:
 * such a mark counts for its line only if it lies exactly over that line's row, else it is
 * reported as the negated line.
 */
export async function editorLinesWith(page: Page, cls: string): Promise<number[]> {
  return page.getByTestId('code-editor').evaluate((el, c) => {
    const lines: number[] = [];
    const rows = [...el.querySelectorAll('.margin-view-overlays > div')];
    const numbers = rows.map((r) => Number(r.querySelector('.line-numbers')?.textContent?.trim()));
    rows.forEach((row, i) => {
      if (row.querySelector(`.${c}`) || row.classList.contains(c)) lines.push(numbers[i]);
    });
    el.querySelectorAll('.view-overlays > div').forEach((row, i) => {
      if (row.querySelector(`.${c}`) && !lines.includes(numbers[i])) lines.push(numbers[i]);
    });
    for (const mark of el.querySelectorAll<HTMLElement>(`[data-line].${c}`)) {
      if (getComputedStyle(mark).display === 'none') continue;
      const line = Number(mark.dataset.line);
      const row = rows[numbers.indexOf(line)]?.getBoundingClientRect();
      const box = mark.getBoundingClientRect();
      const over =
        row !== undefined &&
        Math.abs(box.top - row.top) < 0.5 &&
        Math.abs(box.height - row.height) < 0.5;
      const at = over ? line : -line;
      if (!lines.includes(at)) lines.push(at);
    }
    return lines.sort((a, b) => a - b);
  }, cls);
}
