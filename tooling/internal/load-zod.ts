import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { z as Zod } from 'zod';

/** The `z` namespace of zod, as a schema builder receives it. */
export type ZodNamespace = typeof Zod;

interface ZodModule {
  z: ZodNamespace;
}

let loaded: ZodNamespace | undefined;

/**
 * zod's `z`, loaded on first call rather than at import: loading zod compiles ~120 modules (its locales among
 * them), which is most of the cost of importing a package that only declares schemas. Synchronous, so that a
 * schema stays a plain value: the ESM build loads zod's ESM entry with `require(esm)` (Node >= 20.19), the very
 * module instance an `import 'zod'` of the caller gets; the CJS build requires zod's CJS entry, as a CJS caller does.
 *
 * In a bundle that cannot `require` zod at run time, call `await loadZodAsync()` once before the first schema is
 * used (the client and the collector do); this throws a `TypeError` saying so otherwise.
 */
export function loadZod(): ZodNamespace {
  if (loaded !== undefined) return loaded;
  try {
    loaded = requireZod();
  } catch (error) {
    throw new TypeError(
      'zod could not be loaded synchronously (is this a bundle?): `await loadZodAsync()` from @codex-analytics/events before using a schema',
      { cause: error },
    );
  }
  return loaded;
}

/**
 * Loads zod with a dynamic `import('zod')` (which bundlers follow) and keeps it for `loadZod`; resolves once it is
 * loaded. Loading never blocks the caller's task for the whole module graph, unlike the first `loadZod()`.
 */
export async function loadZodAsync(): Promise<ZodNamespace> {
  if (loaded !== undefined) return loaded;
  const module = (await import('zod')) as ZodModule;
  loaded ??= module.z;
  return loaded;
}

/**
 * Whether `loadZod()` can load zod synchronously here, found by resolving zod's entry without loading it (a few
 * file-system lookups): false in a bundle that cannot `require` it, where `await loadZodAsync()` is needed first.
 */
export function canLoadZodSync(): boolean {
  if (loaded !== undefined) return true;
  try {
    createRequire(import.meta.url).resolve(zodSpecifier());
    return true;
  } catch {
    return false;
  }
}

function zodSpecifier(): string {
  // `import.meta.resolve` exists only in the ESM build (the CJS build compiles it to `undefined`).
  return typeof import.meta.resolve === 'function' ? fileURLToPath(import.meta.resolve('zod')) : 'zod';
}

function requireZod(): ZodNamespace {
  return (createRequire(import.meta.url)(zodSpecifier()) as ZodModule).z;
}
