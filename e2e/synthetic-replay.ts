import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { traceToJson } from '../src/trace/json';
import { syntheticTrace, type SyntheticOptions } from '../src/trace/synthetic';

/**
 * Opens the app on a synthetic trace (src/trace/synthetic.ts) served at `path` and replayed
 * through `?trace=`, so Python is never started, and waits until the debugger shows the whole
 * run. Returns the debug bar and the run's number of events.
 */
export async function openSyntheticTrace(
  page: Page,
  path: string,
  options: SyntheticOptions,
): Promise<{ bar: Locator; events: number }> {
  const trace = syntheticTrace(options);
  const events = trace.events.kind.length;
  const body = traceToJson(trace);
  await page.route(`**/${path}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body }),
  );
  await page.goto(`/?trace=${path}`);
  const bar = page.getByRole('region', { name: 'Debugger' });
  await expect(bar.getByRole('toolbar')).toContainText(`/ ${events.toLocaleString('en-US')}`, {
    timeout: 120_000,
  });
  return { bar, events };
}
