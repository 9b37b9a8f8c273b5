import { defineConfig } from 'vitest/config';

/**
 * The shared test setup: unit tests beside the code, mocks restored between tests, and a JSON
 * report per package that `scripts/test-totals.mjs` sums into the one `N passed, N failed` line.
 */
export function definePackageTestConfig(overrides = {}) {
  const { test = {}, ...rest } = overrides;
  return defineConfig({
    ...rest,
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      restoreMocks: true,
      reporters: ['default', 'json'],
      outputFile: { json: '.test-results/vitest.json' },
      testTimeout: 20_000,
      ...test,
    },
  });
}
