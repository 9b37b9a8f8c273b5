import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { z as Zod } from 'zod';

/** The `z` namespace of zod, as a schema builder receives it. */
export type ZodNamespace = typeof Zod;

let loaded: ZodNamespace | undefined;

/**
 * zod's `z`, loaded on first call rather than at import: loading zod compiles ~120 modules (its locales among
 * them), which is most of the cost of importing a package that only declares schemas. Synchronous, so a schema
 * stays a plain value. The ESM build loads zod's ESM entry with `require(esm)` (Node >= 20.19), the very module
 * instance an `import 'zod'` of the caller gets; the CJS build requires zod's CJS entry, as a CJS caller does.
 */
export function loadZod(): ZodNamespace {
  loaded ??= requireZod();
  return loaded;
}

interface ZodModule {
  z: ZodNamespace;
}

function requireZod(): ZodNamespace {
  const load = createRequire(import.meta.url);
  // `import.meta.resolve` exists only in the ESM build (the CJS build compiles it to `undefined`).
  const specifier = typeof import.meta.resolve === 'function' ? fileURLToPath(import.meta.resolve('zod')) : 'zod';
  return (load(specifier) as ZodModule).z;
}
