/**
 * The stepping granularity travels with the links the page makes: Share's link, the Embed
 * snippet ("Open at the current step" or not) and the embed's own "Open in Loopscope" link.
 */
import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';
import { GATHER_PROGRAM } from './programs';

const PROGRAM = GATHER_PROGRAM;

test('Embed keeps the granularity, and so does the embed’s Open in Loopscope', async ({
  page,
  context,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(PROGRAM);
  await app.run();
  await page.getByRole('radio', { name: 'Iteration' }).click();
  await expect(page.getByRole('radio', { name: 'Iteration' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  const bar = page.getByRole('region', { name: 'Debugger' });
  await bar.getByRole('button', { name: 'Jump to start', exact: true }).click();
  await bar.getByRole('button', { name: 'Step forward', exact: true }).click();
  const step = await bar.getAttribute('data-step');
  expect(Number(step)).toBeGreaterThan(0);

  // Share keeps it (as before): the reference for the others.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const shared = new URL(
    await page.getByRole('dialog').getByRole('textbox', { name: 'Share link' }).inputValue(),
  );
  expect(shared.searchParams.get('granularity')).toBe('iteration');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed in a page' });
  const snippetSrc = async () => {
    const snippet = await dialog.getByRole('textbox', { name: 'Embed code' }).inputValue();
    return new URL(/src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, '&'));
  };
  expect((await snippetSrc()).searchParams.get('granularity')).toBe('iteration');
  await dialog.getByRole('checkbox', { name: 'Open at the current step' }).check();
  const src = await snippetSrc();
  expect(src.searchParams.get('step')).toBe(step);
  expect(src.searchParams.get('granularity')).toBe('iteration');

  // The embed opens at Iteration, and its way to the full page keeps it, after a run too.
  const embed = await context.newPage();
  const inEmbed = new LoopscopePage(embed);
  await embed.goto(src.href);
  await inEmbed.waitReady();
  await expect(embed.getByRole('radio', { name: 'Iteration' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  const open = embed.getByRole('link', { name: /Open in Loopscope/ });
  await expect(open).toHaveAttribute('href', /[?&]granularity=iteration(&|#)/);
  await inEmbed.run();
  await expect(open).toHaveAttribute('href', /[?&]step=\d+&granularity=iteration(&|#)/);
  // A granularity chosen in the embed is the one the link carries.
  await embed.getByRole('radio', { name: 'Task step' }).click();
  await expect(open).toHaveAttribute('href', /[?&]granularity=step(&|#)/);
});
