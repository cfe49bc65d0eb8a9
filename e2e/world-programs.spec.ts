import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

/**
 * The four classic programs of issue 4 (spinner, chained coroutines, flag downloads through
 * aiohttp, a TCP guessing game) run unchanged in the page, not only through the CLI: the worker
 * bundles the simulated world, and this proves the bundle is complete and wired.
 * tests/world/ holds the programs and the output real CPython-style runs print.
 */
const worldDir = join(process.cwd(), 'tests', 'world');
const source = (name: string) => readFileSync(join(worldDir, `${name}.py`), 'utf8');
const expected = (name: string) => readFileSync(join(worldDir, `${name}.expected`), 'utf8');

/** The console shows lines; compare line by line, ignoring trailing whitespace. */
const lines = (text: string) =>
  text
    .replace(/\r/g, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');

test.describe('the classic programs run unchanged in the page', () => {
  let app: LoopscopePage;

  test.beforeEach(async ({ page }) => {
    app = new LoopscopePage(page);
    await app.open();
  });

  for (const name of ['chain', 'guess'] as const) {
    test(`${name} prints what it prints through the CLI`, async () => {
      await app.setCode(source(name));
      await app.run();
      await expect
        .poll(async () => lines(await app.output.innerText()))
        .toEqual(lines(expected(name)));
    });
  }

  test('spinner spins on the virtual clock and gives the answer', async () => {
    await app.setCode(source('spinner'));
    await app.run();
    await expect(app.output).toContainText('spinner started');
    await expect(app.output).toContainText('The answer: 42');
  });

  test('flags downloads 20 flags through the aiohttp stand-in', async () => {
    await app.setCode(source('flags'));
    await app.run();
    await expect(app.output).toContainText('20 files saved');
    const out = lines(await app.output.innerText());
    const countries = 'CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR'.split(' ');
    expect(out.slice(0, 20).sort()).toEqual(countries.map((cc) => `${cc} ok`).sort());
    expect(out[20]).toMatch(/^20 flags downloaded in \d+\.\d\ds$/);
  });
});
