import { definePackageTestConfig } from '@codex-analytics/config/vitest';

// The live suite installs the Codex CLI on first use and runs a real app-server session: its own timeouts bound it.
export default definePackageTestConfig({ test: { testTimeout: 60_000, hookTimeout: 600_000 } });
