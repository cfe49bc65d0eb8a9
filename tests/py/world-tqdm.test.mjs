// The tqdm drop-in (src/python/tqdm): Fluent Python's flags2_asyncio.py wraps as_completed in
// tqdm.tqdm(..., total=n), so the book's semaphore downloader runs unchanged with its progress
// bar, drawn on stderr on the run's virtual clock.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { boot } from './world-helpers.mjs';

let world;
before(async () => {
  world = await boot();
});

/** The bar's redraws: what follows each carriage return, without the padding. */
const frames = (stderr) =>
  stderr
    .split('\r')
    .slice(1)
    .map((f) => f.trimEnd());

describe('tqdm', () => {
  it("draws flags2_asyncio's bar over as_completed, on the virtual clock", () => {
    const run = world.run(`
import asyncio
from collections import Counter

import httpx
import tqdm

BASE_URL = 'https://www.fluentpython.com/data/flags'
POP20_CC = 'CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR'.split()

async def download_one(client, cc, semaphore):
    async with semaphore:
        resp = await client.get(f'{BASE_URL}/{cc}/{cc}.gif'.lower(), timeout=3.1)
    resp.raise_for_status()
    return 'OK'

async def supervisor(cc_list, concur_req):
    counter = Counter()
    semaphore = asyncio.Semaphore(concur_req)
    async with httpx.AsyncClient() as client:
        to_do = [download_one(client, cc, semaphore) for cc in sorted(cc_list)]
        to_do_iter = tqdm.tqdm(asyncio.as_completed(to_do), total=len(cc_list))
        for coro in to_do_iter:
            counter[await coro] += 1
    return counter

print(asyncio.run(supervisor(POP20_CC, 5)))
`);
    assert.equal(run.stdout, "Counter({'OK': 20})\n");
    const shown = frames(run.stderr);
    assert.ok(run.stderr.endsWith('\n'), 'the bar ends its line when the loop is over');
    // The first frame before anything finished; the last when all have, with the mean rate.
    assert.equal(shown[0], '  0%|          | 0/20 [00:00<?, ?it/s]');
    const last = shown[shown.length - 1];
    assert.match(last, /^100%\|█{10}\| 20\/20 \[00:00<00:00, +\d+\.\d\dit\/s\]$/);
    // In between, redraws at least 0.1 virtual seconds apart, counting up, the bar in eighths.
    const counts = shown.map((f) => Number(/\| (\d+)\/20 /.exec(f)[1]));
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => a - b),
    );
    assert.ok(shown.length > 2 && shown.length < 22, `${shown.length} frames`);
    for (const f of shown) assert.match(f, /^ *\d+%\|[█▏▎▍▌▋▊▉ ]{10}\| \d+\/20 \[/);
  });

  it('counts by hand, says seconds per item below one a second, and follows its options', () => {
    const run = world.run(`
import asyncio, sys
from tqdm import tqdm, trange

async def main():
    with tqdm(total=3, desc='fetch', file=sys.stdout) as bar:
        for _ in range(3):
            await asyncio.sleep(2)
            bar.update()
    print()
    for _ in tqdm(range(2), unit='page', file=sys.stdout, mininterval=10):
        await asyncio.sleep(0.5)
    print()
    for _ in tqdm(iter([1, 2]), file=sys.stdout):
        await asyncio.sleep(0.25)
    print()
    for _ in trange(3, disable=True):
        pass
    bar = tqdm(total=4, leave=False, file=sys.stdout)
    bar.update(4)
    bar.close()
    print('cleared')
    tqdm.write('a line')

asyncio.run(main())
`);
    assert.equal(run.stderr, '');
    const [fetch, pages, plain, rest] = run.stdout.split('\n\n');
    assert.deepEqual(frames(fetch), [
      'fetch:   0%|          | 0/3 [00:00<?, ?it/s]',
      'fetch:  33%|███▎      | 1/3 [00:02<00:04,  2.00s/it]',
      'fetch:  67%|██████▋   | 2/3 [00:04<00:02,  2.00s/it]',
      'fetch: 100%|██████████| 3/3 [00:06<00:00,  2.00s/it]',
      'fetch: 100%|██████████| 3/3 [00:06<00:00,  2.00s/it]',
    ]);
    // mininterval=10: no redraw between the first and the last.
    assert.deepEqual(frames(pages), [
      '  0%|          | 0/2 [00:00<?, ?page/s]',
      '100%|██████████| 2/2 [00:01<00:00,  2.00page/s]',
    ]);
    // No total (an iterator has no len): a count, no bar.
    assert.deepEqual(frames(plain), [
      '0it [00:00, ?it/s]',
      '1it [00:00,  4.00it/s]',
      '2it [00:00,  4.00it/s]',
      '2it [00:00,  4.00it/s]',
    ]);
    // leave=False clears its line; disable=True draws nothing.
    assert.match(rest, /^\r.*\r {2,}\rcleared\na line\n$/s);
  });
});
