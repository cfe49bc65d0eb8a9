import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * An embed written by hand (or `/?embed=1`) often names no `panels`, and course pages give it a
 * frame narrower than a window. It must still fit that frame: the program's output in view,
 * without scrolling inside the iframe.
 */
test.use({ viewport: { width: 720, height: 520 } });

test('an embed without panels fits a narrow 520 px frame with its output in view', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await page.goto('/embed.html?v=1&example=gather');
  await app.waitReady();
  await app.run();
  await expect(app.output).toContainText('readings, in the order asked: [12.5, 14.0, 13.1]');
  await expect(app.output).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('region', { name: 'Tasks' })).toBeInViewport();
  const overflow = await page.evaluate(
    () => document.scrollingElement!.scrollHeight - window.innerHeight,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a replay link to a trace file that is not there says it was not found', async ({ page }) => {
  await page.goto('/embed.html?v=1&trace=traces/no-such-run.json');
  const alert = page.getByRole('alert').filter({ hasText: 'This trace file cannot be opened' });
  await expect(alert).toContainText(
    'traces/no-such-run.json was not found (the server sent a web page, not a JSON file)',
  );
  await expect(alert).not.toContainText('Unexpected token');
});
