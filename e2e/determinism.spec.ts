/**
 * The same program gives the same run on every page load: the worker starts Pyodide with a fixed
 * string hash seed (engine.ts, HASH_SEED), where CPython draws a random one on each start, so a
 * set of strings iterates in the same order in two separate runtimes.
 */
import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

const PROGRAM = [
  'import asyncio',
  '',
  'async def show(word):',
  '    print(word)',
  '',
  'async def main():',
  "    words = {'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'}",
  '    await asyncio.gather(*(show(w) for w in words))',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

test('a set of strings runs in the same order after a reload (a new Python runtime)', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  const once = async () => {
    await app.setCode(PROGRAM);
    await app.run();
    await expect(app.output).toContainText('theta');
    return (await app.output.innerText()).trim();
  };
  await app.open();
  const first = await once();
  expect(first.split('\n').filter((l) => /^[a-z]+$/.test(l))).toHaveLength(8);
  await page.reload();
  await app.waitReady();
  expect(await once()).toBe(first);
});
