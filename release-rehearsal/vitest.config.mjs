import { definePackageTestConfig } from '../tooling/config/vitest.js';

// One long test file, run alone: it starts a registry, builds and publishes twice, installs four projects.
export default definePackageTestConfig({
  test: { include: ['*.test.mjs'], testTimeout: 1_200_000, hookTimeout: 600_000, fileParallelism: false },
});
