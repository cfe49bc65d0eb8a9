import { defineConfig } from 'vitest/config';

// Unit tests live beside the code. tests/py/*.mjs are Node's own test runner files and e2e/ is
// Playwright's, so both are kept out of vitest.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
