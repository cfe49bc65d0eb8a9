import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in the system Chromium (never a downloaded browser). They run against the
 * production build served by `vite preview`; `npm run test:e2e` builds first. Timeouts are
 * generous because booting Pyodide on a busy two-core machine can take tens of seconds.
 */
/** The preview server's port; E2E_PORT lets a second run (a CI trial beside a dev server) coexist. */
const port = Number(process.env.E2E_PORT ?? 5173);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  // One retry in CI only: a test that passes on retry is still listed as "flaky" in the report,
  // so flakiness stays visible, but one slow Pyodide boot on a loaded machine does not fail a
  // whole submission. Locally, failures show at once.
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 20_000,
    navigationTimeout: 60_000,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
