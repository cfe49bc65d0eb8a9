/**
 * The Futures / Resources tabs follow the WAI-ARIA tabs pattern: the arrow keys, Home and End
 * move the focus and the selection together (only the selected tab is in the Tab order), and
 * the debugger's own shortcuts for those keys (step, jump to the start or end) stay out of it.
 */
import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

const PROGRAM = [
  'import asyncio',
  '',
  'async def main():',
  '    lock = asyncio.Lock()',
  '    async with lock:',
  '        await asyncio.sleep(0.1)',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

test('arrow keys, Home and End move focus and selection together on the inspector tabs', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  await app.run();
  const bar = page.getByRole('region', { name: 'Debugger' });
  const inspector = page.getByRole('region', { name: 'Futures and resources' });
  const futures = inspector.getByRole('tab', { name: /Futures/ });
  const resources = inspector.getByRole('tab', { name: /Resources/ });
  // Mid-run, so a step or a jump either way would show.
  await bar.getByRole('button', { name: 'Jump to start', exact: true }).click();
  await bar.getByRole('button', { name: 'Step forward', exact: true }).click();
  await bar.getByRole('button', { name: 'Step forward', exact: true }).click();
  const step = await bar.getAttribute('data-step');
  expect(Number(step)).toBeGreaterThan(0);

  /** `tab` is selected, focused and the only tab in the Tab order; the step has not moved. */
  const expectOn = async (tab: typeof futures, other: typeof futures) => {
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(tab).toBeFocused();
    await expect(tab).toHaveAttribute('tabindex', '0');
    await expect(other).toHaveAttribute('aria-selected', 'false');
    await expect(other).toHaveAttribute('tabindex', '-1');
    await expect(inspector.getByRole('tabpanel')).toHaveAttribute(
      'aria-labelledby',
      (await tab.getAttribute('id'))!,
    );
    await expect(bar).toHaveAttribute('data-step', step!);
  };

  await resources.click();
  await expectOn(resources, futures);
  await page.keyboard.press('ArrowRight');
  await expectOn(futures, resources);
  await page.keyboard.press('ArrowRight');
  await expectOn(resources, futures);
  await page.keyboard.press('ArrowLeft');
  await expectOn(futures, resources);
  await page.keyboard.press('End');
  await expectOn(resources, futures);
  await page.keyboard.press('Home');
  await expectOn(futures, resources);

  // Tab leaves the strip (the other tab is not a stop of its own).
  await page.keyboard.press('Tab');
  await expect(resources).not.toBeFocused();
  await expect(futures).not.toBeFocused();
  // Away from the tabs, the same keys are the debugger's again.
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('Home');
  await expect(bar).toHaveAttribute('data-step', '0');
});
