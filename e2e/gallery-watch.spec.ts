import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

// QA: an example's "what to watch" stayed over the timeline's end, where the run's last steps
// are, at every screen size. It now folds to its title once the run has arrived.
test("an example's 'what to watch' folds once it has run, and opens again on a click", async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await page.getByRole('button', { name: 'Examples' }).click();
  await page
    .getByRole('dialog', { name: 'Examples' })
    .getByRole('button', { name: 'Open example: A deadlock' })
    .click();
  const note = page.getByRole('note', { name: 'What to watch' });
  await expect(note).toContainText('What to watch: At the end, each lock lists one holder');
  await app.run();
  const unfold = note.getByRole('button', { name: 'What to watch' });
  await expect(unfold).toHaveAttribute('aria-expanded', 'false');
  await expect(note).not.toContainText('each lock lists one holder');
  await unfold.click();
  await expect(note).toContainText('What to watch: At the end, each lock lists one holder');
  await expect(note.getByRole('button', { name: 'What to watch' })).toHaveCount(0);
});
