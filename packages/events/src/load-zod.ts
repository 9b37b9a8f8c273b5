import { canLoadZodSync as canLoadSync, loadZod as load, loadZodAsync as loadAsync } from '@codex-analytics/internal/load-zod';
import type { z as Zod } from 'zod';

// zod loaded on first use: one mechanism, in the private @codex-analytics/internal package (inlined into this build),
// shared with auth. The public signatures are declared here, so this package's types never name the internal one.

/** The `z` namespace of zod, as a schema builder receives it. */
export type ZodNamespace = typeof Zod;

/**
 * zod's `z`, loaded on first call rather than at import: loading zod compiles ~120 modules (its locales among
 * them), which is most of the cost of importing a package that only declares schemas. Synchronous, so that a
 * schema stays a plain value: the ESM build loads zod's ESM entry with `require(esm)` (Node >= 20.19), the very
 * module instance an `import 'zod'` of the caller gets; the CJS build requires zod's CJS entry, as a CJS caller does.
 *
 * In a bundle that cannot `require` zod at run time, call `await loadZodAsync()` once before the first schema is
 * used (the client and the collector do); this throws a `TypeError` saying so otherwise.
 */
export const loadZod: () => ZodNamespace = load;

/**
 * Loads zod with a dynamic `import('zod')` (which bundlers follow) and keeps it for `loadZod`; resolves once it is
 * loaded. Loading never blocks the caller's task for the whole module graph, unlike the first `loadZod()`.
 */
export const loadZodAsync: () => Promise<ZodNamespace> = loadAsync;

/**
 * Whether `loadZod()` can load zod synchronously here, found by resolving zod's entry without loading it (a few
 * file-system lookups): false in a bundle that cannot `require` it, where `await loadZodAsync()` is needed first.
 */
export const canLoadZodSync: () => boolean = canLoadSync;
