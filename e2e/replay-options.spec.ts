import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { BOOT_TIMEOUT, LoopscopePage } from './loopscope-page';

/**
 * A run recorded with the CLI (`loopscope run main.py --trace x.json`) and opened with
 * `?trace=` must read as the live run of the same program does, and Run on the page must repeat
 * it: the recorded seed, latency and jitter become the page's run options (a link's own win),
 * and the console ends with the engine's closing stderr line as it does live.
 */

const CLI = fileURLToPath(new URL('../bin/loopscope.mjs', import.meta.url));

/** Prints a seeded number and how long a simulated round trip took (latency and jitter). */
const SEEDED = [
  'import asyncio, random',
  '',
  'async def echo(reader, writer):',
  '    writer.write(await reader.readline())',
  '    await writer.drain()',
  '    writer.close()',
  '',
  'async def main():',
  '    print("roll", random.randint(1, 10**9))',
  '    server = await asyncio.start_server(echo, "127.0.0.1", 8888)',
  '    loop = asyncio.get_running_loop()',
  '    start = loop.time()',
  '    reader, writer = await asyncio.open_connection("127.0.0.1", 8888)',
  '    writer.write(b"ping\\n")',
  '    line = await reader.readline()',
  '    print("echo", line.decode().strip(), "after", round(loop.time() - start, 4), "s")',
  '    writer.close()',
  '    server.close()',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

/** Programs that end each way a run can end, under the page's default budgets. */
const ENDINGS: Record<string, string> = {
  finished: [
    'import asyncio',
    '',
    'async def main():',
    '    await asyncio.sleep(1)',
    '    print("done after", asyncio.get_running_loop().time())',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n'),
  silent: ['import asyncio', '', 'asyncio.run(asyncio.sleep(1))', ''].join('\n'),
  exception: [
    'import asyncio',
    '',
    'async def main():',
    '    print("before")',
    '    raise ValueError("boom")',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n'),
  deadlock: [
    'import asyncio',
    '',
    'async def main():',
    '    print("waiting")',
    '    ready = asyncio.Event()',
    '    await ready.wait()',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n'),
  'virtual-time': [
    'import asyncio',
    '',
    'async def main():',
    '    print("sleeping")',
    '    await asyncio.sleep(4000)',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n'),
  events: [
    'import asyncio',
    '',
    'async def spin():',
    '    while True:',
    '        await asyncio.sleep(0)',
    '',
    'async def main():',
    '    print("spinning")',
    '    await asyncio.gather(spin(), spin())',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n'),
  // Few events per loop iteration: the 20 s wall-clock budget ends it, not the event budget.
  'wall-time': [
    'import asyncio',
    '',
    'async def main():',
    '    print("working")',
    '    while True:',
    '        sum(range(2_000_000))',
    '        await asyncio.sleep(0)',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n'),
};

let dir = '';

/** Records `code` as main.py with the CLI; returns the trace's JSON and what the CLI printed. */
async function record(
  name: string,
  code: string,
  flags: string[] = [],
): Promise<{ trace: string; stdout: string }> {
  const cwd = join(dir, name);
  await mkdir(cwd, { recursive: true });
  await writeFile(join(cwd, 'main.py'), code);
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, 'run', 'main.py', '--trace', 'trace.json', ...flags],
      { cwd, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      // Exit status 1 is a run that did not finish cleanly (a deadlock, a budget): still recorded.
      (error, out) => (error && error.code !== 1 ? reject(error) : resolve(out)),
    );
  });
  return { trace: await readFile(join(cwd, 'trace.json'), 'utf8'), stdout };
}

/** Serves `traces/<name>.json` from this deployment, as a course page would publish it. */
async function serveTraces(page: Page, traces: Record<string, string>) {
  await page.route('**/traces/*.json', (route) => {
    const name = new URL(route.request().url()).pathname.replace(/^.*\/traces\//, '');
    const body = traces[name.replace(/\.json$/, '')];
    return body === undefined
      ? route.fulfill({ status: 404, body: 'not found' })
      : route.fulfill({ status: 200, contentType: 'application/json', body });
  });
}

/** The Share dialog's link, read and closed again. */
async function shareLink(page: Page): Promise<URL> {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog');
  const link = new URL(await dialog.getByRole('textbox', { name: 'Share link' }).inputValue());
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toHaveCount(0);
  return link;
}

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loopscope-replay-'));
});

test.afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('Run after a replay uses the recorded seed, latency and jitter; Share keeps them', async ({
  page,
  context,
}) => {
  const flags = ['--seed', '5', '--latency', '0.05', '--jitter', '0.01'];
  const { trace } = await record('seeded', SEEDED, flags);
  await serveTraces(page, { seeded: trace });
  const app = new LoopscopePage(page);
  await page.goto('/?v=1&trace=traces/seeded.json');
  await expect(app.editor).toContainText('random.randint');
  await expect(app.output).toContainText(/echo ping after/);
  const replayed = await app.output.innerText();
  expect(replayed).toMatch(/^roll \d+\n/);

  // The link Share writes reopens a run made with the recorded world.
  const link = await shareLink(page);
  expect(link.searchParams.get('seed')).toBe('5');
  expect(link.searchParams.get('latency')).toBe('50');
  expect(link.searchParams.get('jitter')).toBe('10');

  // Run on the unedited program prints what the replay showed.
  await app.runButton.click();
  await expect(app.playground).toHaveAttribute('data-run-seq', '1', { timeout: BOOT_TIMEOUT });
  await app.waitRunEnd(BOOT_TIMEOUT);
  await expect(app.output).toHaveText(replayed);

  // So does the reader's run of the shared link.
  const reader = new LoopscopePage(await context.newPage());
  await reader.page.goto(link.href);
  await reader.waitReady();
  await reader.run();
  await expect(reader.output).toHaveText(replayed);
});

test("a link's own seed and latency win over the recorded run's", async ({ page }) => {
  const recorded = ['--seed', '5', '--latency', '0.05', '--jitter', '0.01'];
  const [{ trace }, { stdout: expected }] = await Promise.all([
    record('seeded', SEEDED, recorded),
    // What the run with the link's seed and latency and the recording's jitter prints.
    record('seeded-link', SEEDED, ['--seed', '7', '--latency', '0.2', '--jitter', '0.01']),
  ]);
  await serveTraces(page, { seeded: trace });
  const app = new LoopscopePage(page);
  await page.goto('/?v=1&seed=7&latency=200&trace=traces/seeded.json');
  await expect(app.output).toContainText(/echo ping after/);
  const replayed = await app.output.innerText();

  const link = await shareLink(page);
  expect(link.searchParams.get('seed')).toBe('7');
  expect(link.searchParams.get('latency')).toBe('200');
  expect(link.searchParams.get('jitter')).toBe('10');

  await app.runButton.click();
  await expect(app.playground).toHaveAttribute('data-run-seq', '1', { timeout: BOOT_TIMEOUT });
  await app.waitRunEnd(BOOT_TIMEOUT);
  await expect(app.output).toHaveText(expected);
  expect(expected).not.toBe(replayed);
});

test("a replay's console ends as the live run's does, for every way a run ends", async ({
  page,
}) => {
  // The wall-clock budget takes 20 s of real time, once recorded and once live.
  test.setTimeout(360_000);
  const names = Object.keys(ENDINGS);
  const recorded = await Promise.all(names.map((name) => record(name, ENDINGS[name])));
  const traces = Object.fromEntries(names.map((name, i) => [name, recorded[i].trace]));

  // Live: each program run on the page.
  const app = new LoopscopePage(page);
  await app.open();
  const live: Record<string, { output: string; notice: string }> = {};
  for (const name of names) {
    await app.setCode(ENDINGS[name]);
    await app.run(60_000);
    live[name] = { output: await app.output.innerText(), notice: await app.notice.innerText() };
  }
  expect(live.deadlock.output).toContain('loopscope: deadlock: ');
  expect(live.events.output).toContain('loopscope: run stopped: event limit');
  expect(live['virtual-time'].output).toContain('loopscope: run stopped: virtual-time limit');
  expect(live['wall-time'].output).toContain('loopscope: run stopped: wall-time limit');
  // A live run that printed nothing leaves the console's placeholder; so must its replay.
  expect(live.silent.output.trim()).toBe('Output appears here. Run with Ctrl+Enter.');

  // Replayed: the same programs' recordings, opened by link.
  await serveTraces(page, traces);
  for (const name of names) {
    await page.goto(`/?v=1&trace=traces/${name}.json`);
    // The program saved before (typed above, or the previous recording) is asked about and kept.
    await page
      .getByRole('button', { name: 'Open the link (my code stays saved and can be restored)' })
      .click();
    await expect(app.editor).toContainText(ENDINGS[name].split('\n')[2]);
    await expect(page.getByTestId('cursor-step')).not.toHaveText('');
    await expect(app.notice).not.toHaveText('');
    await expect(app.output, name).toHaveText(live[name].output);
    // "Finished in N ms" differs by the run's wall time; every other notice is the live one.
    if (name === 'finished' || name === 'silent') {
      await expect(app.notice).toHaveText(/^Finished in \d+ ms/);
    } else await expect(app.notice, name).toHaveText(live[name].notice);
  }
});
