/**
 * Leaving the code editor with the keyboard: Tab indents inside it, so Escape then Tab (or
 * Shift+Tab) moves on to the page's next (previous) control, in both editor stages, and Monaco's
 * Ctrl+M makes Tab move the focus until pressed again.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/** Where the focus is relative to the editor: inside, after or before it in document order. */
function focusPlace(editor: Locator): Promise<string> {
  return editor.evaluate((box) => {
    const el = box.ownerDocument.activeElement;
    if (!el || el === box.ownerDocument.body) return 'none';
    if (box.contains(el)) return 'inside';
    return box.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before';
  });
}

/** Tab alone indents (focus stays); Escape then Tab leaves forward, Escape then Shift+Tab back. */
async function expectEscapes(page: Page, app: LoopscopePage): Promise<void> {
  await app.editorInput.focus();
  await page.keyboard.press('Tab');
  expect(await focusPlace(app.editor)).toBe('inside');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect.poll(() => focusPlace(app.editor)).toBe('after');
  await app.editorInput.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => focusPlace(app.editor)).toBe('before');
}

test('Escape then Tab leaves Monaco forward, Shift+Tab backward; Ctrl+M switches Tab to focus moves', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await expect(app.editor).toHaveAttribute('data-editor-stage', 'monaco');
  await expectEscapes(page, app);
  // A key in between cancels: Escape, a letter, Tab stays in the editor.
  await app.editorInput.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.press('Tab');
  expect(await focusPlace(app.editor)).toBe('inside');
  // Monaco's tab focus mode: on, Tab leaves; off again, Tab stays.
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  await expect.poll(() => focusPlace(app.editor)).toBe('after');
  await app.editorInput.focus();
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  expect(await focusPlace(app.editor)).toBe('inside');
});

test('Escape then Tab leaves the first-stage editor too', async ({ page }) => {
  const app = new LoopscopePage(page);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/monaco-[^/]*\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto('/');
  await expect(app.editor).toHaveAttribute('data-editor-stage', 'lite');
  await expectEscapes(page, app);
  release();
});
