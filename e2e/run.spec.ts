import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

test('opens with the asyncio example, runs it and shows its output in order', async ({ page }) => {
  const app = new LoopscopePage(page);
  await page.goto('/');
  // The example is visible while Python is still loading.
  await expect(app.editor).toContainText('asyncio.gather');
  await app.waitReady();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: /Python 3\.\d+/ })).toBeVisible();

  await app.run();
  await expect(app.output).toContainText("served in order of request: ['tea', 'coffee', 'cocoa']");
  // Virtual time orders the wake-ups by their sleeps, not by the order the tasks started.
  const text = await app.output.innerText();
  expect(text.indexOf('cocoa: ready')).toBeLessThan(text.indexOf('coffee: ready'));
  expect(text.indexOf('coffee: ready')).toBeLessThan(text.indexOf('tea: ready'));
  await expect(app.notice).toContainText('Finished');
  // The preview server sends the app's CSP; Monaco, its worker and Pyodide all live with it.
  const csp = await page.evaluate(async () =>
    (await fetch('/')).headers.get('content-security-policy'),
  );
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(app.cspViolations).toEqual([]);
});

test('Ctrl+Enter runs the code and stderr is shown apart from stdout', async ({ page }) => {
  const app = new LoopscopePage(page);
  await app.open();
  await app.setCode(
    [
      'import asyncio, sys',
      '',
      'async def main():',
      '    print("to stdout")',
      '    print("to stderr", file=sys.stderr)',
      '',
      'asyncio.run(main())',
      '',
    ].join('\n'),
  );
  const before = await app.runSeq();
  await app.editorInput.press('ControlOrMeta+Enter');
  await expect(app.playground).toHaveAttribute('data-run-seq', String(before + 1));
  await app.waitRunEnd();
  await expect(app.output.locator('[data-stream="stdout"]')).toContainText('to stdout');
  await expect(app.output.locator('[data-stream="stderr"]')).toContainText('to stderr');
});

test('while Python loads, the page shows the boot phase and the bytes downloaded', async ({
  page,
}) => {
  const app = new LoopscopePage(page);
  // Slow the network so the download phase lasts long enough to be seen.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 10,
    downloadThroughput: 2 * 1024 * 1024,
    uploadThroughput: 1024 * 1024,
  });
  await page.goto('/');
  const status = page.getByRole('status').filter({ hasText: /Downloading Python/ });
  await expect(status).toHaveText(/Downloading Python \d+\.\d \/ \d+\.\d MB/);
  await expect(page.getByRole('progressbar', { name: 'Python runtime loading' })).toBeVisible();
  // Run waits for Python; the editor is usable meanwhile.
  await expect(app.runButton).toBeDisabled();
  await app.waitReady();
  await expect(app.runButton).toBeEnabled();
});
