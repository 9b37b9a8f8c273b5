import { definePackageConfig } from '@codex-analytics/config/tsup';
import { defineConfig } from 'tsup';

export default defineConfig([
  // The library. `clean` keeps the CLI's files, which the second build writes at the same time.
  definePackageConfig({ clean: ['!cli.*'] }),
  // The `codex-analytics` bin (`codex-analytics replay`): ESM only, no types.
  definePackageConfig({
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
