/**
 * Monaco's own texts (its find widget here) follow the page's language at the time Monaco loads:
 * on a Chinese page its message table is loaded before any of its modules evaluates
 * (src/editor/monaco-locale.ts). The find widget's texts are read while its module evaluates, so
 * Chinese there means the table came first.
 */
import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/** Opens Monaco's find widget and searches for text the program does not have. */
async function findNothing(app: LoopscopePage, placeholder: string) {
  await expect(app.editor).toHaveAttribute('data-editor-stage', 'monaco');
  await app.editorInput.focus();
  await app.page.keyboard.press('ControlOrMeta+F');
  const find = app.editor.getByPlaceholder(placeholder, { exact: true });
  await expect(find).toBeVisible();
  await find.fill('no such text in the program');
  return app.editor.locator('.find-widget .matchesCount');
}

test.describe('a browser set to Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test("Monaco's find widget is in Chinese", async ({ page }) => {
    const app = new LoopscopePage(page);
    await app.open();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    const count = await findNothing(app, '查找');
    await expect(count).toHaveText('无结果');
    await expect(app.editor.getByPlaceholder('Find', { exact: true })).toHaveCount(0);
  });
});

test("Monaco's find widget is in English on an English page", async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const count = await findNothing(app, 'Find');
  await expect(count).toHaveText('No results');
});
