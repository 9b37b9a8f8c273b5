import { definePackageTestConfig } from '@codex-analytics/config/vitest';

export default definePackageTestConfig({ test: { include: ['*.test.ts'] } });
