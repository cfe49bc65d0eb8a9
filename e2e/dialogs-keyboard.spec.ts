/**
 * The course dialogs (Share, Embed, Examples) are modal for the keyboard as the shortcut list is:
 * each opens with the focus inside it, Tab and Shift+Tab stay inside, and Escape gives the focus
 * back to the toolbar button that opened it, wherever in the dialog the focus was.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/** Whether the focused element is inside `dialog`. */
function focusInside(dialog: Locator): Promise<boolean> {
  return dialog.evaluate((box) => box.contains(box.ownerDocument.activeElement));
}

async function tabAround(page: Page, dialog: Locator): Promise<void> {
  // More presses than the dialog has controls, both ways: the focus never leaves it.
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(key);
      expect(await focusInside(dialog), `${key} #${i + 1}`).toBe(true);
    }
  }
}

test('Share, Embed and Examples keep the keyboard inside and give the focus back', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();

  const share = page.getByRole('button', { name: 'Share', exact: true });
  await share.click();
  const shareDialog = page.getByRole('dialog', { name: 'Share this program' });
  // The first control of its body has the focus: the link, selected for a copy.
  await expect(shareDialog.getByRole('textbox', { name: 'Share link' })).toBeFocused();
  await expect(shareDialog.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await tabAround(page, shareDialog);
  await page.keyboard.press('Escape');
  await expect(shareDialog).toHaveCount(0);
  await expect(share).toBeFocused();

  const embed = page.getByRole('button', { name: 'Embed', exact: true });
  await embed.click();
  const embedDialog = page.getByRole('dialog', { name: 'Embed in a page' });
  expect(await focusInside(embedDialog)).toBe(true);
  await tabAround(page, embedDialog);
  await page.keyboard.press('Escape');
  await expect(embedDialog).toHaveCount(0);
  await expect(embed).toBeFocused();

  // Examples: the search box has the focus, and Enter opens the first example found.
  const examples = page.getByRole('button', { name: 'Examples', exact: true });
  await examples.click();
  const gallery = page.getByRole('dialog', { name: 'Examples' });
  const search = gallery.getByRole('searchbox');
  await expect(search).toBeFocused();
  await tabAround(page, gallery);
  await search.fill('deadlock');
  await search.press('Enter');
  await expect(gallery).toHaveCount(0);
  await expect(app.editor).toContainText('async with second:');
  await expect(examples).toBeFocused();
});
