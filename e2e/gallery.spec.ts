import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CATALOG } from '../src/examples/catalog';
import { LoopscopePage } from './loopscope-page';

/**
 * Every gallery example opens from the gallery in one click and runs to its expected output on
 * the virtual loop. One page (one Python) serves them all, in gallery order.
 */
const EXPECTED: Record<string, string> = {
  'hello-coroutine': 'goodbye, Ada',
  'return-values': 'tea 3 + cake 5 = 8',
  chaining: '3 + 4 = 7',
  'call-soon': 'main: back again',
  'call-later-at': '0.3 s  call_later(0.3)',
  'callbacks-vs-coroutines': 'callback chain finished',
  'manual-future': 'main: got parcel',
  'create-task': 'as two tasks: 0.3 s',
  'task-names': 'fetch-users done',
  gather: 'readings, in the order asked: [12.5, 14.0, 13.1]',
  'wait-first-completed': "cancelled: ['berlin', 'lima']",
  'as-completed': 'ana rolled 4, total 12',
  'spinner-cancel': 'answer: 42',
  'wait-for': 'main: gave up after 0.5 s',
  'timeout-block': 'expired: True',
  shield: 'main done',
  uncancel: 'main: result is recovered',
  taskgroup: 'the group failed: orders sent garbage',
  'lock-race': 'paid out 80 from an account of 100',
  event: 'chen runs',
  condition: 'ben took the noodles',
  semaphore: 'eli is done',
  'queue-producer-consumer': 'all orders packed',
  'async-generator': 'squares [0, 1, 4]',
  'async-context-manager': 'connection closed',
  'echo-server': 'client: EVENT LOOP',
  'guess-game': 'yes, in 7 tries',
  downloads: '[########]',
  'blocking-sleep': 'heartbeat 1 at 0.3 s',
  'to-thread': 'thumbnail.png ready',
  'legacy-generators': '2 pages',
  deadlock: 'right holds one lock and wants the other',
};

test.describe.configure({ mode: 'serial' });

let page: Page;
let app: LoopscopePage;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  app = new LoopscopePage(page);
  await app.open();
});

test.afterAll(async () => {
  await page.close();
});

test('every example has an expected output', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(CATALOG.map((e) => e.id).sort());
});

test('the gallery searches in both languages', async () => {
  await page.getByRole('button', { name: 'Examples' }).click();
  const gallery = page.getByRole('dialog', { name: 'Examples' });
  await expect(gallery.getByRole('status')).toHaveText(`${CATALOG.length} examples`);
  await gallery.getByRole('searchbox', { name: 'Search examples' }).fill('信号量');
  await expect(gallery.getByRole('button', { name: /^Open example:/ })).toHaveCount(2);
  await gallery.getByRole('searchbox', { name: 'Search examples' }).fill('nothing-matches-this');
  await expect(gallery.getByText('No example matches')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(gallery).toBeHidden();
});

for (const example of CATALOG) {
  test(`example ${example.id} runs`, async () => {
    test.setTimeout(90_000);
    await page.getByRole('button', { name: 'Examples' }).click();
    await page
      .getByRole('dialog', { name: 'Examples' })
      .getByRole('button', { name: `Open example: ${example.title.en}` })
      .click();
    await expect(page.getByRole('note', { name: 'What to watch' })).toContainText(example.watch.en);
    await expect
      .poll(() => app.savedCode())
      .toContain(example.id === 'downloads' ? 'aiohttp' : 'asyncio');
    await app.run(60_000);
    await expect(app.output).toContainText(EXPECTED[example.id]);
    if (example.id === 'deadlock') await expect(app.notice).toContainText('Deadlock');
    else await expect(app.notice).toContainText('Finished');
  });
}
