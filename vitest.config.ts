import { defineConfig } from 'vitest/config';

// Unit tests live beside the code. tests/py/*.mjs are Node's own test runner files and e2e/ is
// Playwright's, so both are kept out of vitest.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    // The default 5 s is a wall-clock limit: on a busy 2-core machine a property test's hundred
    // cases (e.g. lite-history's diffText, a few milliseconds idle) have been starved past it.
    // Tests wait for results, not for time, so the limit only has to catch a hang.
    testTimeout: 60_000,
  },
});
