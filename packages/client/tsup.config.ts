import { definePackageConfig } from '@codex-analytics/config/tsup';
import { defineConfig } from 'tsup';

export default defineConfig(definePackageConfig());
