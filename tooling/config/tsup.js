import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The shared build: ESM and CJS, `.d.ts` and `.d.cts`, one explicit Node target. No
 * sourcemaps: the output is not minified (names and structure kept), so a published package ships readable code
 * and no maps or sources beside it.
 * The private `@codex-analytics/internal` helpers are inlined into the code (`noExternal`), so no published package
 * depends on an unpublished one; a package whose public types show one of them declares those types itself (see
 * events' `lazy-schema.ts`), so its `.d.ts` never names the internal package (`check-tarball` fails a build that does).
 * A package passes only its entry points; everything else is settled here once.
 */
export function definePackageConfig({ entry = ['src/index.ts'], packageDir = process.cwd(), ...rest } = {}) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    noExternal: [/^@codex-analytics\/internal(\/|$)/],
    define: {
      __PACKAGE_VERSION__: JSON.stringify(manifest.version),
    },
    ...rest,
  };
}
