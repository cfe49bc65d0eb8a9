/**
 * The keyboard-shortcuts dialog is modal: while it is open the keyboard stays inside it (Tab and
 * Shift+Tab cycle through it, never into the code editor behind it, where Tab would indent the
 * program), Escape closes it wherever the focus is inside it, and closing gives the focus back to
 * the control that had it.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

const PROGRAM = [
  'import asyncio',
  '',
  'async def main():',
  '    await asyncio.sleep(0.1)',
  '    print("done")',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

/** Runs PROGRAM and returns the page helper and the pieces the tests look at. */
async function afterRun(page: Page) {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  await app.run();
  const bar = page.getByRole('region', { name: 'Debugger' });
  await expect(bar).not.toHaveAttribute('data-step', '-1');
  return {
    app,
    help: page.getByRole('dialog', { name: 'Keyboard shortcuts' }),
    stale: page.getByText('The code changed since this run'),
    button: (name: string) => bar.getByRole('button', { name, exact: true }),
  };
}

/** Whether the focused element is inside `dialog`. */
function focusInside(dialog: Locator): Promise<boolean> {
  return dialog.evaluate((el) => el.contains(el.ownerDocument.activeElement));
}

test('Tab and Shift+Tab stay in the dialog; the program is not edited', async ({ page }) => {
  const { app, help, stale, button } = await afterRun(page);
  const opener = button('Jump to start');
  await opener.focus();
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();

  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await focusInside(help), `after ${key}`).toBe(true);
  }
  expect(await app.savedCode()).toBe(PROGRAM);
  await expect(stale).toBeHidden();

  // Escape closes it, and the button that had the focus has it again (QA once saw <body>).
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(opener).toBeFocused();
  expect(await app.savedCode()).toBe(PROGRAM);
  await expect(stale).toBeHidden();
});

test('a click on the text keeps the focus in the dialog; Escape still closes it', async ({
  page,
}) => {
  const { help, button } = await afterRun(page);
  const opener = button('Keyboard shortcuts');
  await opener.click();
  await expect(help).toBeVisible();
  await help.getByRole('heading', { name: 'Keyboard shortcuts' }).click();
  expect(await focusInside(help)).toBe(true);
  await page.keyboard.press('Tab');
  expect(await focusInside(help)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(opener).toBeFocused();

  // "?" shows and hides it ("Show or hide this list").
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await page.keyboard.press('?');
  await expect(help).toBeHidden();
  await expect(opener).toBeFocused();

  // Closed with its button, it gives the focus back as well.
  await opener.click();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
  await expect(opener).toBeFocused();
});

test('an opener disabled while the list was open hands the focus to its neighbour', async ({
  page,
}) => {
  const { help, button } = await afterRun(page);
  // Playing goes on behind the list: five steps from the end, at half a step a second (the first
  // step comes at once), it reaches the end about 8 s later, while the list is open, and that
  // disables "Step forward". The seconds before leave room to focus it and open the list.
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('0.5');
  for (let i = 0; i < 5; i++) await button('Step back').click();
  await button('Play').click();
  const opener = button('Step forward');
  await opener.focus();
  await expect(opener).toBeFocused();
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await expect(opener).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // Not the page's body (QA): a control of the transport bar beside the disabled button.
  const bar = page.getByRole('region', { name: 'Debugger' });
  expect(await bar.evaluate((el) => el.contains(el.ownerDocument.activeElement))).toBe(true);
});
