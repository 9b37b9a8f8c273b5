import type { z } from 'zod';
import { invocationTypeSchema, skillScopeSchema } from './wire-enums.js';
import { lazySchema } from './lazy-schema.js';

export const skillInvocationEventParamsSchema = lazySchema((z) => z.strictObject({
  product_client_id: z.string().nullable(),
  skill_scope: skillScopeSchema.nullable(),
  repo_url: z.string().nullable(),
  thread_id: z.string().nullable(),
  invoke_type: invocationTypeSchema.nullable(),
  model_slug: z.string().nullable(),
}));

/** `skill_invocation`: one per invoked skill; the only event with top-level fields besides `event_params`. */
export const skillInvocationEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('skill_invocation'),
  skill_id: z.string(),
  skill_name: z.string(),
  event_params: skillInvocationEventParamsSchema,
}));
export type SkillInvocationEvent = z.infer<typeof skillInvocationEventSchema>;
