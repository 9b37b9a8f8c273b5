import { definePackageConfig } from '@codex-analytics/config/tsup';
import { defineConfig } from 'tsup';

export default defineConfig([
  // ESM: the library and the `codex-analytics` bin (`codex-analytics replay`; its hashbang is in src/cli.ts) in one
  // build with code splitting, so cli.js imports the library's code from a shared chunk instead of bundling it twice.
  // Each build cleans only its own files: the two run at the same time.
  definePackageConfig({
    entry: ['src/index.ts', 'src/cli.ts'],
    format: ['esm'],
    splitting: true,
    dts: { entry: 'src/index.ts' },
    clean: ['!*.cjs', '!*.d.cts'],
  }),
  // CJS: the library only.
  definePackageConfig({ format: ['cjs'], clean: ['!*.js', '!*.d.ts'] }),
]);
