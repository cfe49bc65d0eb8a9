/**
 * The console draws carriage returns as a terminal does: Fluent Python's spinner redraws one
 * line with '\r', and the console shows that line as it stood at each step, not every frame of
 * the spinner side by side.
 */
import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

const SPINNER = [
  'import asyncio, itertools',
  '',
  'async def spin(msg):',
  "    for char in itertools.cycle(r'\\|/-'):",
  "        status = f'\\r{char} {msg}'",
  "        print(status, flush=True, end='')",
  '        try:',
  '            await asyncio.sleep(.1)',
  '        except asyncio.CancelledError:',
  '            break',
  "    blanks = ' ' * len(status)",
  "    print(f'\\r{blanks}\\r', end='')",
  '',
  'async def slow():',
  '    await asyncio.sleep(.35)',
  '    return 42',
  '',
  'async def supervisor():',
  "    spinner = asyncio.create_task(spin('thinking!'))",
  '    result = await slow()',
  '    spinner.cancel()',
  '    await asyncio.sleep(0)',
  '    return result',
  '',
  "print(f'Answer: {asyncio.run(supervisor())}')",
  '',
].join('\n');

test('a spinner drawn with \\r shows one frame at a time, and is gone at the end', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(SPINNER);
  await app.run();
  // At the end the spinner line was blanked and the answer written over it, as in a terminal.
  await expect(app.output).toContainText('Answer: 42');
  expect(await app.output.innerText()).not.toContain('thinking!');

  // Back to the start, then forward to the second frame: only that frame is on the line.
  const bar = page.getByRole('region', { name: 'Debugger' });
  await page.getByRole('button', { name: 'Jump to start', exact: true }).click();
  const next = page.getByRole('button', { name: 'Run to next output line', exact: true });
  for (let i = 0; i < 2; i++) {
    const before = await bar.getAttribute('data-step');
    await next.click();
    await expect(bar).not.toHaveAttribute('data-step', before ?? '');
  }
  const now = app.output.locator('span:not([data-after-cursor])');
  await expect(now).toHaveText(['| thinking!']);
  // Output still to come is dimmed, drawn on its own line.
  await expect(app.output.locator('[data-after-cursor]').first()).toBeAttached();
});
