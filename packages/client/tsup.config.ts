import { definePackageConfig } from '@codex-analytics/config/tsup';
import { defineConfig } from 'tsup';

// One build (a single declaration pass, so nothing races over dist/): the library and the `codex-analytics` bin
// (`codex-analytics replay`; its hashbang is in src/cli.ts), ESM with code splitting so cli.js imports the
// library's code from a shared chunk instead of bundling it twice. The CJS side carries the bin too (cli.cjs).
export default defineConfig(
  definePackageConfig({
    entry: ['src/index.ts', 'src/cli.ts'],
    splitting: true,
    dts: { entry: 'src/index.ts' },
  }),
);
