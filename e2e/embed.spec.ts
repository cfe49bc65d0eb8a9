import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import type { FrameLocator } from '@playwright/test';
import { decodeLink } from '../src/share/link';
import { LoopscopePage } from './loopscope-page';

/**
 * A course page on another origin hosts two embeds (public/embed-host-sample.html) and drives
 * them through the postMessage API. The host page is served by a plain server started here (no
 * app headers, another origin); the frames come from the preview server, so the messages really
 * cross origins. Both are on loopback: Chromium refuses to let other address spaces frame it.
 */
const TYPES: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };

/** A frame on a third origin that tries to drive the left embed and counts any answer. */
const ATTACK = `<!doctype html><body>received 0<script>
  let received = 0;
  addEventListener('message', () => { received++; document.body.textContent = 'received ' + received; });
  parent.frames[0].postMessage({ source: 'loopscope', version: 1, type: 'set-code', id: 'evil',
    payload: { code: 'print("pwned")' } }, '*');
  parent.frames[0].postMessage({ source: 'loopscope', version: 1, type: 'run', id: 'evil-run',
    payload: {} }, '*');
</script></body>`;

function listen(handler: http.RequestListener): Promise<{ origin: string; server: http.Server }> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ origin: `http://127.0.0.1:${port}`, server });
    }),
  );
}

let host: { origin: string; server: http.Server };
let evil: { origin: string; server: http.Server };

test.beforeAll(async () => {
  host = await listen(async (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    if (!/^embed-host-sample\.(html|js|css)$/.test(name)) {
      res.writeHead(404).end();
      return;
    }
    const body = await readFile(new URL(`../public/${name}`, import.meta.url));
    res.writeHead(200, { 'Content-Type': TYPES[name.split('.').pop()!] }).end(body);
  });
  evil = await listen((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(ATTACK);
  });
});

test.afterAll(async () => {
  await new Promise((r) => host.server.close(r));
  await new Promise((r) => evil.server.close(r));
});

function playground(frame: FrameLocator) {
  return frame.getByRole('main', { name: 'Loopscope playground' });
}

test('a host page drives two independent embeds through postMessage, within the rules', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  await page.goto(
    `${host.origin}/embed-host-sample.html?loopscope=${encodeURIComponent(baseURL + '/')}`,
  );
  const log = page.getByRole('list', { name: 'Messages from the embeds' });
  const left = page.frameLocator('#left');
  const right = page.frameLocator('#right');
  const send = (target: string, type: string, payload?: unknown) =>
    page.evaluate(
      ([t, ty, p]) =>
        (
          window as unknown as {
            loopscopeHost: { send(a: unknown, b: unknown, c: unknown): string };
          }
        ).loopscopeHost.send(t, ty, p),
      [target, type, payload] as const,
    );

  // Both boot their own Python; the left one runs by itself (autorun=1).
  await expect(playground(left)).toHaveAttribute('data-runtime-state', 'ready', {
    timeout: 180_000,
  });
  await expect(playground(right)).toHaveAttribute('data-runtime-state', 'ready', {
    timeout: 180_000,
  });
  await expect(log).toContainText('left ready {"autorun":true,"readonly":true}');
  await expect(log).toContainText('right ready {"autorun":false,"readonly":false}');
  await expect(log).toContainText('left run-finished {"outcome":"ok"', { timeout: 60_000 });
  await expect(left.getByRole('log', { name: 'Program output' })).toContainText(
    'readings, in the order asked',
  );

  // The host moves the left embed's debugger.
  const seekId = await send('left', 'seek', { step: 3 });
  await expect(log).toContainText(`left response {"ok":true} #${seekId}`);
  await expect(log).toContainText('left step-changed {"step":3,');
  await expect(left.getByTestId('cursor-step')).toHaveText('4');
  // The right embed has not run; its debugger has nothing to seek in.
  const noTrace = await send('right', 'seek', { step: 3 });
  await expect(log).toContainText(`right response {"ok":false,"error":"no-trace"`);
  expect(noTrace).toMatch(/^right-/);

  // The right embed was not opened with autorun: the host cannot run it...
  const refused = await send('right', 'run');
  await expect(log).toContainText(`right response {"ok":false,"error":"run-not-allowed"`);
  await expect(log).toContainText(`#${refused}`);
  await expect(playground(right)).toHaveAttribute('data-run-seq', '0');
  // ...but it may replace the code, which the reader then sees and runs with the embed's Run.
  await page.locator('.controls[data-target="right"] [data-action="set-code"]').click();
  await expect(log).toContainText(/right response \{"ok":true\} #right-\d+/);
  await right.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(right.getByRole('log', { name: 'Program output' })).toContainText(
    'hello from the host page',
  );
  await expect(log).toContainText('right run-finished {"outcome":"ok"');
  // After the reader's own Run, the host may run it again.
  await send('right', 'run');
  await expect(playground(right)).toHaveAttribute('data-run-seq', '2');

  // The two embeds stayed independent.
  await expect(left.getByRole('log', { name: 'Program output' })).not.toContainText(
    'hello from the host page',
  );
  await expect(left.getByTestId('cursor-step')).toHaveText('4');

  // A frame from a third origin is ignored, and gets no answer.
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.id = 'evil';
    frame.src = src;
    document.body.appendChild(frame);
  }, `${evil.origin}/attack.html`);
  await expect(page.frameLocator('#evil').locator('body')).toContainText('received 0');
  // Messages are delivered in order: once this answer is in, the attack was handled (dropped).
  const probe = await send('left', 'seek', { step: 2 });
  await expect(log).toContainText(`left response {"ok":true} #${probe}`);
  await expect(page.frameLocator('#evil').locator('body')).toHaveText('received 0');
  await expect(playground(left)).toHaveAttribute('data-run-seq', '1');
  await send('left', 'run');
  await expect(playground(left)).toHaveAttribute('data-run-seq', '2');
  await expect(playground(left)).toHaveAttribute('data-run-state', 'idle', { timeout: 60_000 });
  await expect(left.getByRole('log', { name: 'Program output' })).not.toContainText('pwned');

  // "Open in Loopscope" opens the embed's program on the full page.
  const open = left.getByRole('link', { name: /Open in Loopscope/ });
  await expect(open).toHaveAttribute('target', '_blank');
  const href = (await open.getAttribute('href'))!;
  const decoded = decodeLink(href);
  expect(decoded.ok && decoded.link.code).toContain('asyncio.gather');
  expect(new URL(href).origin).toBe(new URL(baseURL!).origin);
});

test('an embed replays a trace exported as JSON, before Python has started', async ({ page }) => {
  const golden = await readFile(
    new URL('../tests/golden/gather_sleeps.trace.json', import.meta.url),
    'utf8',
  );
  await page.route('**/traces/gather.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: golden }),
  );
  await page.route('**/traces/broken.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"format": "nope"' }),
  );
  const pyodideRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/pyodide/')) pyodideRequests.push(r.url());
  });
  await page.goto('/embed.html?v=1&trace=traces/gather.json&step=3&panels=editor,tasks,console');
  const main = page.getByRole('main', { name: 'Loopscope playground' });
  await expect(page.getByTestId('cursor-step')).toHaveText('4');
  // The recorded run is on screen and Python is not even being fetched.
  await expect(main).toHaveAttribute('data-runtime-state', 'booting');
  // Run is offered: pressing it would start Python, then run (e2e/replay-run.spec.ts).
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await expect(page.getByTestId('code-editor')).toContainText('async def worker(name, delay)');
  await page.getByRole('button', { name: 'Jump to end' }).click();
  await expect(page.getByRole('log', { name: 'Program output' })).toContainText("['A', 'B', 'C']");
  expect(pyodideRequests).toEqual([]);

  // The reader can still load Python and run the program.
  await page.getByRole('button', { name: 'Load Python to run it' }).click();
  const app = new LoopscopePage(page);
  await app.waitReady();
  expect(pyodideRequests.length).toBeGreaterThan(0);
  await app.run();
  await expect(app.output).toContainText('a finished after 0.3 s');

  // A damaged trace file gets a clear message instead of a frozen page.
  await page.goto('/embed.html?v=1&trace=traces/broken.json');
  await expect(
    page.getByRole('alert').filter({ hasText: 'This trace file cannot be opened' }),
  ).toBeVisible();
});

test('in a 900 px embed, Open in Loopscope stays on one line while Python boots', async ({
  page,
}) => {
  // Hold Python's download so the boot progress is on screen for the whole check.
  await page.context().route('**/pyodide.asm.wasm', () => {});
  await page.setViewportSize({ width: 900, height: 520 });
  await page.goto('/embed.html?v=1&example=gather');
  const main = page.getByRole('main', { name: 'Loopscope playground' });
  const open = page.getByRole('link', { name: /Open in Loopscope/ });
  await expect(open).toBeVisible();
  await expect(page.locator('.ls-runtime-booting')).toBeVisible();
  await expect(main).toHaveAttribute('data-runtime-state', 'booting');
  const lines = await open.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    // One box per line of text.
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(lines).toBe(1);
  const box = (await open.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(900);
});
