import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

const SPIN_MAIN = ['print("spinning")', 'while True:', '    pass', ''].join('\n');

const SPIN_TASK = [
  'import asyncio',
  '',
  'async def spin():',
  '    print("task spinning")',
  '    while True:',
  '        pass',
  '',
  'async def main():',
  '    await asyncio.create_task(spin())',
  '',
  'asyncio.run(main())',
  '',
].join('\n');

for (const [name, code, marker] of [
  ['at module level', SPIN_MAIN, 'spinning'],
  ['inside a task', SPIN_TASK, 'task spinning'],
] as const) {
  test(`Stop ends a \`while True: pass\` ${name}, and the next run works`, async ({ page }) => {
    const app = new LoopscopePage(page);
    await app.open();
    await app.setCode(code);
    await app.startRun();
    await expect(app.output).toContainText(marker);
    await expect(app.stopButton).toBeEnabled();

    const stoppedAt = Date.now();
    await app.stopButton.click();
    await app.waitRunEnd(10_000);
    // Isolated page: the interrupt lands in place, well within two seconds.
    expect(Date.now() - stoppedAt).toBeLessThan(2_000);
    await expect(app.notice).toContainText(/Stopped/);
    await app.waitReady();

    await app.setCode('print("after stop", 6 * 7)\n');
    await app.run();
    await expect(app.output).toContainText('after stop 42');
    await expect(app.notice).toContainText('Finished');
  });
}

test('a second Run while one is spinning replaces it and only the new output shows', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode('print("old run")\nwhile True:\n    pass\n');
  await app.startRun();
  await expect(app.output).toContainText('old run');
  await app.setCode('print("new run")\n');
  await app.run();
  await expect(app.output).toContainText('new run');
  await expect(app.output).not.toContainText('old run');
});
