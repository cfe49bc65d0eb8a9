/**
 * Space on the focused scrubber plays and pauses, as the help lists it ("Space / K: play or
 * pause"); the arrows keep moving the scrubber one step, as a slider's arrows do, and are not
 * also taken as the debugger's step shortcut.
 */
import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';
import { TICKING_PROGRAM as PROGRAM } from './programs';

test('Space on the focused scrubber plays and pauses; its arrows still move it', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  await app.run();
  const bar = page.getByRole('region', { name: 'Debugger' });
  const play = bar.getByRole('button', { name: 'Play', exact: true });
  const pause = bar.getByRole('button', { name: 'Pause', exact: true });
  const scrubber = bar.getByRole('slider', { name: 'Scrubber' });
  const step = async () => Number(await bar.getAttribute('data-step'));

  await bar.getByRole('button', { name: 'Jump to start', exact: true }).click();
  await expect.poll(step).toBe(0);
  await scrubber.focus();
  await page.keyboard.press('Space');
  await expect(pause).toBeVisible();
  await expect.poll(step).toBeGreaterThan(0);
  await expect(scrubber).toBeFocused();
  await page.keyboard.press('Space');
  await expect(play).toBeVisible();
  await expect(scrubber).toBeFocused();
  // Paused: the step holds while the arrows move the scrubber by exactly one.
  const at = await step();
  await expect(scrubber).toHaveValue(String(at));
  await page.keyboard.press('ArrowRight');
  await expect.poll(step).toBe(at + 1);
  await expect(scrubber).toHaveValue(String(at + 1));
  await page.keyboard.press('ArrowLeft');
  await expect.poll(step).toBe(at);
  // Letters stay with the slider too (K is play/pause elsewhere, not here).
  await page.keyboard.press('k');
  await page.keyboard.press('ArrowRight');
  await expect.poll(step).toBe(at + 1);
  await expect(play).toBeVisible();
});
