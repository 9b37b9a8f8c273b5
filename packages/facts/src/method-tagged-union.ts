import { loadZod } from '@codex-analytics/events';
import type { z } from 'zod';
import { compileAtFirstUse } from './compile-at-first-use.js';

/**
 * A union of JSON-RPC-shaped objects tagged by `method`, open to methods it does not know.
 *
 * An object whose `method` is one of `known`'s keys is validated by that schema only, so a `turn/start`
 * with malformed params fails with the path of the bad field instead of falling into `other`. Any other
 * method is validated by `other`. A plain `z.union` cannot do this: when every branch fails it reports
 * one opaque `invalid_union` issue at the union's own path.
 *
 * The schema's input type is the union of the branches' input types, its output type the union of their outputs
 * (the runtime accepts anything with a string `method` and lets the branch decide).
 *
 * Call it inside a `lazySchema` builder: it builds its schema at once.
 *
 * @internal
 */
export function methodTaggedUnion<const Known extends Readonly<Record<string, z.ZodType>>, Other extends z.ZodType>(
  known: Known,
  other: Other,
): z.ZodType<z.output<Known[keyof Known]> | z.output<Other>, z.input<Known[keyof Known]> | z.input<Other>> {
  type Output = z.output<Known[keyof Known]> | z.output<Other>;
  type Input = z.input<Known[keyof Known]> | z.input<Other>;
  const zod = loadZod();
  const byMethod = new Map<string, z.ZodType>(Object.entries(known));
  // Each branch compiled (`z.compile`) the first time a message of its method comes; the same answers, faster.
  const compiled = new Map<z.ZodType, z.ZodType>();
  const compiledBranch = (schema: z.ZodType): z.ZodType => {
    let branch = compiled.get(schema);
    if (branch === undefined) {
      branch = compileAtFirstUse(zod, schema);
      compiled.set(schema, branch);
    }
    return branch;
  };
  const dispatched = zod.looseObject({ method: zod.string() }).transform((value, context): Output => {
    const schema = compiledBranch(byMethod.get(value.method) ?? other);
    const result = schema.safeParse(value);
    if (result.success) return result.data as Output;
    for (const issue of result.error.issues) {
      context.addIssue({ ...issue, input: undefined });
    }
    return zod.NEVER;
  });
  return dispatched as unknown as z.ZodType<Output, Input>;
}

/** The `method` values in `known`, for building the "any other method" branch's refinement. */
export function otherMethodSchema(knownMethods: readonly string[]): z.ZodString {
  const known = new Set(knownMethods);
  return loadZod().string().refine((method) => !known.has(method), {
    message: `this method has its own schema (${knownMethods.join(', ')})`,
  });
}
