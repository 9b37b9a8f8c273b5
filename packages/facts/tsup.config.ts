import { definePackageConfig } from '@codex-analytics/config/tsup';
import { defineConfig } from 'tsup';

// Two entries: the package, and `/testing` (example data for the tests of the packages above; not in the main entry).
export default defineConfig(definePackageConfig({ entry: ['src/index.ts', 'src/testing.ts'] }));
