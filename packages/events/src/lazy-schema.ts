import { lazySchema as lazy, resolveSchema as resolve } from '@codex-analytics/internal/lazy-schema';
import type { ZodNamespace } from './load-zod.js';

// One lazy-schema mechanism for every package that declares schemas (this one, and auth beside it): the private
// @codex-analytics/internal package, inlined into this build. The public signatures are declared here.

/**
 * Declares a schema that is built the first time it is used, not when its module loads:
 *
 * ```ts
 * export const hookRunEventSchema = lazySchema((z) => z.strictObject({ ... }));
 * export type HookRunEvent = z.infer<typeof hookRunEventSchema>; // with `import type { z } from 'zod'`
 * ```
 *
 * The value behaves as the schema itself (`parse`, `safeParse`, a field of another schema, `instanceof`,
 * `z.infer`): every property read goes to the schema, which `build` makes, with zod's `z`, on the first read. A
 * builder may use other lazy schemas; they are built when it runs. Nothing else may run at module load: every
 * schema of these packages is declared this way, so that importing a package costs almost nothing and a caller
 * pays only for the schemas it uses.
 */
export const lazySchema: <T extends object>(build: (z: ZodNamespace) => T) => T = lazy;

/**
 * The schema behind a `lazySchema` value (built now if it was not yet), or the value itself for any other
 * schema. Hot paths parse with the schema itself and skip the indirection of a property read per use.
 */
export const resolveSchema: <T extends object>(schema: T) => T = resolve;
