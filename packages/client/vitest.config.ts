import { definePackageTestConfig } from '@codex-analytics/config/vitest';

export default definePackageTestConfig();
