/**
 * The service worker (public/sw.js): after one visit the app boots and runs Python with the
 * network off, and pages it serves from its cache keep cross-origin isolation (COOP/COEP) and the
 * Content-Security-Policy, which Stop's SharedArrayBuffer and the CSP checks rely on.
 */
import { expect, test } from '@playwright/test';
import { LoopscopePage } from './loopscope-page';

test('a second visit boots from the service worker cache, offline, still isolated', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const app = new LoopscopePage(page);
  await app.open();

  // The worker registers once the runtime is ready, then fills its caches; wait for both.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          if (!reg?.active) return 'no active worker';
          const urls: string[] = [];
          for (const name of await caches.keys()) {
            for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
          }
          const runtime = [
            'pyodide.mjs',
            'pyodide.asm.mjs',
            'pyodide.asm.wasm',
            'python_stdlib.zip',
          ];
          const missing = runtime.filter((f) => !urls.some((u) => u.endsWith(`/pyodide/${f}`)));
          if (missing.length) return `missing ${missing.join(', ')}`;
          if (!urls.includes(`${location.origin}/`)) return 'missing the page';
          if (!urls.some((u) => /\/assets\/pyodide\.worker-[^/]+\.js$/.test(u))) {
            return 'missing the worker script';
          }
          return 'cached';
        }),
      { timeout: 90_000 },
    )
    .toBe('cached');

  await context.setOffline(true);
  await page.reload();
  await app.waitReady();
  const info = await page.evaluate(() => ({
    controlled: navigator.serviceWorker.controller !== null,
    isolated: globalThis.crossOriginIsolated,
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]') !== null,
  }));
  expect(info).toEqual({ controlled: true, isolated: true, csp: true });

  await app.setCode(
    'import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    print("offline ok")\n\nasyncio.run(main())\n',
  );
  await app.run();
  await expect(app.output).toContainText('offline ok');
  expect(app.cspViolations).toEqual([]);
});
