import type { ZodNamespace } from '@codex-analytics/events';

/**
 * `z.compile(schema)` where the installed zod has it (4.6 and later), else the schema itself. The compiled clone
 * parses with zod's generated parser and hands anything it does not accept to the schema's runtime parser, so
 * results and issues are the schema's own. For the schemas that run JavaScript of ours (a transform, a refinement)
 * and so cannot be generated at build time; called on a schema's first use.
 */
export function compileAtFirstUse<T extends object>(z: ZodNamespace, schema: T): T {
  const compile = (z as { compile?: (schema: T) => T }).compile;
  return typeof compile === 'function' ? compile(schema) : schema;
}
